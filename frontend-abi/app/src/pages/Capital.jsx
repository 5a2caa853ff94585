// Capital: my stake and share, deposit and withdraw (locks explained), and the queue of
// capital reports anyone may flush to governance.
import { useState } from 'react';
import { useApp, useLoad } from '../hooks.js';
import { read } from '../chain/read.js';
import { parseUnits, formatInt, formatShare, formatUnits, formatBps } from '../logic/units.js';
import Loading from '../components/Loading.jsx';
import TxButton from '../components/TxButton.jsx';

async function loadCapital(conn, me, block) {
  const [stake, share, raw, pool, caps, lock, votedUntil, pending, household] = await Promise.all([
    read(conn, 'capital', 'stake', me),
    read(conn, 'capital', 'CapitalView::share_at', me, block),
    read(conn, 'capital', 'raw_at', me, block),
    read(conn, 'capital', 'pool_at', block),
    read(conn, 'capital', 'caps_at', block),
    read(conn, 'capital', 'lock_blocks'),
    read(conn, 'governance', 'VoteLock::voted_until', me),
    read(conn, 'capital', 'pending_reports'),
    read(conn, 'membership', 'household_of', me),
  ]);
  return { stake, share, raw, pool, caps, lock, votedUntil, pending, household };
}

export default function Capital() {
  const { conn, account, block } = useApp();
  const me = account?.address;
  const [deposit, setDeposit] = useState('');
  const [withdraw, setWithdraw] = useState('');
  const state = useLoad(() => (me ? loadCapital(conn, me, block) : null), [me, conn.addresses.capital], [block]);
  if (!me) return <p className="muted">Connect a wallet account to invest.</p>;
  const amount = (text) => parseUnits(text, conn.decimals);
  const fmt = (x) => formatUnits(x, conn.decimals, conn.symbol);
  return (
    <Loading state={state}>
      {(d) => {
        const lockedBy = Math.max(Number(d.stake.lockedUntil), Number(d.votedUntil));
        return (
          <>
            <h1>Capital</h1>
            <div className="cards">
              <div className="card"><h3>Deposited</h3><p className="big">{fmt(d.stake.deposited)}</p></div>
              <div className="card"><h3>Contributed</h3><p className="big">{fmt(d.stake.contributed)}</p>
                <p className="muted small">labour and resources recorded by the cooperative</p></div>
              <div className="card"><h3>Your share</h3><p className="big">{formatShare(d.share)}</p>
                <p className="muted small">
                  of the pool of {fmt(d.pool)}; counted stake {fmt(d.raw)}
                  {d.caps && ` · capped at ${formatBps(d.caps.individual)} each, ${formatBps(d.caps.household)} per household`}
                  {d.household !== null && ` · household #${d.household}`}
                </p></div>
            </div>
            <div className="card wide">
              <h3>Deposit</h3>
              <p className="muted small">Members invest native currency; it stays locked {formatInt(d.lock)} blocks, and until every proposal you voted on has ended.</p>
              <div className="row">
                <input value={deposit} onChange={(e) => setDeposit(e.target.value)} placeholder={`amount in ${conn.symbol}`} inputMode="decimal" />
                <TxButton call={() => ({ name: 'capital', label: 'deposit', args: [], value: amount(deposit) })} onDone={() => setDeposit('')}>
                  Deposit
                </TxButton>
              </div>
            </div>
            <div className="card wide">
              <h3>Withdraw</h3>
              {lockedBy > block ? (
                <p className="muted small">
                  Locked until block {formatInt(lockedBy)} ({formatInt(lockedBy - block)} blocks)
                  {Number(d.votedUntil) >= Number(d.stake.lockedUntil) ? ': a proposal you voted on is still open.' : '.'}
                </p>
              ) : <p className="muted small">Your deposits are unlocked.</p>}
              <div className="row">
                <input value={withdraw} onChange={(e) => setWithdraw(e.target.value)} placeholder={`amount in ${conn.symbol}`} inputMode="decimal" />
                <TxButton call={() => ({ name: 'capital', label: 'withdraw', args: [amount(withdraw)] })} onDone={() => setWithdraw('')}>
                  Withdraw
                </TxButton>
              </div>
            </div>
            {d.pending > 0 && (
              <div className="card wide">
                <h3>Capital reports waiting</h3>
                <p className="muted small">{d.pending} units' share changes have not reached governance yet; until then it counts their old share. Anyone may pass the next ones on.</p>
                <TxButton call={() => ({ name: 'capital', label: 'flush_reports', args: [] })}>Flush reports</TxButton>
              </div>
            )}
          </>
        );
      }}
    </Loading>
  );
}
