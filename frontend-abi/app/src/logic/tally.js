// A proposal's tally as the page draws it: pool units per choice (governance `tally`), turned
// into decision points exactly as governance's power.rs does (BigInt, rounded down), with
// quorum and approval against the proposal's thresholds. Recomputing it here lets the page
// show each pool's part, which `outcome` sums away, and the verdict before anyone finalises.
import { big, field, percent, bpsToPercent } from './numbers.js';

export const POOLS = ['equal', 'merit', 'capital'];
export const CHOICES = ['For', 'Against', 'Abstain'];
export const POOL_LABELS = { equal: 'Members (equal)', merit: 'Merit', capital: 'Capital' };

const ONE = 10_000n; // basis points in 100%
const SHARE_SCALE = 10n ** 18n; // capital shares: 10^18 is the whole pool

/** { equal, merit, capital } as BigInts from a PoolAmounts answer. */
export function poolAmounts(x) {
  return { equal: big(field(x, 'equal')), merit: big(field(x, 'merit')), capital: big(field(x, 'capital')) };
}

/** A Tally answer as { For, Against, Abstain } of pool amounts (the field is `for_` in Rust). */
export function choicesOf(tally) {
  return {
    For: poolAmounts(field(tally, 'for_') ?? tally.for),
    Against: poolAmounts(field(tally, 'against')),
    Abstain: poolAmounts(field(tally, 'abstain')),
  };
}

const mulDiv = (a, b, d) => (d === 0n ? 0n : (a * b) / d);

/** Each pool's part of `budget` (power.rs `pool_budgets`): empty pools and unallocated capital pass on. */
export function poolBudgets(budget, weights, totals) {
  const w = (name) => big(field(weights, name));
  const e = totals.equal > 0n ? w('equal') * SHARE_SCALE : 0n;
  const m = totals.merit > 0n ? w('merit') * SHARE_SCALE : 0n;
  const c = w('capital') * (totals.capital < SHARE_SCALE ? totals.capital : SHARE_SCALE);
  const sum = e + m + c;
  const b = big(budget);
  return { equal: mulDiv(b, e, sum), merit: mulDiv(b, m, sum), capital: mulDiv(b, c, sum) };
}

/** Decision points of `amounts` in pool units (power.rs `points`), rounded down per pool. */
export function points(budgets, totals, amounts) {
  const one = (pool) => {
    const amount = amounts[pool] < totals[pool] ? amounts[pool] : totals[pool];
    return mulDiv(budgets[pool], amount, totals[pool]);
  };
  return { equal: one('equal'), merit: one('merit'), capital: one('capital') };
}

const sum = (p) => p.equal + p.merit + p.capital;

/**
 * The verdict (power.rs `outcome`): quorum counts For + Abstain against the budget (Against
 * never helps a proposal over quorum); approval needs For / (For + Against) *more than* the
 * threshold, and some For.
 */
export function outcome(params, budget, totals, tally) {
  const b = big(budget);
  const budgets = poolBudgets(b, field(params, 'weights'), totals);
  const choices = choicesOf(tally);
  const pts = Object.fromEntries(CHOICES.map((c) => [c, points(budgets, totals, choices[c])]));
  const f = sum(pts.For);
  const a = sum(pts.Against);
  const participation = f + sum(pts.Abstain);
  const quorum = big(field(params, 'quorum'));
  const approval = big(field(params, 'approval'));
  const quorumMet = participation * ONE >= b * quorum;
  const approved = f > 0n && !(approval * (f + a) >= f * ONE);
  return { budgets, points: pts, participation, quorumMet, approved, passed: quorumMet && approved };
}

/**
 * Everything the proposal page and its chart show: per pool and choice the amount, its
 * percentage of the pool's total at the snapshot and its decision points; quorum and approval
 * as percentages next to their thresholds.
 */
export function tallyView({ params, budget, totals: rawTotals, tally }) {
  const totals = poolAmounts(rawTotals);
  const result = outcome(params, budget, totals, tally);
  const choices = choicesOf(tally);
  const b = big(budget);
  const pools = POOLS.map((pool) => ({
    pool,
    label: POOL_LABELS[pool],
    total: totals[pool],
    budget: result.budgets[pool],
    choices: CHOICES.map((choice) => ({
      choice,
      amount: choices[choice][pool],
      percentOfPool: percent(choices[choice][pool], totals[pool]) ?? 0,
      points: result.points[choice][pool],
      percentOfBudget: percent(result.points[choice][pool], b) ?? 0,
    })),
  }));
  const byChoice = CHOICES.map((choice) => ({
    choice,
    points: sum(result.points[choice]),
    percentOfBudget: percent(sum(result.points[choice]), b) ?? 0,
  }));
  const f = sum(result.points.For);
  const a = sum(result.points.Against);
  return {
    pools,
    byChoice,
    quorum: {
      percent: percent(result.participation, b) ?? 0,
      threshold: bpsToPercent(field(params, 'quorum')),
      met: result.quorumMet,
    },
    approval: {
      percent: percent(f, f + a),
      threshold: bpsToPercent(field(params, 'approval')),
      met: result.approved,
    },
    passed: result.passed,
  };
}
