// Proposal actions: encode typed calls of real messages, put them in governance's Action, and
// decode them back into contract, message and arguments by the callee's metadata.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compactStripLength, u8aToHex } from '@polkadot/util';
import { encodeCall, toAction, decodeAction, plainValue } from '../src/logic/actions.js';
import { messageFields, messageValues } from '../src/logic/args.js';
import { abi, metadata, ADDR, ALICE, BOB, contractsByAddress } from './metadata.mjs';

const contracts = contractsByAddress();

/** Form drafts → values → call → Action → decoded { contract, message, args }. */
function roundTrip(name, label, drafts) {
  const values = messageValues(metadata(name), label, drafts);
  const call = encodeCall(abi(name), label, values);
  // The same bytes api-contract sends for a direct call, less its length prefix.
  const direct = compactStripLength(abi(name).findMessage(label).toU8a(values))[1];
  assert.equal(call.data, u8aToHex(direct), `${name}.${label} encodes as api-contract does`);
  assert.equal(call.selector, metadata(name).spec.messages.find((m) => m.label === label).selector);
  const decoded = decodeAction(toAction(ADDR[name], call, 0n), contracts);
  assert.equal(decoded.error, undefined, decoded.error);
  return decoded;
}

const plain = (decoded) => Object.fromEntries(decoded.args.map((a) => [a.name, plainValue(a.value)]));

test('membership.admit(account, class) round-trips', () => {
  const d = roundTrip('membership', 'admit', [ALICE, { variant: 'Investor', fields: [] }]);
  assert.deepEqual([d.contract, d.message], ['membership', 'admit']);
  assert.deepEqual(plain(d), { account: ALICE, class: 'Investor' });
});

test('capital.set_caps(caps) round-trips', () => {
  const d = roundTrip('capital', 'set_caps', [{ individual: '300', household: '500' }]);
  assert.deepEqual([d.contract, d.message], ['capital', 'set_caps']);
  assert.deepEqual(plain(d), { caps: { individual: 300, household: 500 } });
});

test('merit.create_category(name, rules) round-trips, with a vector and an option', () => {
  const rules = {
    min_attestations: '3', min_holder_share: '1500', revoke_majority: '6667', window: '600',
    level_points: ['1', '2', '5'], lifetime: { some: true, value: '525600' },
  };
  const d = roundTrip('merit', 'create_category', ['Carpentry', rules]);
  assert.deepEqual(plain(d), {
    name: 'Carpentry',
    rules: { minAttestations: 3, minHolderShare: 1500, revokeMajority: 6667, window: 600, levelPoints: [1, 2, 5], lifetime: 525600 },
  });
});

test('governance.set_params on governance itself, and pay with a u128 beyond 2^53', () => {
  const params = {
    weights: { equal: '3000', merit: '2000', capital: '5000' }, voting_delay: '1', voting_period: '100800',
    approval: '5000', quorum: '2000', timelock: '28800', max_depth: '8', override_window: '14400',
  };
  const d = roundTrip('governance', 'set_params', ['2', params]);
  assert.deepEqual([d.contract, d.message], ['governance', 'set_params']);
  assert.equal(plain(d).params.weights.equal, 3000);
  const pay = roundTrip('governance', 'pay', [ALICE, '123456789012345678901234']);
  assert.equal(BigInt(plain(pay).value), 123456789012345678901234n);
});

test('a PSP22 trait message and a nomination with enum data round-trip', () => {
  const t = roundTrip('missions', 'PSP22::transfer', [ALICE, '1000', '0xdeadbeef']);
  assert.deepEqual([t.message, plain(t)._data], ['PSP22::transfer', '0xdeadbeef']);
  const n = roundTrip('merit', 'nominate', [ALICE, '2', { variant: 'Issue', fields: ['3'] }, `0x${'42'.repeat(32)}`]);
  assert.deepEqual(plain(n).kind, { issue: 3 });
});

test('a whole propose call: its actions decode back as the proposal page shows them', () => {
  const governance = abi('governance');
  const admit = toAction(ADDR.membership, encodeCall(abi('membership'), 'admit', [ALICE, 'Worker']));
  const caps = toAction(ADDR.capital, encodeCall(abi('capital'), 'set_caps', [{ individual: 200, household: 400 }]), 5n);
  const data = governance.findMessage('propose').toU8a([1, 'Admit Alice', 'ipfs://x', [admit, caps]]);
  // What governance stores and `proposal_actions` answers: the Action structs.
  const stored = governance.decodeMessage(data).args[3].toPrimitive();
  const decoded = stored.map((a) => decodeAction(a, contracts));
  assert.deepEqual(decoded.map((d) => `${d.contract}.${d.message}`), ['membership.admit', 'capital.set_caps']);
  assert.deepEqual(plain(decoded[0]), { account: ALICE, class: 'Worker' });
  assert.equal(decoded[1].value, 5n);
});

test('the same selector on two contracts decodes by the callee (set_code)', () => {
  const code = `0x${'ab'.repeat(32)}`;
  const m = decodeAction(toAction(ADDR.merit, encodeCall(abi('merit'), 'set_code', [code])), contracts);
  const g = decodeAction(toAction(ADDR.governance, encodeCall(abi('governance'), 'set_code', [code])), contracts);
  assert.deepEqual([m.contract, g.contract], ['merit', 'governance']);
  assert.equal(plainValue(m.args[0].value), code);
});

test('what cannot be decoded is reported with the raw bytes, not thrown', () => {
  const call = encodeCall(abi('membership'), 'admit', [ALICE, 'User']);
  const stranger = decodeAction(toAction(ALICE, call), contracts);
  assert.match(stranger.error, /unknown callee/);
  assert.equal(stranger.input, call.input);
  const wrong = decodeAction({ callee: ADDR.capital, selector: '0x01020304', input: '0x', value: 0 }, contracts);
  assert.deepEqual([wrong.contract, wrong.message], ['capital', null]);
  assert.match(wrong.error, /no message with selector 0x01020304/);
  const extra = decodeAction(toAction(ADDR.membership, { ...call, input: `${call.input}00` }), contracts);
  assert.match(extra.error, /1 bytes left over/);
  const short = decodeAction(toAction(ADDR.membership, { ...call, input: call.input.slice(0, 20) }), contracts);
  assert.match(short.error, /does not decode|left over/);
});

test('encodeCall refuses a wrong number of arguments', () => {
  assert.throws(() => encodeCall(abi('capital'), 'set_caps', []), /takes 1 arguments/);
});

test('a batch of admissions (membership.admit_many): a typed list of account and class round-trips', () => {
  const [entries] = messageFields(metadata('membership'), 'admit_many');
  assert.deepEqual([entries.field.kind, entries.field.inner.kind], ['vec', 'tuple']);
  assert.deepEqual(entries.field.inner.items.map((i) => i.kind), ['account', 'enum']);
  const batch = [[ALICE, { variant: 'User', fields: [] }], [BOB, { variant: 'Worker', fields: [] }]];
  const d = roundTrip('membership', 'admit_many', [batch]);
  assert.deepEqual([d.contract, d.message], ['membership', 'admit_many']);
  // 2 entries of 33 bytes and the length: far inside one action's 1,024 bytes.
  assert.equal((d.input.length - 2) / 2, 1 + 2 * 33);
});
