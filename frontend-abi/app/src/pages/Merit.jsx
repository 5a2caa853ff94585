// Merit: my credentials per category, open nominations to attest (approve or reject),
// finalising after the window, nominating someone (yourself included), and sweeping expiries.
import { useState } from 'react';
import { useApp, useLoad } from '../hooks.js';
import { read, readOr } from '../chain/read.js';
import { loadCategories, scanIds } from '../chain/cooperative.js';
import { variant } from '../logic/numbers.js';
import { formatInt, formatBps } from '../logic/units.js';
import Address from '../components/Address.jsx';
import Loading from '../components/Loading.jsx';
import MessageForm from '../components/MessageForm.jsx';
import TxButton from '../components/TxButton.jsx';

async function loadMerit(conn, me) {
  const categories = (await loadCategories(conn)).filter((c) => c.id > 0 && c.rules);
  const credentials = await Promise.all(categories.map((c) => readOr(null, conn, 'merit', 'credential', me, c.id)));
  const nominations = await scanIds((id) => read(conn, 'merit', 'nomination', id), 1);
  return { categories, credentials, nominations: nominations.reverse() };
}

function kindText(kind) {
  const k = variant(kind);
  return k.name === 'Issue' ? `issue level ${k.value}` : 'revoke';
}

export default function Merit() {
  const { conn, account, block } = useApp();
  const me = account?.address;
  const [onlyOpen, setOnlyOpen] = useState(true);
  const state = useLoad(() => (me ? loadMerit(conn, me) : null), [me, conn.addresses.merit]);
  if (!me) return <p className="muted">Connect a wallet account to see your credentials.</p>;
  return (
    <Loading state={state}>
      {(d) => (
        <>
          <h1>Merit</h1>
          <h2>Your credentials</h2>
          <table>
            <thead><tr><th>category</th><th>level</th><th>points</th><th>issued</th><th>expires</th><th /></tr></thead>
            <tbody>
              {d.categories.map((c, i) => {
                const cred = d.credentials[i];
                return (
                  <tr key={c.id}>
                    <td>{c.id} · {c.name}</td>
                    <td>{cred ? cred.level : '—'}</td>
                    <td>{cred ? cred.points : '—'}</td>
                    <td>{cred ? `block ${formatInt(cred.issuedAt)}` : '—'}</td>
                    <td>{cred?.expiresAt != null ? `block ${formatInt(cred.expiresAt)}` : cred ? 'never' : '—'}</td>
                    <td>
                      <TxButton className="secondary small" call={() => ({ name: 'merit', label: 'ExpirySweep::sweep', args: [c.id, 16] })}>
                        Sweep expiries
                      </TxButton>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="muted small">
            A proposal in a category is refused while its expired credentials are not noted (ExpiriesPending): anyone's sweep catches up, 16 at a time.
          </p>

          <h2>Nominations</h2>
          <label className="inline small">
            <input type="checkbox" checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)} /> open only
          </label>
          <ul className="plain">
            {d.nominations.filter((n) => !onlyOpen || variant(n.status).name === 'Open').map((n) => {
              const status = variant(n.status).name;
              const windowOpen = block <= n.closesAt;
              return (
                <li key={n.id} className="card wide">
                  <h3>
                    #{n.id} {kindText(n.kind)} for <Address value={n.nominee} /> in category {n.category}{' '}
                    <span className={`state ${status.toLowerCase()}`}>{status}</span>
                  </h3>
                  <p className="muted small">
                    {n.approvals} approve / {n.rejections} reject of {n.electorate} holders · {n.required} approvals required
                    {variant(n.kind).name === 'Revoke' && ` and ${formatBps(n.revokeMajority)} of those attesting`} · window until block{' '}
                    {formatInt(n.closesAt)} · nominated by <Address value={n.nominatedBy} /> · evidence <code>{n.evidence.slice(0, 18)}…</code>
                  </p>
                  {status === 'Open' && (
                    <div className="row">
                      {windowOpen ? (
                        <>
                          <TxButton call={() => ({ name: 'merit', label: 'attest', args: [n.id, true] })}>Approve</TxButton>
                          <TxButton className="secondary" call={() => ({ name: 'merit', label: 'attest', args: [n.id, false] })}>Reject</TxButton>
                        </>
                      ) : (
                        <TxButton call={() => ({ name: 'merit', label: 'finalise', args: [n.id] })}>Finalise</TxButton>
                      )}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>

          <details className="card wide">
            <summary>Nominate a member (yourself included) for a credential or its revocation</summary>
            <MessageForm contract="merit" label="nominate" submitText="Nominate" />
          </details>
        </>
      )}
    </Loading>
  );
}
