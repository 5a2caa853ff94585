// Read-only messages through a dry-run (the RPC `ContractsApi_call`), answered through the
// message's return type: a refusal throws a ContractError with a readable message.
import { findMessage } from '../logic/actions.js';
import { readResult, dispatchErrorText } from '../logic/errors.js';

/**
 * As much gas as one transaction may use. Without a limit api-contract sends a proof size of
 * 0, which a node's first storage read exceeds (OutOfGas).
 */
function dryRunGas(api) {
  const { maxBlock, perClass } = api.consts.system.blockWeights;
  return api.registry.createType('WeightV2', perClass.normal.maxExtrinsic.unwrapOr(maxBlock));
}

/** The dry-run of `name.label(...args)` by `origin`: { output, result, gasRequired, storageDeposit }. */
export async function dryRun(conn, name, label, args, { origin, value = 0n } = {}) {
  const contract = conn.contracts[name];
  if (!contract) throw new Error(`The ${name} contract's address is not known: enter it in the settings`);
  const message = findMessage(contract.abi, label);
  // Any account may dry-run a view; the contract's own address always exists.
  const caller = origin || conn.account || contract.address.toString();
  const options = { gasLimit: dryRunGas(conn.api), storageDepositLimit: null, value };
  const dry = await contract.query[message.method](caller, options, ...args);
  if (dry.result.isErr) throw new Error(dispatchErrorText(conn.api.registry, dry.result.asErr));
  return dry;
}

/** The answer's value as a Codec (Ok of the inner Result when there is one). */
export async function readValue(conn, name, label, ...args) {
  const dry = await dryRun(conn, name, label, args);
  const r = readResult(conn.contracts[name].abi, label, dry.output, name);
  if (!r.ok) throw r.error;
  return r.value;
}

/** The answer as plain data (camelCase keys, u128 as decimal strings). */
export async function read(conn, name, label, ...args) {
  return (await readValue(conn, name, label, ...args)).toPrimitive();
}

/** `read`, or `fallback` when the contract is unknown or the read fails (optional data). */
export async function readOr(fallback, conn, name, label, ...args) {
  try {
    return await read(conn, name, label, ...args);
  } catch {
    return fallback;
  }
}
