// "Make a block", offered only on a development chain, where blocks come only with
// transactions: otherwise a proposal there would never reach its next state.
import { useState } from 'react';
import { useApp, useLoad } from '../hooks.js';
import { isDevelopmentChain, makeBlock } from '../chain/devchain.js';

export default function MakeBlockButton() {
  const { conn, account } = useApp();
  const dev = useLoad(() => isDevelopmentChain(conn.api), [conn.api]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  if (dev.data !== true || !account) return null;
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await makeBlock(conn.api, account);
    } catch (e) {
      setError(e.message);
    }
    setBusy(false);
  };
  return (
    <>
      {' '}
      <button type="button" className="secondary" onClick={run} disabled={busy}
        title="A development chain makes a block only when a transaction arrives: this signs an empty remark">
        Make a block
      </button>
      {error && <span className="error small"> {error}</span>}
    </>
  );
}
