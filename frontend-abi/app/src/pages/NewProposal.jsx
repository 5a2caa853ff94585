// A new proposal: a category, a title and description, and up to 8 actions, each built from
// a contract's metadata with a typed form (never hand-encoded bytes), checked against what the
// category may carry, shown encoded for review, then proposed.
import { useState } from 'react';
import { useApp, useLoad } from '../hooks.js';
import { loadCategories } from '../chain/cooperative.js';
import { read } from '../chain/read.js';
import { abiOf, METADATA } from '../chain/abis.js';
import { decodeAction, encodeCall, toAction } from '../logic/actions.js';
import { parseUnits, formatUnits } from '../logic/units.js';
import CategorySelect from '../components/CategorySelect.jsx';
import MessageForm from '../components/MessageForm.jsx';
import TxButton from '../components/TxButton.jsx';
import Loading from '../components/Loading.jsx';

const MAX_ACTIONS = 8;
// Messages only other contracts call: a proposal carrying them would be refused by the callee.
const INTERNAL = /^(MembershipListener|MeritListener|CapitalListener|CapitalRecorder)::|^connect$/;

function messagesOf(name) {
  return METADATA[name].spec.messages.filter((m) => m.mutates && !INTERNAL.test(m.label)).map((m) => m.label);
}

function ActionBuilder({ category, onAdd }) {
  const { conn } = useApp();
  const names = Object.keys(conn.addresses).filter((n) => conn.addresses[n]);
  const [contract, setContract] = useState('membership');
  const [label, setLabel] = useState('admit');
  const [call, setCall] = useState(null);
  const [allowed, setAllowed] = useState(null);
  const [value, setValue] = useState('');
  const [error, setError] = useState(null);

  const pickContract = (name) => {
    setContract(name);
    setLabel(messagesOf(name)[0]);
    setCall(null);
  };
  const built = async (values) => {
    const encoded = encodeCall(abiOf(contract), label, values);
    setCall(encoded);
    setAllowed(null);
    // Whether the category may carry it: propose would refuse it (ActionNotAllowed) otherwise.
    setAllowed(await read(conn, 'governance', 'carries', category, conn.addresses[contract], encoded.selector).catch(() => null));
  };
  const add = () => {
    setError(null);
    try {
      onAdd(toAction(conn.addresses[contract], call, value ? parseUnits(value, conn.decimals) : 0n));
      setCall(null);
      setValue('');
    } catch (e) {
      setError(e.message);
    }
  };
  return (
    <div className="card wide">
      <h3>Add an action</h3>
      <div className="row">
        <label>
          Contract{' '}
          <select value={contract} onChange={(e) => pickContract(e.target.value)}>
            {names.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <label>
          Message{' '}
          <select value={label} onChange={(e) => { setLabel(e.target.value); setCall(null); }}>
            {messagesOf(contract).map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </label>
      </div>
      <MessageForm key={`${contract}.${label}`} contract={contract} label={label} mode="build" onBuild={built}
        submitText="Encode this call" />
      {call && (
        <div className="review">
          <p>
            Encoded: selector <code>{call.selector}</code>, input <code className="wrap">{call.input}</code>
          </p>
          {allowed === false && <p className="error">Category {category} may not carry {contract}.{label}: the proposal would be refused.</p>}
          {allowed === true && <p className="ok">Category {category} may carry this call.</p>}
          <label className="arg">
            <span className="arg-label">value sent with the call ({conn.symbol}, from the treasury)</span>
            <input value={value} onChange={(e) => setValue(e.target.value)} placeholder="0" />
          </label>
          <button type="button" onClick={add}>Add to the proposal</button>
          {error && <p className="error">{error}</p>}
        </div>
      )}
    </div>
  );
}

export default function NewProposal() {
  const { conn } = useApp();
  const categories = useLoad(() => loadCategories(conn), [conn.addresses.governance]);
  const [category, setCategory] = useState(null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [actions, setActions] = useState([]);
  const [created, setCreated] = useState(null);
  return (
    <Loading state={categories}>
      {(list) => {
        const cat = category ?? list.find((c) => c.id > 0 && c.params)?.id ?? 0;
        return (
          <>
            <h1>New proposal</h1>
            <div className="card wide">
              <label className="arg">
                <span className="arg-label">Category</span>
                <CategorySelect categories={list.filter((c) => c.params)} value={cat} onChange={setCategory} />
              </label>
              <label className="arg">
                <span className="arg-label">Title</span>
                <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
              </label>
              <label className="arg">
                <span className="arg-label">Description (text, or a URI / hash of the full text)</span>
                <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={4} />
              </label>
            </div>

            {actions.length < MAX_ACTIONS && <ActionBuilder category={cat} onAdd={(a) => setActions([...actions, a])} />}

            <h2>Review</h2>
            {actions.length === 0 && <p className="muted">No action: the proposal only records the cooperative's decision.</p>}
            <ol className="actions">
              {actions.map((a, i) => {
                const d = decodeAction(a, conn.byAddress);
                return (
                  <li key={i} className="action">
                    <strong>{d.contract}.{d.message}</strong>(
                    {d.args.map((x) => `${x.name}: ${JSON.stringify(x.value.toHuman())}`).join(', ')})
                    {a.value > 0n && ` · sends ${formatUnits(a.value, conn.decimals, conn.symbol)}`}
                    <br />
                    <code className="wrap small">{a.selector}{a.input.slice(2)}</code>{' '}
                    <button type="button" className="secondary small" onClick={() => setActions(actions.filter((_, j) => j !== i))}>remove</button>
                  </li>
                );
              })}
            </ol>
            <TxButton
              call={() => {
                if (!title.trim()) throw new Error('A proposal needs a title.');
                return { name: 'governance', label: 'propose', args: [cat, title, description, actions] };
              }}
              onDone={({ value }) => setCreated(value.toNumber())}>
              Propose
            </TxButton>
            {created !== null && (
              <p className="ok">Proposed: <a href={`#/proposal/${created}`}>proposal #{created}</a>.</p>
            )}
          </>
        );
      }}
    </Loading>
  );
}
