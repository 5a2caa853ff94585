// An account, shortened, with the cooperative's contract names and "you" spelled out.
import { useApp } from '../hooks.js';
import { accountKey } from '../logic/actions.js';

function nameOf(conn, address) {
  try {
    const key = accountKey(address);
    if (conn?.account && accountKey(conn.account) === key) return 'you';
    for (const [name, a] of Object.entries(conn?.addresses ?? {})) {
      if (a && accountKey(a) === key) return name;
    }
  } catch {
    // not an address: shown as it is
  }
  return null;
}

export default function Address({ value }) {
  const { conn } = useApp();
  if (!value) return <span className="muted">—</span>;
  const text = String(value);
  const name = nameOf(conn, text);
  return (
    <span className="address" title={text}>
      {name && <strong>{name} </strong>}
      <code>{text.length > 16 ? `${text.slice(0, 6)}…${text.slice(-6)}` : text}</code>
    </span>
  );
}
