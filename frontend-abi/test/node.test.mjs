// As a wallet does it, against a running substrate-contracts-node (USOS_NODE_URL): upload the
// code, deploy the factory, create a cooperative, propose and vote, each call signed by a dev
// key; then a batch of votes signed off-chain with lib/relay.mjs, relayed by a non-member and
// verified by the contract itself. Skipped without USOS_NODE_URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { Abi, ContractPromise } from '@polkadot/api-contract';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { bundle, callOptions, createCooperative, makeBlocks, send } from '../lib/deploy.mjs';
import { signVote, voteHash } from '../lib/relay.mjs';

const url = process.env.USOS_NODE_URL;
const skip = !url && 'USOS_NODE_URL is not set';

async function withNode(body) {
  await cryptoWaitReady();
  const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true });
  try {
    await body(api);
  } finally {
    await api.disconnect();
  }
}

test('a wallet creates a cooperative through the factory and votes', { skip }, () =>
  withNode(async (api) => {
    const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
    const options = callOptions(api);
    const coop = await createCooperative(api, alice, { name: 'Riverside', founders: [alice.address] });
    const governance = new ContractPromise(api, new Abi(bundle('governance')), coop.governance);
    const proposed = await governance.query.propose(alice.address, options, 0, 'Hello', 'ipfs://hello', []);
    const id = proposed.output.toJSON().ok.ok;
    await send(api, governance.tx.propose(options, 0, 'Hello', 'ipfs://hello', []), alice);
    // Voting opens the block after the snapshot (one block after proposing): make two blocks.
    await makeBlocks(api, alice, 2);
    const voted = await send(api, governance.tx.castVote(options, id, 'For'), alice);
    const names = (voted.contractEvents || []).map((e) => e.event.identifier);
    assert.ok(names.some((n) => n.endsWith('VoteCast')), `events: ${names}`);
    const tally = (await governance.query.tally(alice.address, options, id)).output.toJSON().ok;
    assert.equal(BigInt(tally.for.equal), 1n, `tally ${JSON.stringify(tally)}`);
  }));

test('votes signed off-chain by lib/relay.mjs count when a non-member relays them', { skip }, () =>
  withNode(async (api) => {
    const sr = new Keyring({ type: 'sr25519' });
    const [alice, bob, charlie] = ['//Alice', '//Bob', '//Charlie'].map((s) => sr.addFromUri(s));
    const ecdsa = new Keyring({ type: 'ecdsa' });
    const keys = { alice: ecdsa.addFromUri('//Alice//vote'), bob: ecdsa.addFromUri('//Bob//vote') };
    const forger = ecdsa.addFromUri('//Mallory//vote');
    const options = callOptions(api);
    const coop = await createCooperative(api, alice, {
      name: 'Relay',
      founders: [alice.address, bob.address],
    });
    const governance = new ContractPromise(api, new Abi(bundle('governance')), coop.governance);
    // Each member registers its voting key once, by its own signed call.
    await send(api, governance.tx.setVotingKey(options, u8aToHex(keys.alice.publicKey)), alice);
    await send(api, governance.tx.setVotingKey(options, u8aToHex(keys.bob.publicKey)), bob);
    const read = await governance.query.votingKey(alice.address, options, bob.address);
    assert.equal(read.output.toJSON().ok, u8aToHex(keys.bob.publicKey), 'the key Bob registered');

    const proposed = await governance.query.propose(alice.address, options, 0, 'Relayed', 'ipfs://r', []);
    const id = proposed.output.toJSON().ok.ok;
    await send(api, governance.tx.propose(options, 0, 'Relayed', 'ipfs://r', []), alice);
    await makeBlocks(api, alice, 2);

    const g = coop.governance;
    const aliceFor = signVote(keys.alice, { governance: g, proposal: id, choice: 'For', voter: alice.address });
    const bobAgainst = signVote(keys.bob, { governance: g, proposal: id, choice: 'Against', voter: bob.address });
    const forged = signVote(forger, { governance: g, proposal: id, choice: 'Against', voter: alice.address });
    // The hash the helper signs is the one the contract computes.
    const hash = await governance.query.voteHash(charlie.address, options, aliceFor);
    const signed = voteHash({ governance: g, proposal: id, choice: 'For', voter: alice.address });
    assert.equal(hash.output.toJSON().ok, u8aToHex(signed), 'vote_hash is what relay.mjs signs');
    // Charlie is no member and relays; the forged entry fails alone, after the valid ones.
    const batch = [aliceFor, bobAgainst, forged];
    const dry = await governance.query.castVotes(charlie.address, options, batch);
    const report = dry.output.toJSON().ok.ok;
    assert.deepEqual(report, [{ ok: null }, { ok: null }, { err: { badSignature: null } }], JSON.stringify(report));
    await send(api, governance.tx.castVotes(options, batch), charlie);

    const tally = (await governance.query.tally(charlie.address, options, id)).output.toJSON().ok;
    assert.equal(BigInt(tally.for.equal), 1n, `for: ${JSON.stringify(tally)}`);
    assert.equal(BigInt(tally.against.equal), 1n, `against: ${JSON.stringify(tally)}`);
    // A replay of Alice's signed vote is her second vote: refused for that entry alone.
    const again = await governance.query.castVotes(charlie.address, options, [aliceFor]);
    assert.deepEqual(again.output.toJSON().ok.ok, [{ err: { alreadyVoted: null } }]);
  }));
