// Connects the browser wallet (polkadot{.js}, Talisman, SubWallet) and picks the signing
// account; on a local node, the dev keys are offered too.
import { useEffect, useState } from 'react';
import { devAccounts, walletAccounts } from '../chain/wallet.js';

const LOCAL = /^wss?:\/\/(127\.0\.0\.1|localhost)(:\d+)?/;
const SAVED = 'usos.account';

export default function AccountPicker({ node, account, onChange }) {
  const [accounts, setAccounts] = useState([]);
  const [error, setError] = useState(null);

  const add = (list) => {
    setAccounts((old) => {
      const seen = new Set(old.map((a) => `${a.source}:${a.address}`));
      return [...old, ...list.filter((a) => !seen.has(`${a.source}:${a.address}`))];
    });
  };
  // The first account to arrive, or the one chosen last time, signs until another is picked.
  useEffect(() => {
    if (account || accounts.length === 0) return;
    const saved = localStorage.getItem(SAVED);
    onChange(accounts.find((a) => `${a.source}:${a.address}` === saved) ?? accounts[0]);
  }, [accounts, account, onChange]);
  const connect = () => {
    setError(null);
    walletAccounts().then(add, (e) => setError(e.message));
  };
  const dev = () => devAccounts().then(add, (e) => setError(e.message));

  // A wallet allowed before answers without a prompt: ask once on load.
  useEffect(() => {
    walletAccounts().then(add, () => {});
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const choose = (e) => {
    const next = accounts.find((a) => `${a.source}:${a.address}` === e.target.value) ?? null;
    if (next) localStorage.setItem(SAVED, e.target.value);
    onChange(next);
  };
  return (
    <div className="account">
      {accounts.length > 0 && (
        <select value={account ? `${account.source}:${account.address}` : ''} onChange={choose}>
          {accounts.map((a) => (
            <option key={`${a.source}:${a.address}`} value={`${a.source}:${a.address}`}>
              {a.name || a.address.slice(0, 10)} · {a.address.slice(0, 6)}…{a.address.slice(-4)}
            </option>
          ))}
        </select>
      )}
      <button type="button" onClick={connect}>
        {accounts.some((a) => a.source !== 'dev') ? 'Refresh wallet' : 'Connect wallet'}
      </button>
      {LOCAL.test(node) && !accounts.some((a) => a.source === 'dev') && (
        <button type="button" className="secondary" onClick={dev} title="//Alice, //Bob … of a --dev chain">
          Dev keys
        </button>
      )}
      {error && <span className="error small">{error}</span>}
    </div>
  );
}
