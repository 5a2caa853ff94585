// Relayed votes (governance `cast_votes`): what a voter signs and how a wallet or a bot signs
// it with an ecdsa (secp256k1) key, the way the contract verifies it (`relay.rs`):
// blake2-256 of SCALE("usos-vote1", governance, proposal, choice, voter), recovered on chain
// with `ecdsa_recover`.
import { u8aConcat, u8aToHex, stringToU8a } from '@polkadot/util';
import { blake2AsU8a, decodeAddress } from '@polkadot/util-crypto';

export const VOTE_DOMAIN = 'usos-vote1';
/** The SCALE index of each choice in governance's `Choice` enum. */
export const CHOICES = { Against: 0, For: 1, Abstain: 2 };

function u32le(n) {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`not a u32: ${n}`);
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n, true);
  return out;
}

function account(address) {
  const bytes = decodeAddress(address);
  if (bytes.length !== 32) throw new RangeError(`not a 32-byte account: ${address}`);
  return bytes;
}

function choiceByte(choice) {
  if (!(choice in CHOICES)) throw new RangeError(`not a choice: ${choice}`);
  return Uint8Array.of(CHOICES[choice]);
}

/** The bytes `voter` signs for its `choice` on `proposal` in the governance contract `governance`. */
export function votePayload({ governance, proposal, choice, voter }) {
  return u8aConcat(
    stringToU8a(VOTE_DOMAIN),
    account(governance),
    u32le(proposal),
    choiceByte(choice),
    account(voter),
  );
}

/** blake2-256 of the payload: what the signature signs (governance's `vote_hash` answers the same). */
export function voteHash(vote) {
  return blake2AsU8a(votePayload(vote), 256);
}

/**
 * A `SignedVote` for `cast_votes`, signed with an ecdsa keyring pair (its `sign` hashes with
 * blake2-256 and returns r ‖ s ‖ recovery id, the 65 bytes `ecdsa_recover` takes). `voter` is the
 * account voting: the pair's own address, or an account that registered the pair's public key
 * with `set_voting_key`.
 */
export function signVote(pair, { governance, proposal, choice, voter }) {
  if (pair.type !== 'ecdsa') throw new TypeError('relayed votes are signed with an ecdsa key');
  const signature = pair.sign(votePayload({ governance, proposal, choice, voter }));
  return { voter, proposal, choice, signature: u8aToHex(signature) };
}
