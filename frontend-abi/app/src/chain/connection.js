// Opens the node and the cooperative: governance's address is the cooperative; membership,
// merit and capital come from governance's `sources`; profiles from membership's `listeners`
// (the factory lists capital, governance, merit, profiles). No contract of the cooperative
// names missions: the factory that made it does (`cooperative_of`), or the settings. Given a
// factory and no governance, the app opens the factory's latest cooperative.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { ContractPromise } from '@polkadot/api-contract';
import { abiOf } from './abis.js';
import { accountKey } from '../logic/actions.js';
import { read, readValue } from './read.js';

/** Connects to `node`; rejects after `timeoutMs` rather than retrying for ever. */
export async function openApi(node, timeoutMs = 8000) {
  const provider = new WsProvider(node, 2500, {}, timeoutMs);
  let timer;
  try {
    const api = await Promise.race([
      ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true }),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer from ${node}`)), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (!api.tx.contracts) throw new Error(`${node} has no contracts pallet`);
    return api;
  } catch (e) {
    clearTimeout(timer);
    await provider.disconnect().catch(() => {});
    throw new Error(`Cannot reach a contracts node at ${node}: ${e.message}`);
  }
}

function newContract(api, name, address) {
  return new ContractPromise(api, abiOf(name), address);
}

/**
 * { api, addresses, contracts, byAddress, decimals, symbol, notes } for the cooperative whose
 * governance is `settings.coop`. `makeContract` is replaceable so tests can run it on a fake chain.
 */
export async function openCooperative(api, settings, makeContract = newContract) {
  const contractAt = (a, name, address) => (address ? makeContract(a, name, address) : null);
  const notes = [];
  let made = settings.factory ? await fromFactory(api, settings, makeContract, notes) : null;
  const coop = settings.coop || made?.governance;
  const addresses = { governance: coop };
  const conn = { api, addresses, contracts: {}, notes };
  conn.contracts.governance = contractAt(api, 'governance', coop);
  const info = await api.query.contracts.contractInfoOf(coop);
  if (info.isNone) throw new Error(`No contract at ${coop} on this node`);
  const sources = (await readValue(conn, 'governance', 'sources')).toPrimitive();
  if (!sources) throw new Error('This governance is not connected yet (no sources): not a cooperative');
  Object.assign(addresses, sources);
  for (const name of ['membership', 'merit', 'capital']) conn.contracts[name] = contractAt(api, name, addresses[name]);

  // A link may name any contract as the factory: its record is believed only where the
  // cooperative's own governance agrees with it.
  if (made && !recordAgrees(made, coop, sources)) {
    notes.push("factory: its record disagrees with this cooperative's governance; ignored");
    made = null;
  }
  for (const name of ['profiles', 'missions']) {
    const given = settings[name];
    if (made && given && accountKey(given) !== accountKey(made[name])) {
      notes.push(`${name}: the address given differs from the factory's record; the record is used`);
    }
    const address = made?.[name] || given || (name === 'profiles' ? await findProfiles(conn) : '');
    conn.contracts[name] = address ? await administeredBy(conn, makeContract, name, address, coop) : null;
    addresses[name] = conn.contracts[name] ? address : '';
    if (!address) notes.push(NOT_FOUND[name]);
  }

  conn.byAddress = new Map(
    Object.entries(addresses).filter(([, a]) => a).map(([name, a]) => [a, { name, abi: abiOf(name) }]),
  );
  conn.decimals = api.registry.chainDecimals[0] ?? 12;
  conn.symbol = api.registry.chainTokens[0] ?? 'UNIT';
  return conn;
}

const NOT_FOUND = {
  profiles: "profiles: not found among membership's listeners; enter its address",
  missions: 'missions: no message names it; enter its address or the factory that made the cooperative',
};

function recordAgrees(made, coop, sources) {
  return accountKey(made.governance) === accountKey(coop)
    && ['membership', 'merit', 'capital'].every((n) => accountKey(made[n]) === accountKey(sources[n]));
}

/**
 * Contract `name` at `address` if it answers that `governance` administers it (the factory
 * hands every part to governance), else null: a look-alike under someone else's control is
 * not used.
 */
async function administeredBy(conn, makeContract, name, address, governance) {
  const contract = makeContract(conn.api, name, address);
  let admin = null;
  try {
    admin = await read({ ...conn, contracts: { [name]: contract } }, name, 'admin');
  } catch {
    // no such message, or no contract at all: not a part of this cooperative
  }
  if (admin && accountKey(admin) === accountKey(governance)) return contract;
  conn.notes.push(`${name}: ${address} is not administered by this cooperative's governance; not used`);
  return null;
}

/**
 * The cooperative's six addresses as `settings.factory` recorded them: the one governed by
 * `settings.coop`, or the factory's latest; null (with a note) if it has no such record.
 */
async function fromFactory(api, settings, makeContract, notes) {
  const conn = { api, contracts: { factory: makeContract(api, 'factory', settings.factory) } };
  const info = await api.query.contracts.contractInfoOf(settings.factory);
  if (info.isNone) throw new Error(`No contract at ${settings.factory} on this node`);
  if (settings.coop) {
    let made = null;
    try {
      made = await read(conn, 'factory', 'cooperative_of', settings.coop);
    } catch (e) {
      notes.push(`factory: its record could not be read (${e.message}); addresses are read from governance`);
      return null;
    }
    if (!made) notes.push('factory: it did not make this cooperative; its addresses are read from governance');
    return made;
  }
  const created = Number(await read(conn, 'factory', 'created'));
  if (created === 0) throw new Error('This factory has made no cooperative yet');
  const latest = await read(conn, 'factory', 'cooperative_at', created - 1);
  if (!latest) throw new Error(`The factory does not list its cooperative #${created - 1}`);
  return latest;
}

async function findProfiles(conn) {
  const listeners = (await readValue(conn, 'membership', 'listeners')).toPrimitive();
  const known = new Set(['governance', 'merit', 'capital'].map((n) => accountKey(conn.addresses[n])));
  const rest = listeners.filter((a) => !known.has(accountKey(a)));
  return rest.length === 1 ? rest[0] : '';
}
