// What comes next for a proposal, from the stored proposal as the real codec gives it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextStep, statusOf, availableActions } from '../src/logic/proposal.js';
import { abi, ALICE, BOB } from './metadata.mjs';

const governance = abi('governance');
const proposal = (status) => governance.registry
  .createType('GovernanceProposal', { proposer: ALICE, category: 1, snapshot: 100, vote_end: 200, grace: 50, status })
  .toPrimitive();

test('the stored status reads as a name and its eta', () => {
  assert.deepEqual(statusOf(proposal('Open')), { name: 'Open', eta: null });
  assert.deepEqual(statusOf(proposal({ Queued: { eta: 230 } })), { name: 'Queued', eta: 230 });
});

test('blocks until the next state', () => {
  const open = proposal('Open');
  assert.deepEqual(nextStep(open, 'Pending', 98), { label: 'Voting opens', at: 101, inBlocks: 3 });
  assert.deepEqual(nextStep(open, 'Active', 150), { label: 'Voting closes', at: 201, inBlocks: 51 });
  assert.deepEqual(nextStep(open, 'Succeeded', 210), { label: 'Expires unless finalised', at: 251, inBlocks: 41 });
  const queued = proposal({ Queued: { eta: 230 } });
  assert.deepEqual(nextStep(queued, 'Queued', 220), { label: 'Executable', at: 230, inBlocks: 10 });
  assert.deepEqual(nextStep(queued, 'Queued', 240), { label: 'Expires unless executed', at: 280, inBlocks: 40 });
  assert.equal(nextStep(proposal('Executed'), 'Executed', 300), null);
});

test('which buttons can work', () => {
  const open = proposal('Open');
  assert.deepEqual(availableActions(open, 'Pending', 100, ALICE), { vote: false, finalise: false, execute: false, cancel: true });
  assert.equal(availableActions(open, 'Pending', 100, BOB).cancel, false);
  assert.equal(availableActions(open, 'Active', 150, BOB).vote, true);
  assert.equal(availableActions(open, 'Defeated', 201, BOB).finalise, true, 'a defeated proposal is closed by finalise');
  const queued = proposal({ Queued: { eta: 230 } });
  assert.equal(availableActions(queued, 'Queued', 229, BOB).execute, false);
  assert.equal(availableActions(queued, 'Queued', 230, BOB).execute, true);
});
