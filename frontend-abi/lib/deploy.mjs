// Creating a cooperative on a node as a wallet does (upload the eight codes, instantiate a
// factory, `create_cooperative`), shared by the node tests and the members' app browser test.
import { readFileSync } from 'node:fs';
import { CodePromise } from '@polkadot/api-contract';

export const PARTS = ['membership', 'merit', 'capital', 'governance', 'missions', 'profiles'];

/** A `.contract` bundle of frontend-abi/. */
export const bundle = (name) => JSON.parse(readFileSync(new URL(`../${name}.contract`, import.meta.url)));

/** Gas and deposit limits generous enough for any usOS call on a dev node. */
export function callOptions(api) {
  const gasLimit = api.registry.createType('WeightV2', {
    refTime: 500_000_000_000n,
    proofSize: 10_000_000n,
  });
  return { gasLimit, storageDepositLimit: null };
}

/**
 * Signs and submits; resolves with the in-block result, rejects on a dispatch error, on a
 * transaction the node drops or finds invalid, and after `timeoutMs` without a block.
 */
export function send(api, tx, signer, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    let unsub = null;
    let done = false;
    const finish = (error, result) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      unsub?.();
      if (error) reject(error);
      else resolve(result);
    };
    const timer = setTimeout(() => finish(new Error(`no block within ${timeoutMs / 1000} s`)), timeoutMs);
    tx.signAndSend(signer, (result) => {
      const { status, dispatchError } = result;
      if (dispatchError) {
        const text = dispatchError.isModule
          ? JSON.stringify(api.registry.findMetaError(dispatchError.asModule))
          : dispatchError.toString();
        finish(new Error(text));
      } else if (status.isInBlock || status.isFinalized) {
        finish(null, result);
      } else if (status.isInvalid || status.isDropped || status.isUsurped) {
        finish(new Error(`the node ${status.type.toLowerCase()} the transaction`));
      }
    }).then((u) => {
      unsub = u;
      if (done) u();
    }, (e) => finish(e));
  });
}

/** A dev node seals a block per transaction: `n` remarks make `n` blocks. */
export async function makeBlocks(api, signer, n) {
  for (let i = 0; i < n; i++) {
    await send(api, api.tx.system.remark('0x00'), signer);
  }
}

/** Category parameters short enough for a test: voting opens a block after the snapshot. */
export const QUICK_CATEGORY = {
  weights: { equal: 2500, merit: 2500, capital: 5000 },
  voting_delay: 1,
  voting_period: 4,
  approval: 5000,
  quorum: 2000,
  timelock: 1,
  max_depth: 8,
  override_window: 2,
};

/**
 * Uploads the codes, instantiates a factory and creates a cooperative named `name` with
 * `founders` (addresses), signed by `signer`. Resolves with the factory and the six addresses.
 */
export async function createCooperative(api, signer, { name, founders, defaults = QUICK_CATEGORY }) {
  const options = callOptions(api);
  const codes = {};
  // The factory's codes: the six contracts' and the two fronts' (the small codes governance
  // runs its votes in and missions its token transfers in).
  for (const part of [...PARTS, 'governance_front', 'missions_front']) {
    const b = bundle(part);
    await send(api, api.tx.contracts.uploadCode(b.source.wasm, null, 'Enforced'), signer);
    codes[part] = b.source.hash;
  }
  const factoryBundle = bundle('factory');
  const code = new CodePromise(api, factoryBundle, factoryBundle.source.wasm);
  const salt = `0x${Date.now().toString(16)}`;
  const deployed = await send(api, code.tx.new({ ...options, salt }, codes), signer);
  const factory = deployed.contract;
  if (!factory) throw new Error('the factory was not instantiated');
  const params = {
    defaults,
    constitution: { ...defaults, approval: 6667 },
    config: { budget: 1_000_000_000_000n, grace: 14400, open_per_member: 3 },
    founders,
    categories: [],
  };
  // As a wallet would: create with the codes the factory says it uses (refused if they change).
  const caller = signer.address;
  const dry = await factory.query.createCooperative(caller, options, name, params, codes);
  const made = dry.output?.toJSON();
  const coop = made?.ok?.ok;
  if (!coop?.governance) throw new Error(`create_cooperative dry-run: ${JSON.stringify(made)}`);
  await send(api, factory.tx.createCooperative(options, name, params, codes), signer);
  // What the chain made, as the factory recorded it (the dry-run only predicted it).
  const created = (await factory.query.created(caller, options)).output.toJSON().ok;
  const recorded = (await factory.query.cooperativeAt(caller, options, created - 1)).output.toJSON().ok;
  if (recorded?.governance !== coop.governance) {
    throw new Error(`the factory recorded ${JSON.stringify(recorded)}, not the dry-run's ${JSON.stringify(coop)}`);
  }
  return { factory: factory.address.toString(), ...recorded };
}
