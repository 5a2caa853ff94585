// The representative match score, OkCupid style: a line-for-line port of
// e2e-tests/src/matching.rs, so a member's ranking in the browser is the one `usos match`
// prints. Shared vectors in test/match-vectors.json keep the two in step.

/** Importance 0..=4 weighs 0, 1, 10, 50, 250 (irrelevant to mandatory); anything else 0. */
export const IMPORTANCE_WEIGHTS = [0, 1, 10, 50, 250];
/** Below this many shared questions a match is scaled by `shared / MIN_SHARED`. */
export const MIN_SHARED = 5;

function weight(importance) {
  return IMPORTANCE_WEIGHTS[importance] ?? 0;
}

/** Whether `accepted` (a bit mask over answers 0..=15) accepts `value`. */
export function accepts(accepted, value) {
  return value < 16 && ((accepted >> value) & 1) === 1;
}

/** How well `b`'s answers satisfy `a`, in 0..=1 (1 when nothing matters to `a`). */
export function satisfaction(a, b) {
  let got = 0;
  let max = 0;
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) {
    const w = weight(a[i].importance);
    max += w;
    if (accepts(a[i].accepted, b[i].value)) got += w;
  }
  return max === 0 ? 1 : got / max;
}

/** The match between two members, 0..=100; questions pair up by position. */
export function matchPercent(a, b) {
  const shared = Math.min(a.length, b.length);
  if (shared === 0) return 0;
  const mean = Math.sqrt(satisfaction(a, b) * satisfaction(b, a));
  const evidence = Math.min(shared / MIN_SHARED, 1);
  // Same order of operations as the Rust, so both give the same double.
  return 100 * mean * evidence;
}

/**
 * Representatives ranked for `member`, best first; equal scores keep the order given
 * (Array.prototype.sort is stable, as Rust's sort_by is). `reps`: [{ id, answers }].
 */
export function rank(member, reps) {
  return reps
    .map((rep) => ({ ...rep, score: matchPercent(member, rep.answers) }))
    .sort((x, y) => y.score - x.score);
}
