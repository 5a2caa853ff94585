// The JS match score reproduces the shared vectors (the Rust ranker reads the same file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { matchPercent, satisfaction, rank, accepts } from '../src/logic/match.js';

const vectors = JSON.parse(readFileSync(new URL('./match-vectors.json', import.meta.url)));
const close = (actual, expected, what) =>
  assert.ok(Math.abs(actual - expected) <= 1e-9, `${what}: got ${actual}, expected ${expected}`);

test('the vector file has the edge cases the Rust test relies on', () => {
  assert.ok(vectors.cases.length >= 12);
  const names = vectors.cases.map((c) => c.name).join(' | ');
  for (const edge of ['no shared', 'nothing matters', 'fewer than 5', '>= 16', 'full agreement']) {
    assert.ok(names.includes(edge), `missing a case for "${edge}"`);
  }
});

for (const c of vectors.cases) {
  test(`match vector: ${c.name}`, () => {
    close(matchPercent(c.a, c.b), c.expected, 'a→b');
    // The score is symmetric, so the swapped pair gives the same value.
    close(matchPercent(c.b, c.a), c.expected, 'b→a');
  });
}

test('satisfaction is 1 when nothing matters, and weighs importance 0,1,10,50,250', () => {
  const q = (value, accepted, importance) => ({ value, accepted, importance });
  assert.equal(satisfaction([q(0, 0, 0)], [q(5, 0, 4)]), 1);
  // a cares about two questions (250 and 1); b satisfies only the weight-1 one.
  assert.equal(satisfaction([q(0, 0b1, 4), q(0, 0b1, 1)], [q(1, 0, 0), q(0, 0, 0)]), 1 / 251);
  assert.equal(accepts(0x8000, 15), true);
  assert.equal(accepts(0xffff, 16), false);
});

test('rank: best first, equal scores in the order given', () => {
  for (const r of vectors.rankings) {
    const ranked = rank(r.member, r.reps);
    assert.deepEqual(ranked.map((x) => x.id), r.expected_order);
    for (const x of ranked) close(x.score, r.expected_scores[x.id], x.id);
  }
});
