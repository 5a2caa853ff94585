// A typed form for any message of a cooperative contract, built from its metadata: send it
// (mode "send") or hand the typed values back to build a proposal action (mode "build").
import { useMemo, useState } from 'react';
import { useApp } from '../hooks.js';
import { METADATA } from '../chain/abis.js';
import { initialValue, messageFields, messageSpec, messageValues } from '../logic/args.js';
import { parseUnits } from '../logic/units.js';
import ArgField from './ArgField.jsx';
import TxButton from './TxButton.jsx';

export default function MessageForm({ contract, label, mode = 'send', onBuild, submitText, onDone }) {
  const { conn } = useApp();
  const meta = METADATA[contract];
  const spec = useMemo(() => messageSpec(meta, label), [meta, label]);
  const fields = useMemo(() => messageFields(meta, label), [meta, label]);
  const [drafts, setDrafts] = useState(() => fields.map((f) => initialValue(f.field)));
  const [amount, setAmount] = useState('');
  const [error, setError] = useState(null);

  // Typed values from the drafts; a readable error names the field.
  const values = () => messageValues(meta, label, drafts);
  const value = () => (spec.payable && amount ? parseUnits(amount, conn.decimals) : 0n);

  const build = () => {
    setError(null);
    try {
      onBuild(values());
    } catch (e) {
      setError(e.message);
    }
  };

  return (
    <div className="message-form">
      {spec.docs.length > 0 && <p className="muted small">{spec.docs.join(' ').trim()}</p>}
      {fields.map((f, i) => (
        <ArgField key={`${label}-${f.name}`} desc={f.field} value={drafts[i]} label={`${f.name}: ${f.typeName}`}
          onChange={(v) => setDrafts(drafts.map((d, j) => (j === i ? v : d)))} />
      ))}
      {spec.payable && mode === 'send' && (
        <label className="arg">
          <span className="arg-label">amount sent ({conn.symbol})</span>
          <input value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="0" inputMode="decimal" />
        </label>
      )}
      {mode === 'build' ? (
        <>
          <button type="button" onClick={build}>{submitText ?? 'Use these arguments'}</button>
          {error && <p className="error">{error}</p>}
        </>
      ) : (
        <TxButton call={() => ({ name: contract, label, args: values(), value: value() })} onDone={onDone}>
          {submitText ?? label}
        </TxButton>
      )}
    </div>
  );
}
