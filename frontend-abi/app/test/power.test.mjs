// The power breakdown a member sees, from governance's answers through the real codecs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { powerBreakdown } from '../src/logic/power.js';
import { abi, BOB } from './metadata.mjs';

const governance = abi('governance');
const answer = (type, value) => governance.registry.createType(type, value).toPrimitive();
const E18 = 10n ** 18n;
const params = answer('GovernanceCategoryParams', { weights: { equal: 2500, merit: 2500, capital: 5000 } });
const totals = answer('GovernancePoolAmounts', { equal: 100, merit: 20, capital: E18 });

test('a member with two delegators, merit and a 3% stake', () => {
  const power = answer('GovernancePoolAmounts', { equal: 3, merit: 5, capital: 3n * E18 / 100n });
  const b = powerBreakdown({ power, totals, params, budget: 10n ** 12n, own: { member: true, merit: 2, capital: 3n * E18 / 100n } });
  const [equal, merit, capital] = b.pools;
  // Budgets 250 G / 250 G / 500 G (full capital pool).
  assert.deepEqual([equal.amount, equal.own, equal.received, equal.percentOfPool, equal.points], [3n, 1n, 2n, 3, 7_500_000_000n]);
  assert.deepEqual([merit.amount, merit.own, merit.received, merit.percentOfPool, merit.points], [5n, 2n, 3n, 25, 62_500_000_000n]);
  assert.deepEqual([capital.capitalShare, capital.points, capital.received], [3, 15_000_000_000n, 0n]);
  assert.equal(b.points, 85_000_000_000n);
  assert.equal(b.percentOfBudget, 8.5);
  assert.equal(b.delegatingTo, null);
});

test('capital counts against the whole pool when the pool is not full', () => {
  // Only 40% of the pool is allocated: capital's weight is 5000·0.4 = 2000 of 7000.
  const partial = answer('GovernancePoolAmounts', { equal: 100, merit: 20, capital: 4n * E18 / 10n });
  const power = answer('GovernancePoolAmounts', { equal: 1, merit: 0, capital: 2n * E18 / 100n });
  const b = powerBreakdown({ power, totals: partial, params, budget: 7n * 10n ** 12n, delegate: BOB });
  const capital = b.pools[2];
  assert.equal(capital.capitalShare, 2, '2% of the whole pool');
  assert.equal(capital.percentOfPool, 5, '5% of what is allocated');
  // B_c = 7e12 · 2000/7000 = 2e12; 2e12 · 0.02/0.4 = 1e11 = 2e12 · 5% (a 2% share of the whole pool worth W_c·2%).
  assert.equal(capital.points, 100_000_000_000n);
  assert.deepEqual([b.pools[0].own, b.pools[0].received], [null, null], 'unknown without own amounts');
  assert.equal(b.delegatingTo, BOB);
});

test('no merit in the category: the merit pool gives its weight to the others', () => {
  const noMerit = answer('GovernancePoolAmounts', { equal: 10, merit: 0, capital: E18 });
  const power = answer('GovernancePoolAmounts', { equal: 1, merit: 0, capital: 0 });
  const b = powerBreakdown({ power, totals: noMerit, params, budget: 3n * 10n ** 12n });
  assert.deepEqual(b.pools.map((p) => p.points), [100_000_000_000n, 0n, 0n]);
  assert.equal(b.pools[1].percentOfPool, 0);
});
