// My power per category: what I hold and receive in each pool (equal, merit, capital), what a
// vote of mine would count now in decision points, and where I delegate.
import { useApp, useLoad } from '../hooks.js';
import { read, readOr } from '../chain/read.js';
import { loadCategories } from '../chain/cooperative.js';
import { powerBreakdown } from '../logic/power.js';
import { formatInt, formatPercent, formatShare, formatUnits } from '../logic/units.js';
import Address from '../components/Address.jsx';
import Loading from '../components/Loading.jsx';

async function loadPower(conn, me, block) {
  const [categories, config, member, share, stake, info] = await Promise.all([
    loadCategories(conn),
    read(conn, 'governance', 'config'),
    read(conn, 'membership', 'is_member', me),
    read(conn, 'capital', 'CapitalView::share_at', me, block),
    read(conn, 'capital', 'stake', me),
    readOr(null, conn, 'membership', 'member', me),
  ]);
  const rows = await Promise.all(
    categories.filter((c) => c.params).map(async (c) => {
      const [power, totals, merit, delegate] = await Promise.all([
        read(conn, 'governance', 'power_at', c.id, me, block),
        read(conn, 'governance', 'totals_at', c.id, block),
        c.id === 0 ? 0 : readOr(0, conn, 'merit', 'MeritView::merit_at', me, c.id, block),
        read(conn, 'governance', 'delegate_of', c.id, me),
      ]);
      const breakdown = powerBreakdown({
        power, totals, params: c.params, budget: config.budget, own: { member, merit, capital: share }, delegate,
      });
      return { category: c, breakdown };
    }),
  );
  return { rows, member, share, stake, info };
}

function Pools({ b }) {
  return (
    <table className="compact">
      <thead>
        <tr><th>pool</th><th>you hold</th><th>received</th><th>of the pool</th><th>points now</th></tr>
      </thead>
      <tbody>
        {b.pools.map((p) => (
          <tr key={p.pool}>
            <td>{p.label}</td>
            <td>{p.pool === 'capital' ? formatShare(p.own ?? 0n) : formatInt(p.own ?? 0n)}</td>
            <td>{p.pool === 'capital' ? formatShare(p.received ?? 0n) : formatInt(p.received ?? 0n)}</td>
            <td>{p.pool === 'capital' ? `${formatPercent(p.capitalShare, 4)} of the whole pool` : formatPercent(p.percentOfPool)}</td>
            <td>{formatInt(p.points)} <span className="muted small">({formatPercent(p.percentOfBudget)})</span></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function Power() {
  const { conn, account, block } = useApp();
  const me = account?.address;
  const state = useLoad(() => (me ? loadPower(conn, me, block) : null), [me, conn.addresses.governance], [block]);
  if (!me) return <p className="muted">Connect a wallet account to see your power.</p>;
  return (
    <Loading state={state}>
      {(d) => (
        <>
          <h1>My power</h1>
          <p>
            {d.member ? <>You are a member{d.info ? ` (${d.info.class}, since block ${formatInt(d.info.since)})` : ''}.</> : <strong>You are not a member of this cooperative.</strong>}{' '}
            Capital: {formatUnits(d.stake.deposited, conn.decimals, conn.symbol)} deposited,{' '}
            {formatUnits(d.stake.contributed, conn.decimals, conn.symbol)} contributed; share {formatShare(d.share)} of the pool.
          </p>
          <p className="muted small">
            "Received" is what members delegating to you (directly or through others) add. "Points now" is what your vote would
            count in a proposal snapshotted at block {formatInt(block)}; a proposal counts its own snapshot.
          </p>
          {d.rows.map(({ category, breakdown }) => (
            <section key={category.id} className="card wide">
              <h3>
                {category.id} · {category.name}{' '}
                <span className="muted small">{formatInt(breakdown.points)} points ({formatPercent(breakdown.percentOfBudget)} of a decision)</span>
              </h3>
              {breakdown.delegatingTo ? (
                <p>
                  You delegate to <Address value={breakdown.delegatingTo} />: it votes these points unless you vote yourself.{' '}
                  <a href="#/delegation">Change</a>
                </p>
              ) : (
                <p className="muted small">You vote yourself in this category. <a href="#/delegation">Delegate</a></p>
              )}
              <Pools b={breakdown} />
            </section>
          ))}
        </>
      )}
    </Loading>
  );
}
