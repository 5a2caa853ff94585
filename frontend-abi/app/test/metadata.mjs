// The real contract metadata, as the app imports it (the folder above the app).
import { readFileSync } from 'node:fs';
import { Abi } from '@polkadot/api-contract';
import { encodeAddress } from '@polkadot/util-crypto';

export const NAMES = ['governance', 'membership', 'merit', 'capital', 'missions', 'profiles', 'factory'];
const cache = new Map();

/** The raw ink! metadata JSON of contract `name`. */
export function metadata(name) {
  if (!cache.has(name)) cache.set(name, JSON.parse(readFileSync(new URL(`../../${name}.json`, import.meta.url))));
  return cache.get(name);
}

/** An @polkadot/api-contract Abi over the same JSON. */
export function abi(name) {
  return new Abi(metadata(name));
}

// Dev accounts (Alice, Bob), and made-up contract addresses (32 equal bytes each) for the
// address map a proposal page builds from governance's sources.
export const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
export const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
export const ADDR = Object.fromEntries(
  ['governance', 'membership', 'merit', 'capital', 'missions', 'profiles'].map((name, i) => [
    name,
    encodeAddress(new Uint8Array(32).fill(17 * (i + 1))),
  ]),
);

/** The address map actions.decodeAction takes: address → { name, abi }. */
export function contractsByAddress() {
  return new Map(Object.entries(ADDR).map(([name, address]) => [address, { name, abi: abi(name) }]));
}
