// A button that sends one contract call and shows its progress: checked by a dry-run,
// signing, submitted, in block, finalised; or the contract's readable refusal.
import { useState } from 'react';
import { useApp } from '../hooks.js';
import { sendCall } from '../chain/tx.js';

const STAGES = ['checking', 'signing', 'submitted', 'in block', 'finalised'];

export function TxProgress({ stage, error }) {
  if (!stage && !error) return null;
  const at = STAGES.indexOf(stage);
  return (
    <div className="tx">
      {!error && (
        <ol className="stages">
          {STAGES.map((s, i) => (
            <li key={s} className={i < at ? 'done' : i === at ? 'now' : ''}>{s}</li>
          ))}
        </ol>
      )}
      {error && <p className="error">{error}</p>}
    </div>
  );
}

/**
 * `call()` returns { name, label, args, value } (or throws a readable error, e.g. a form's);
 * `onDone(result)` runs once the call is in a block.
 */
export default function TxButton({ call, children, onDone, disabled, className = '' }) {
  const { conn, account, bump } = useApp();
  const [stage, setStage] = useState(null);
  const [error, setError] = useState(null);
  const busy = stage && !['in block', 'finalised'].includes(stage) && !error;
  const run = async () => {
    setError(null);
    setStage(null);
    try {
      const c = call();
      const result = await sendCall(conn, account, c, ({ stage: s, error: e }) => {
        if (e) setError(e);
        else setStage(s);
      });
      bump();
      onDone?.(result);
    } catch (e) {
      setError(e.message);
    }
  };
  return (
    <span className="txbutton">
      <button type="button" onClick={run} disabled={disabled || busy || !account} className={className}
        title={account ? '' : 'Connect a wallet account first'}>
        {children}
      </button>
      <TxProgress stage={stage} error={error} />
    </span>
  );
}
