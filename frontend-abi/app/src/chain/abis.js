// The contracts' metadata, imported from the folder above the app (frontend-abi/), the same
// files scripts/build.sh writes and test.sh keeps equal to a fresh build: never a copy.
import { Abi } from '@polkadot/api-contract';
import governance from '../../../governance.json';
import membership from '../../../membership.json';
import merit from '../../../merit.json';
import capital from '../../../capital.json';
import missions from '../../../missions.json';
import profiles from '../../../profiles.json';
import factory from '../../../factory.json';

/** The cooperative's six contracts (the ones a proposal's actions may call). */
export const METADATA = { governance, membership, merit, capital, missions, profiles };
export const CONTRACT_NAMES = Object.keys(METADATA);
/** Every contract the app reads, the factory included (it finds a cooperative's addresses). */
const ALL = { ...METADATA, factory };

const abis = new Map();

/** The Abi of contract `name`, built once. */
export function abiOf(name) {
  if (!abis.has(name)) abis.set(name, new Abi(ALL[name]));
  return abis.get(name);
}
