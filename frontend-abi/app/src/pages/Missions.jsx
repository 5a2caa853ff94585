// Missions: the usOS token balance, open missions to claim and submit, reviews for reviewers,
// and creating a mission (its bounty escrowed from your balance) with a typed form.
import { useState } from 'react';
import { useApp, useLoad } from '../hooks.js';
import { read, readOr } from '../chain/read.js';
import { scanIds } from '../chain/cooperative.js';
import { variant } from '../logic/numbers.js';
import { isAddress } from '../logic/settings.js';
import { accountKey } from '../logic/actions.js';
import { formatInt, formatUnits } from '../logic/units.js';
import Address from '../components/Address.jsx';
import Loading from '../components/Loading.jsx';
import MessageForm from '../components/MessageForm.jsx';
import TxButton from '../components/TxButton.jsx';

async function loadMissions(conn, me) {
  const [balance, symbol, decimals] = await Promise.all([
    read(conn, 'missions', 'PSP22::balance_of', me),
    readOr('usOS', conn, 'missions', 'PSP22Metadata::token_symbol'),
    readOr(0, conn, 'missions', 'PSP22Metadata::token_decimals'),
  ]);
  const missions = await scanIds((id) => read(conn, 'missions', 'mission', id), 1);
  const claims = await Promise.all(missions.map((m) => read(conn, 'missions', 'claim_of', m.id, me)));
  return { balance, symbol, decimals, missions: missions.map((m, i) => ({ ...m, myClaim: claims[i] })).reverse() };
}

const HASH = /^0x[0-9a-fA-F]{64}$/;

function Mission({ m, me, block, token }) {
  const [evidence, setEvidence] = useState('');
  const [claimant, setClaimant] = useState('');
  const status = variant(m.status).name;
  const reviewers = variant(m.spec.reviewers);
  const isCreator = accountKey(m.creator) === accountKey(me);
  const open = status === 'Open';
  const reviewer = reviewers.name === 'Accounts' ? reviewers.value.some((a) => accountKey(a) === accountKey(me)) : null;
  return (
    <li className="card wide">
      <h3>
        #{m.id} {m.spec.title} <span className={`state ${status.toLowerCase()}`}>{status}</span>
      </h3>
      <p className="muted small">
        bounty {formatUnits(m.spec.bounty, token.decimals, token.symbol)} · deadline block {formatInt(m.spec.deadline)}
        {open && m.spec.deadline > block && ` (${formatInt(m.spec.deadline - block)} blocks left)`} · {m.claimants} claimant(s)
        {m.spec.maxClaimants != null && ` of ${m.spec.maxClaimants}`} · {m.spec.approvalsNeeded} approval(s) needed · reviewers:{' '}
        {reviewers.name === 'Category' ? `holders of merit category ${reviewers.value}` : reviewers.value.length} · funded by{' '}
        {variant(m.funding).name.toLowerCase()} · by <Address value={m.creator} />
        {m.awaitingReview > 0 && ` · ${m.awaitingReview} submission(s) awaiting review`}
        {m.paidTo && <> · paid to <Address value={m.paidTo} /></>}
      </p>
      <p className="muted small">description hash <code>{m.spec.description}</code></p>
      {open && (
        <div className="row">
          {!m.myClaim && !isCreator && (
            <TxButton call={() => ({ name: 'missions', label: 'claim', args: [m.id] })}>Claim</TxButton>
          )}
          {m.myClaim && (
            <>
              <span className="small">
                Your claim: round {m.myClaim.round}, {m.myClaim.approvals} approval(s), {m.myClaim.rejections} rejection(s)
                {m.myClaim.evidence ? ', submitted' : ''}
              </span>
              <input value={evidence} onChange={(e) => setEvidence(e.target.value.trim())} placeholder="evidence hash 0x… (32 bytes)" />
              <TxButton disabled={!HASH.test(evidence)} call={() => ({ name: 'missions', label: 'submit', args: [m.id, evidence] })}>Submit work</TxButton>
              <TxButton className="secondary" call={() => ({ name: 'missions', label: 'unclaim', args: [m.id, me] })}>Give up</TxButton>
            </>
          )}
          {isCreator && <TxButton className="secondary" call={() => ({ name: 'missions', label: 'cancel', args: [m.id] })}>Cancel</TxButton>}
          {block >= m.spec.deadline && <TxButton className="secondary" call={() => ({ name: 'missions', label: 'expire', args: [m.id] })}>Expire</TxButton>}
        </div>
      )}
      {open && reviewer !== false && (
        <div className="row">
          <span className="small">{reviewer ? 'You review this mission:' : 'Review (holders of the category):'}</span>
          <input value={claimant} onChange={(e) => setClaimant(e.target.value.trim())} placeholder="claimant address" list="known-addresses" />
          <TxButton disabled={!isAddress(claimant)} call={() => ({ name: 'missions', label: 'review', args: [m.id, claimant, true] })}>Approve</TxButton>
          <TxButton className="secondary" disabled={!isAddress(claimant)} call={() => ({ name: 'missions', label: 'review', args: [m.id, claimant, false] })}>Reject</TxButton>
        </div>
      )}
    </li>
  );
}

export default function Missions() {
  const { conn, account, block } = useApp();
  const me = account?.address;
  const [filter, setFilter] = useState('Open');
  const state = useLoad(() => (me && conn.addresses.missions ? loadMissions(conn, me) : null), [me, conn.addresses.missions]);
  if (!conn.addresses.missions) return <p className="error">The missions contract is not known: enter its address in the settings (top right).</p>;
  if (!me) return <p className="muted">Connect a wallet account to work on missions.</p>;
  return (
    <Loading state={state}>
      {(d) => {
        const token = { symbol: d.symbol, decimals: d.decimals };
        const shown = d.missions.filter((m) => filter === 'all' || variant(m.status).name === filter);
        return (
          <>
            <h1>Missions</h1>
            <p>Your balance: <strong>{formatUnits(d.balance, d.decimals, d.symbol)}</strong></p>
            <div className="tabs">
              {['Open', 'Paid', 'Cancelled', 'Expired', 'all'].map((s) => (
                <button key={s} type="button" className={filter === s ? 'tab active' : 'tab'} onClick={() => setFilter(s)}>{s}</button>
              ))}
            </div>
            {shown.length === 0 && <p className="muted">No mission here.</p>}
            <ul className="plain">
              {shown.map((m) => <Mission key={m.id} m={m} me={me} block={block} token={token} />)}
            </ul>
            <details className="card wide">
              <summary>Create a mission (the bounty is escrowed from your balance)</summary>
              <MessageForm contract="missions" label="create_mission" submitText="Create mission" />
            </details>
          </>
        );
      }}
    </Loading>
  );
}
