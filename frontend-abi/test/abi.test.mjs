// Every contract's metadata loads in @polkadot/api-contract and encodes calls as a wallet would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Abi } from '@polkadot/api-contract';
import { compactStripLength, u8aToHex } from '@polkadot/util';

const CONTRACTS = ['membership', 'merit', 'capital', 'missions', 'missions_front', 'governance', 'governance_front', 'factory'];
const load = (name) => new Abi(JSON.parse(readFileSync(new URL(`../${name}.json`, import.meta.url))));
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const selectorOf = (abi, label) => abi.messages.find((m) => m.identifier === label).selector.toHex();

for (const name of CONTRACTS) {
  test(`${name}: metadata loads and every message has a selector`, () => {
    const abi = load(name);
    assert.ok(abi.messages.length > 0);
    for (const m of abi.messages) {
      assert.equal(m.selector.length, 4, `${name}.${m.identifier}`);
    }
    assert.ok(abi.constructors.some((c) => c.identifier === 'new'));
  });
}

test('governance: a vote, a delegation and a proposal with an action encode', () => {
  const governance = load('governance');
  const membership = load('membership');
  const vote = governance.findMessage('cast_vote').toU8a([7, 'For']);
  assert.equal(Buffer.from(vote.subarray(1, 5)).toString('hex'), selectorOf(governance, 'cast_vote').slice(2));
  governance.findMessage('delegate').toU8a([1, ALICE]);
  // The action: membership.admit(ALICE, Worker), its input SCALE-encoded by the membership ABI.
  const admit = membership.findMessage('admit');
  const input = admit.toU8a([ALICE, 'Worker']);
  const action = {
    callee: ALICE,
    selector: admit.selector.toU8a(),
    // Without the length prefix and the selector; a hex string is taken as raw bytes.
    input: u8aToHex(compactStripLength(input)[1].subarray(4)),
    value: 0,
  };
  const proposal = governance.findMessage('propose').toU8a([0, 'Admit Alice', 'ipfs://x', [action]]);
  assert.ok(proposal.length > 32 + 4 + 4);
});

test('factory: create_cooperative encodes founders and founding categories', () => {
  const factory = load('factory');
  const membership = load('membership');
  const defaults = {
    weights: { equal: 2500, merit: 2500, capital: 5000 },
    voting_delay: 1,
    voting_period: 10,
    approval: 5000,
    quorum: 2000,
    timelock: 5,
    max_depth: 8,
    override_window: 3,
  };
  const params = {
    defaults,
    constitution: { ...defaults, approval: 6667 },
    config: { budget: 1_000_000_000_000n, grace: 14400, open_per_member: 3 },
    founders: [ALICE],
    categories: [
      {
        name: 'finance',
        rules: { min_attestations: 1, min_holder_share: 0, revoke_majority: 6666, window: 10, level_points: [1, 2], lifetime: null },
        holders: [[ALICE, 1]],
        // Finance proposals may admit members: membership's `admit`, by selector.
        carries: [{ part: 'Membership', selector: selectorOf(membership, 'admit') }],
      },
    ],
  };
  // The codes the creator read from the factory (`codes`): refused if they changed since.
  const hash = (n) => `0x${n.toString(16).padStart(2, '0').repeat(32)}`;
  const codes = { membership: hash(1), merit: hash(2), capital: hash(3), governance: hash(4), missions: hash(5), profiles: hash(6) };
  const data = factory.findMessage('create_cooperative').toU8a(['Riverside', params, codes]);
  assert.ok(data.length > 100 + 6 * 32);
});

test('missions: the usOS token speaks PSP22 with the standard selectors', () => {
  const missions = load('missions');
  // PSP22::transfer and PSP22::balance_of from the PSP22 standard.
  assert.equal(selectorOf(missions, 'PSP22::transfer'), '0xdb20f9f5');
  assert.equal(selectorOf(missions, 'PSP22::balance_of'), '0x6568382f');
});

test('governance: VoteCast carries no topics and still decodes, as explorers read it', () => {
  const governance = load('governance');
  const cast = governance.events.find((e) => e.identifier.endsWith('VoteCast'));
  // Anonymous with no indexed field: each topic would cost a vote ≈ 2.5 KB of proof.
  assert.equal(cast.signatureTopic ?? null, null);
  assert.equal(cast.args.filter((a) => a.indexed).length, 0);
  // The only such event, so polkadot.js knows it by its missing topics.
  const alike = governance.events.filter(
    (e) => (e.signatureTopic ?? null) === null && e.args.every((a) => !a.indexed),
  );
  assert.deepEqual(alike.map((e) => e.identifier), [cast.identifier]);
  // The body of VoteCast { proposal: 7, voter: ALICE, choice: For, counted, overrode: None }.
  const { registry } = governance;
  const body = new Uint8Array([
    ...registry.createType('u32', 7).toU8a(),
    ...registry.createType('AccountId', ALICE).toU8a(),
    1,
    ...registry.createType('(u128, u128, u128)', [1, 2, 3]).toU8a(),
    0,
  ]);
  const record = { topics: [], event: { data: [ALICE, registry.createType('Bytes', u8aToHex(body))] } };
  const decoded = governance.decodeEvent(record);
  assert.ok(decoded.event.identifier.endsWith('VoteCast'));
  assert.equal(decoded.args[0].toNumber(), 7);
  assert.equal(decoded.args[1].toString(), ALICE);
  assert.equal(decoded.args[2].toString(), 'For');
});
