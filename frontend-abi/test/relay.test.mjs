// The relayed-vote helper (lib/relay.mjs) against shared vectors: the same hashes and the same
// signatures (RFC 6979, deterministic) that e2e-tests' `relayed_votes` checks with governance's
// own code and `ecdsa_recover`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Keyring } from '@polkadot/keyring';
import { compactStripLength, compactToU8a, hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, encodeAddress } from '@polkadot/util-crypto';
import { Abi } from '@polkadot/api-contract';
import { CHOICES, signVote, voteHash } from '../lib/relay.mjs';

const vectors = JSON.parse(readFileSync(new URL('./relay-vectors.json', import.meta.url)));

test('a vote is hashed and signed as governance verifies it', async () => {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'ecdsa' });
  for (const v of vectors) {
    const pair = keyring.addFromSeed(new Uint8Array(32).fill(v.seed));
    assert.equal(u8aToHex(pair.publicKey), v.key, 'the compressed key set_voting_key takes');
    const vote = { governance: encodeAddress(v.governance), proposal: v.proposal, choice: v.choice, voter: encodeAddress(v.voter) };
    assert.equal(u8aToHex(voteHash(vote)), v.hash);
    const signed = signVote(pair, vote);
    assert.equal(signed.signature, v.signature);
    assert.equal(signed.signature.length, 2 + 65 * 2);
  }
});

test('a signed vote encodes as a cast_votes batch, field by field', () => {
  const governance = new Abi(JSON.parse(readFileSync(new URL('../governance.json', import.meta.url))));
  const v = vectors[1];
  const entry = { voter: encodeAddress(v.voter), proposal: v.proposal, choice: v.choice, signature: v.signature };
  const call = governance.findMessage('cast_votes').toU8a([[entry, entry]]);
  const selector = hexToU8a(governance.findMessage('cast_votes').selector.toHex());
  const proposal = new Uint8Array(4);
  new DataView(proposal.buffer).setUint32(0, v.proposal, true);
  const one = u8aConcat(hexToU8a(v.voter), proposal, Uint8Array.of(CHOICES[v.choice]), hexToU8a(v.signature));
  assert.equal(one.length, 102);
  // `toU8a` prefixes the call with its compact length; then selector, compact(2), two entries.
  const body = u8aConcat(selector, compactToU8a(2), one, one);
  assert.equal(u8aToHex(compactStripLength(call)[1]), u8aToHex(body));
});

test('the helper refuses what the contract would', async () => {
  await cryptoWaitReady();
  const sr = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
  const vote = { governance: encodeAddress(vectors[0].governance), proposal: 1, choice: 'For', voter: sr.address };
  assert.throws(() => signVote(sr, vote), /ecdsa/);
  assert.throws(() => voteHash({ ...vote, choice: 'Maybe' }), /not a choice/);
  assert.throws(() => voteHash({ ...vote, proposal: -1 }), /not a u32/);
  // A public key (33 bytes) passed as the voter would sign another payload.
  assert.throws(() => voteHash({ ...vote, voter: vectors[0].key }), /32-byte account/);
});
