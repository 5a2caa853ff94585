// Form-field descriptors from the real metadata, and the conversion of form drafts into the
// values @polkadot/api-contract encodes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messageFields, initialValue, toContractValue, messageValues, variantDraft, ArgError, fieldFor } from '../src/logic/args.js';
import { metadata, abi, ALICE, BOB, NAMES } from './metadata.mjs';

const field = (name, label, i = 0) => messageFields(metadata(name), label)[i].field;

test('membership.admit: an account and an enum of stakeholder classes', () => {
  const [account, cls] = messageFields(metadata('membership'), 'admit');
  assert.equal(account.name, 'account');
  assert.equal(account.field.kind, 'account');
  assert.equal(cls.field.kind, 'enum');
  assert.deepEqual(cls.field.variants.map((v) => v.name), ['User', 'Worker', 'Investor', 'Supporter']);
  assert.equal(toContractValue(cls.field, { variant: 'Worker', fields: [] }), 'Worker');
  assert.throws(() => toContractValue(account.field, 'not an address'), ArgError);
  assert.throws(() => toContractValue(cls.field, { variant: 'Owner', fields: [] }), /choose one of User/);
});

test('capital.set_caps: a struct of basis points bounded at 10,000', () => {
  const caps = field('capital', 'set_caps');
  assert.equal(caps.kind, 'struct');
  assert.deepEqual(caps.fields.map((f) => f.name), ['individual', 'household']);
  const bps = caps.fields[0].field;
  assert.deepEqual([bps.kind, bps.type, bps.min, bps.max, bps.name], ['int', 'u16', 0n, 10_000n, 'BasisPoints']);
  assert.deepEqual(toContractValue(caps, { individual: '300', household: '500' }), { individual: 300, household: 500 });
  assert.throws(() => toContractValue(caps, { individual: '10001', household: '500' }), /caps?.individual|value.individual/);
  assert.throws(() => toContractValue(caps, { individual: '3%', household: '500' }), /not a whole number/);
});

test('merit.create_category: text, a vector of points and an optional lifetime', () => {
  const [name, rules] = messageFields(metadata('merit'), 'create_category');
  assert.equal(name.field.kind, 'text');
  const byName = Object.fromEntries(rules.field.fields.map((f) => [f.name, f.field]));
  assert.equal(byName.level_points.kind, 'vec');
  assert.equal(byName.level_points.inner.type, 'u32');
  assert.equal(byName.lifetime.kind, 'option');
  assert.equal(byName.lifetime.inner.unit, 'blocks');
  assert.equal(byName.revoke_majority.max, 10_000n);
  const draft = initialValue(rules.field);
  assert.deepEqual(draft.level_points, []);
  assert.deepEqual(draft.lifetime, { some: false, value: '' });
  Object.assign(draft, { min_attestations: '2', min_holder_share: '1000', revoke_majority: '6667', window: '100' });
  draft.level_points = ['1', '3'];
  assert.deepEqual(toContractValue(rules.field, draft), {
    min_attestations: 2, min_holder_share: 1000, revoke_majority: 6667, window: 100, level_points: [1, 3], lifetime: null,
  });
  draft.lifetime = { some: true, value: '14400' };
  assert.equal(toContractValue(rules.field, draft).lifetime, 14400);
});

test('integers: u128 stays exact, negative and overflow refused, separators allowed', () => {
  const value = messageFields(metadata('governance'), 'pay')[1].field;
  assert.deepEqual([value.kind, value.type, value.max], ['int', 'u128', (1n << 128n) - 1n]);
  assert.equal(toContractValue(value, '340282366920938463463374607431768211455'), (1n << 128n) - 1n);
  assert.equal(toContractValue(value, '1_000_000'), 1_000_000n);
  assert.throws(() => toContractValue(value, '340282366920938463463374607431768211456'), /outside/);
  assert.throws(() => toContractValue(value, '-1'), /outside/);
  assert.throws(() => toContractValue(value, ''), /not a whole number/);
});

test('bytes: Hash is 32 bytes, a selector 4, PSP22 data any length, a voting key optional 33', () => {
  const evidence = messageFields(metadata('merit'), 'nominate')[3].field;
  assert.deepEqual([evidence.kind, evidence.length], ['bytes', 32]);
  assert.throws(() => toContractValue(evidence, '0x1234'), /exactly 32 bytes/);
  assert.equal(toContractValue(evidence, 'ab'.repeat(32)), `0x${'ab'.repeat(32)}`);
  const data = messageFields(metadata('missions'), 'PSP22::transfer')[2].field;
  assert.deepEqual([data.kind, data.length], ['bytes', null]);
  assert.equal(toContractValue(data, ''), '0x');
  assert.throws(() => toContractValue(data, '0xzz'), /not hex/);
  const key = field('governance', 'set_voting_key');
  assert.equal(key.kind, 'option');
  assert.deepEqual([key.inner.kind, key.inner.length], ['bytes', 33]);
  const selector = field('governance', 'carries', 2);
  assert.deepEqual([selector.kind, selector.length], ['bytes', 4]);
});

test('enums with data: NominationKind Issue(level) and Reviewers Accounts(Vec<AccountId>)', () => {
  const kind = messageFields(metadata('merit'), 'nominate')[2].field;
  assert.deepEqual(kind.variants.map((v) => [v.name, v.fields.length]), [['Issue', 1], ['Revoke', 0]]);
  assert.deepEqual(toContractValue(kind, { variant: 'Issue', fields: ['2'] }), { Issue: 2 });
  assert.throws(() => toContractValue(kind, { variant: 'Issue', fields: ['256'] }), /outside 0..=255/);
  assert.equal(toContractValue(kind, variantDraft(kind, 'Revoke')), 'Revoke');

  const spec = field('missions', 'create_mission');
  const reviewers = spec.fields.find((f) => f.name === 'reviewers').field;
  assert.deepEqual(reviewers.variants.map((v) => v.name), ['Accounts', 'Category']);
  assert.equal(reviewers.variants[0].fields[0].field.kind, 'vec');
  assert.deepEqual(toContractValue(reviewers, { variant: 'Accounts', fields: [[ALICE, BOB]] }), { Accounts: [ALICE, BOB] });
  const bounty = spec.fields.find((f) => f.name === 'bounty').field;
  assert.equal(bounty.unit, 'planck');
});

test('tuples and options of fixed arrays: the factory founders and carries', () => {
  const params = field('factory', 'create_cooperative', 1);
  const categories = params.fields.find((f) => f.name === 'categories').field;
  const founding = categories.inner;
  const holders = founding.fields.find((f) => f.name === 'holders').field;
  assert.equal(holders.inner.kind, 'tuple');
  assert.deepEqual(holders.inner.items.map((i) => i.kind), ['account', 'int']);
  assert.deepEqual(toContractValue(holders, [[ALICE, '1']]), [[ALICE, 1]]);
  const carry = founding.fields.find((f) => f.name === 'carries').field.inner;
  assert.equal(carry.fields[1].field.kind, 'option');
  assert.deepEqual(toContractValue(carry, { part: { variant: 'Membership', fields: [] }, selector: { some: true, value: '0x5d977c25' } }), {
    part: 'Membership', selector: '0x5d977c25',
  });
});

test('every argument of every message of every contract has a form field and an initial draft', () => {
  let count = 0;
  for (const name of NAMES) {
    for (const m of metadata(name).spec.messages) {
      for (const a of messageFields(metadata(name), m.label)) {
        assert.ok(a.field.kind, `${name}.${m.label}.${a.name}`);
        initialValue(a.field);
        count++;
      }
    }
  }
  assert.ok(count > 150, `only ${count} arguments`);
});

test('the converted values encode with api-contract as the same bytes as hand-built values', () => {
  const merit = abi('merit');
  const drafts = [{ variant: 'Issue', fields: ['1'] }];
  const kind = toContractValue(messageFields(metadata('merit'), 'nominate')[2].field, drafts[0]);
  const values = messageValues(metadata('merit'), 'nominate', [ALICE, '3', drafts[0], `0x${'11'.repeat(32)}`]);
  assert.deepEqual(values, [ALICE, 3, kind, `0x${'11'.repeat(32)}`]);
  const a = merit.findMessage('nominate').toU8a(values);
  const b = merit.findMessage('nominate').toU8a([ALICE, 3, { Issue: 1 }, new Uint8Array(32).fill(0x11)]);
  assert.deepEqual(a, b);
});

test('a type id the metadata lacks is an error, not a blank field', () => {
  assert.throws(() => fieldFor(metadata('capital'), 99999), /no type 99999/);
});
