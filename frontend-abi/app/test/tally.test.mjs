// Tally percentages and the verdict, as governance's power.rs computes them, checked on
// hand-computed cooperatives; the answers come through the real metadata's codecs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tallyView, outcome, poolBudgets, poolAmounts } from '../src/logic/tally.js';
import { abi } from './metadata.mjs';

const governance = abi('governance');
// What api-contract's query gives, after toPrimitive (camelCase keys, u128 as strings).
const answer = (type, value) => governance.registry.createType(type, value).toPrimitive();
const E18 = 10n ** 18n;
const params = answer('GovernanceCategoryParams', {
  weights: { equal: 2500, merit: 2500, capital: 5000 },
  voting_delay: 1, voting_period: 100, approval: 5000, quorum: 2000, timelock: 10, max_depth: 8, override_window: 5,
});
const BUDGET = 10n ** 12n;
// 100 members, 20 merit points, 60% of the capital pool allocated.
const totals = answer('GovernancePoolAmounts', { equal: 100, merit: 20, capital: 6n * E18 / 10n });
const tally = answer('GovernanceTally', {
  for_: { equal: 43, merit: 4, capital: 2n * E18 / 10n },
  against: { equal: 23, merit: 4, capital: E18 / 10n },
  abstain: { equal: 1, merit: 2, capital: 5n * E18 / 100n },
});

test('pool budgets: capital weighs by its allocated part, the rest passes pro rata', () => {
  // weights 2500 : 2500 : 5000·0.6 = 2500 : 2500 : 3000 of 8000.
  assert.deepEqual(poolBudgets(BUDGET, params.weights, poolAmounts(totals)), {
    equal: 312_500_000_000n, merit: 312_500_000_000n, capital: 375_000_000_000n,
  });
  // Nobody holds merit: its weight goes to the others (2500 : 0 : 5000, full capital pool).
  assert.deepEqual(poolBudgets(BUDGET, params.weights, { equal: 10n, merit: 0n, capital: E18 }), {
    equal: 333_333_333_333n, merit: 0n, capital: 666_666_666_666n,
  });
});

test('the view: per pool and choice, percentages of the pool and decision points', () => {
  const view = tallyView({ params, budget: BUDGET, totals, tally });
  const equal = view.pools.find((p) => p.pool === 'equal');
  assert.deepEqual(equal.choices.map((c) => [c.choice, c.amount, c.percentOfPool, c.points]), [
    ['For', 43n, 43, 134_375_000_000n],
    ['Against', 23n, 23, 71_875_000_000n],
    ['Abstain', 1n, 1, 3_125_000_000n],
  ]);
  const capital = view.pools.find((p) => p.pool === 'capital');
  assert.deepEqual(capital.choices.map((c) => c.points), [125_000_000_000n, 62_500_000_000n, 31_250_000_000n]);
  assert.ok(Math.abs(capital.choices[0].percentOfPool - 100 / 3) < 1e-6);
  assert.deepEqual(view.byChoice.map((c) => [c.choice, c.points, c.percentOfBudget]), [
    ['For', 321_875_000_000n, 32.1875],
    ['Against', 196_875_000_000n, 19.6875],
    ['Abstain', 65_625_000_000n, 6.5625],
  ]);
  // Quorum: For + Abstain = 38.75% of the budget ≥ 20%. Approval: 321.875 / 518.75 > 50%.
  assert.deepEqual([view.quorum.percent, view.quorum.threshold, view.quorum.met], [38.75, 20, true]);
  assert.ok(Math.abs(view.approval.percent - 62.0481927) < 1e-6);
  assert.deepEqual([view.approval.threshold, view.approval.met, view.passed], [50, true, true]);
});

test('approval needs more than the threshold, and some For', () => {
  const tie = answer('GovernanceTally', { for_: { equal: 30 }, against: { equal: 30 } });
  const t = outcome(params, BUDGET, poolAmounts(totals), tie);
  assert.equal(t.approved, false, 'exactly 50% is not more than 50%');
  const none = outcome(params, BUDGET, poolAmounts(totals), answer('GovernanceTally', { abstain: { equal: 100 } }));
  assert.deepEqual([none.quorumMet, none.approved], [true, false]);
  const view = tallyView({ params, budget: BUDGET, totals, tally: answer('GovernanceTally', {}) });
  assert.equal(view.approval.percent, null, 'no For or Against: no approval figure');
});

test('Against never lifts a proposal over quorum; quorum met at exactly the threshold', () => {
  // 20 of 100 members For is exactly 20% of the equal pool: 62.5 G points = 6.25% of budget.
  const onlyEqual = { ...params, weights: { equal: 10000, merit: 0, capital: 0 } };
  const exact = outcome(onlyEqual, BUDGET, poolAmounts(totals), answer('GovernanceTally', { for_: { equal: 20 } }));
  assert.deepEqual([exact.participation, exact.quorumMet], [200_000_000_000n, true]);
  const against = outcome(onlyEqual, BUDGET, poolAmounts(totals), answer('GovernanceTally', { for_: { equal: 19 }, against: { equal: 80 } }));
  assert.equal(against.quorumMet, false);
});

test('points round down per pool, so a decision never counts more than its budget', () => {
  const three = { equal: 3n, merit: 0n, capital: 0n };
  const t = outcome(params, 10n ** 6n + 1n, three, answer('GovernanceTally', { for_: { equal: 1 }, against: { equal: 1 }, abstain: { equal: 1 } }));
  assert.equal(t.points.For.equal, 333_333n);
  assert.ok(t.points.For.equal + t.points.Against.equal + t.points.Abstain.equal <= 10n ** 6n + 1n);
});
