// The power a member sees in one category, per pool, from what governance answers:
// `power_at(category, account, block)` (what the account holds and receives through
// delegations, in pool units), `totals_at(category, block)`, the category's `params` and
// `config().budget`. Points use the same arithmetic as a vote's count (tally.js), so "your
// vote is worth N points now" is what a proposal snapshotted now would count.
import { poolAmounts, poolBudgets, points, POOLS, POOL_LABELS } from './tally.js';
import { big, field, percent } from './numbers.js';

const SHARE_SCALE = 10n ** 18n;

/**
 * → { pools: [{ pool, label, amount, total, own, received, percentOfPool, points,
 *     percentOfBudget, capitalShare }], points, percentOfBudget, delegatingTo }
 * `own` (optional): what the account holds itself ({ member: bool, merit, capital }), so the
 * rest is what its delegators give it. `delegate`: whom it delegates to, if anyone: its power
 * then counts there unless it votes itself.
 */
export function powerBreakdown({ power, totals, params, budget, own = null, delegate = null }) {
  const mine = poolAmounts(power);
  const all = poolAmounts(totals);
  const b = big(budget);
  const budgets = poolBudgets(b, field(params, 'weights'), all);
  const pts = points(budgets, all, mine);
  const ownAmounts = own
    ? { equal: own.member ? 1n : 0n, merit: big(own.merit), capital: big(own.capital) }
    : null;
  const pools = POOLS.map((pool) => {
    const received = ownAmounts ? mine[pool] - ownAmounts[pool] : null;
    return {
      pool,
      label: POOL_LABELS[pool],
      amount: mine[pool],
      total: all[pool],
      own: ownAmounts ? ownAmounts[pool] : null,
      received: received !== null && received > 0n ? received : received === null ? null : 0n,
      percentOfPool: percent(mine[pool], all[pool]) ?? 0,
      points: pts[pool],
      percentOfBudget: percent(pts[pool], b) ?? 0,
      // Capital counts against the whole pool (10^18), not against the shares allocated.
      capitalShare: pool === 'capital' ? percent(mine.capital, SHARE_SCALE) : null,
    };
  });
  const total = pts.equal + pts.merit + pts.capital;
  return { pools, points: total, percentOfBudget: percent(total, b) ?? 0, delegatingTo: delegate ?? null };
}
