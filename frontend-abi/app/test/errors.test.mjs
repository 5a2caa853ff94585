// Readable refusals from the real return types: governance's and capital's Error enums, the
// nested ones (missions' Token(PSP22Error), governance's OutOfBounds(Param)) and LangError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readResult, unwrapResult, humanise, variantDoc, ContractError } from '../src/logic/errors.js';
import docs from '../src/logic/error-docs.js';
import { abi, metadata, NAMES } from './metadata.mjs';

/** The answer of `label` holding `value`, as bytes straight from a dry-run would be. */
function answer(name, label, value) {
  const a = abi(name);
  const m = a.findMessage(label);
  return { a, codec: a.registry.createType(m.returnType.lookupName || m.returnType.type, value) };
}

test('humanise splits variant names into words', () => {
  assert.equal(humanise('NotMember'), 'Not member');
  assert.equal(humanise('TooManyOpenProposals'), 'Too many open proposals');
  assert.equal(humanise('CouldNotReadInput'), 'Could not read input');
  assert.equal(humanise('PSP22Error'), 'PSP22 error');
});

test('governance.delegate refused with NotMember reads as the variant and its doc', () => {
  const { a, codec } = answer('governance', 'delegate', { ok: { err: 'NotMember' } });
  const r = readResult(a, 'delegate', codec);
  assert.equal(r.ok, false);
  assert.ok(r.error instanceof ContractError);
  assert.equal(r.error.variant, 'NotMember');
  assert.equal(r.error.described.path, 'governance::errors::Error');
  assert.equal(r.error.message, 'Not member: only members (at the current block) may propose or delegate.');
});

test('governance.propose: ActionNotAllowed carries the action index; Ok carries the id', () => {
  const { a, codec } = answer('governance', 'propose', { ok: { err: { ActionNotAllowed: 2 } } });
  const r = readResult(a, 'propose', codec);
  assert.equal(r.error.variant, 'ActionNotAllowed');
  assert.match(r.error.message, /^Action not allowed \(2\): the action at this index \(0-based\)/);
  const ok = answer('governance', 'propose', { ok: { ok: 7 } });
  assert.equal(unwrapResult(ok.a, 'propose', ok.codec).toNumber(), 7);
});

test('governance.set_params: OutOfBounds(Quorum) names the parameter and why', () => {
  const { a, codec } = answer('governance', 'set_params', { ok: { err: { OutOfBounds: 'Quorum' } } });
  const e = readResult(a, 'set_params', codec).error;
  assert.equal(e.described.inner.variant, 'Quorum');
  assert.equal(e.described.inner.path, 'governance::types::Param');
  assert.match(e.message, /^Out of bounds \(Quorum: above `MAX_QUORUM`\): the change would put this parameter/);
});

test('capital.withdraw: VoteLocked and Locked read differently; Ok(()) is ok', () => {
  const locked = answer('capital', 'withdraw', { ok: { err: 'VoteLocked' } });
  const e = readResult(locked.a, 'withdraw', locked.codec).error;
  assert.equal(e.described.path, 'capital::errors::Error');
  assert.match(e.message, /^Vote locked: the member voted on a proposal that has not ended/);
  const plain = answer('capital', 'withdraw', { ok: { err: 'Locked' } });
  assert.match(readResult(plain.a, 'withdraw', plain.codec).error.message, /^Locked: deposits are locked/);
  const ok = answer('capital', 'withdraw', { ok: { ok: null } });
  assert.equal(readResult(ok.a, 'withdraw', ok.codec).ok, true);
});

test('raw bytes (hex) of an answer read the same as the codec', () => {
  const { a, codec } = answer('capital', 'deposit', { ok: { err: 'NotMember' } });
  const r = readResult(a, 'deposit', codec.toHex());
  assert.equal(r.error.variant, 'NotMember');
  assert.match(r.error.message, /only members invest/);
});

test('a nested error without docs still reads: missions Token(InsufficientBalance)', () => {
  const { a, codec } = answer('missions', 'create_mission', { ok: { err: { Token: 'InsufficientBalance' } } });
  assert.match(readResult(a, 'create_mission', codec).error.message, /^Token \(Insufficient balance\): a token operation refused/);
});

test('LangError (the call could not be read) is reported as such', () => {
  const { a, codec } = answer('governance', 'cast_vote', { err: 'CouldNotReadInput' });
  const e = readResult(a, 'cast_vote', codec).error;
  assert.equal(e.variant, 'CouldNotReadInput');
  assert.equal(e.message, 'Could not read input');
});

test('messages without an inner Result answer their value: treasury, tally', () => {
  const t = answer('governance', 'treasury', { ok: 123n });
  assert.equal(unwrapResult(t.a, 'treasury', t.codec).toBigInt(), 123n);
  const tally = answer('governance', 'tally', { ok: { for_: { equal: 3 } } });
  assert.equal(unwrapResult(tally.a, 'tally', tally.codec).toPrimitive().for.equal, 3);
});

test('every variant of governance and capital errors reads as a sentence', () => {
  for (const [name, label] of [['governance', 'delegate'], ['capital', 'withdraw']]) {
    const errorType = metadata(name).types.find((t) => t.type.path?.join('::') === `${name}::errors::Error`);
    for (const v of errorType.type.def.variant.variants) {
      const value = v.fields?.length ? { [v.name]: v.name === 'OutOfBounds' ? 'Weights' : 1 } : v.name;
      const { a, codec } = answer(name, label, { ok: { err: value } });
      const e = readResult(a, label, codec).error;
      assert.equal(e.variant, v.name);
      assert.ok(e.message.startsWith(humanise(v.name)), e.message);
      assert.ok(!/undefined|\[object/.test(e.message), e.message);
    }
  }
});

test('the extracted docs name only variants the metadata has (re-run the tool if this fails)', () => {
  const variants = new Map();
  for (const name of NAMES) {
    for (const { type } of metadata(name).types) {
      if (type.def.variant && type.path) variants.set(type.path.join('::'), new Set(type.def.variant.variants?.map((v) => v.name)));
    }
  }
  for (const [path, entries] of Object.entries(docs)) {
    assert.ok(variants.has(path), `${path} is not in the metadata`);
    for (const v of Object.keys(entries)) assert.ok(variants.get(path).has(v), `${path}::${v} is not in the metadata`);
  }
  assert.ok(variantDoc(metadata('governance'), 'governance::errors::Error', 'Cycle').includes('cycle'));
});
