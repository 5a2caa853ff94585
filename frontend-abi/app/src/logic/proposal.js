// Where a proposal stands and what comes next, from `proposal(id)`, `state(id)` and the best
// block. The rules are governance's data.rs: voting opens the block after the snapshot and
// closes after `vote_end`; a passed proposal is finalised within `grace` blocks of the end,
// then executes from `eta` (finalise + timelock) until `eta + grace`.
import { field, variant } from './numbers.js';

export const STATES = ['Pending', 'Active', 'Succeeded', 'Queued', 'Defeated', 'Executed', 'Canceled', 'Expired'];
export const FINAL_STATES = new Set(['Executed', 'Canceled', 'Expired', 'Defeated']);

/** The stored status (`Open`, `Queued { eta }`, …) as { name, eta }. */
export function statusOf(proposal) {
  const { name, value } = variant(field(proposal, 'status'));
  return { name, eta: name === 'Queued' ? Number(field(value, 'eta')) : null };
}

/**
 * The next change of state: { label, at, inBlocks } (`at` is the first block it applies;
 * inBlocks counts from `now`), or null for a final state.
 */
export function nextStep(proposal, state, now) {
  const snapshot = Number(field(proposal, 'snapshot'));
  const voteEnd = Number(field(proposal, 'vote_end'));
  const grace = Number(field(proposal, 'grace'));
  const step = (label, at) => ({ label, at, inBlocks: Math.max(0, at - now) });
  switch (state) {
    case 'Pending':
      return step('Voting opens', snapshot + 1);
    case 'Active':
      return step('Voting closes', voteEnd + 1);
    case 'Succeeded':
      return step('Expires unless finalised', voteEnd + grace + 1);
    case 'Queued': {
      const { eta } = statusOf(proposal);
      return now < eta ? step('Executable', eta) : step('Expires unless executed', eta + grace);
    }
    default:
      return null;
  }
}

/**
 * The buttons that can work now (the contract still has the last word): vote while Active;
 * finalise an Open proposal whose voting has ended; execute a Queued one from its eta; cancel
 * (the proposer) while Pending.
 */
export function availableActions(proposal, state, now, account) {
  const status = statusOf(proposal);
  const voteEnd = Number(field(proposal, 'vote_end'));
  const proposer = field(proposal, 'proposer');
  return {
    vote: state === 'Active',
    finalise: status.name === 'Open' && now > voteEnd,
    execute: state === 'Queued' && now >= status.eta,
    cancel: state === 'Pending' && account != null && account === proposer,
  };
}
