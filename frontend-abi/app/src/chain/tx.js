// Sending a contract call as a member: dry-run first (a refusal is shown as the contract's
// own error and nothing is signed), then sign with the dry-run's gas and deposit plus a
// margin, and report each stage: checking, signing, submitted, in block, finalised.
import { findMessage } from '../logic/actions.js';
import { readResult, dispatchErrorText } from '../logic/errors.js';
import { dryRun } from './read.js';
import { signingFor } from './wallet.js';

const margin = (bn) => (BigInt(bn.toString()) * 12n) / 10n + 1n;

/**
 * Sends `name.label(...args)` from `account` ({ address, source }). `onStatus({ stage, … })`
 * sees every step; resolves with { result, value } (value: what the dry-run answered, e.g. a
 * new proposal's id) when the call is in a block (finalisation is still reported).
 */
export async function sendCall(conn, account, { name, label, args = [], value = 0n }, onStatus = () => {}) {
  if (!account) throw new Error('Connect a wallet account first');
  onStatus({ stage: 'checking' });
  const contract = conn.contracts[name];
  const abi = contract?.abi;
  const dry = await dryRun(conn, name, label, args, { origin: account.address, value });
  const checked = readResult(abi, label, dry.output, name);
  if (!checked.ok) throw checked.error;

  const { api } = conn;
  const gasLimit = api.registry.createType('WeightV2', {
    refTime: margin(dry.gasRequired.refTime.toBn()),
    proofSize: margin(dry.gasRequired.proofSize.toBn()),
  });
  const storageDepositLimit = dry.storageDeposit.isCharge ? margin(dry.storageDeposit.asCharge.toBn()) : null;
  const method = findMessage(abi, label).method;
  const tx = contract.tx[method]({ gasLimit, storageDepositLimit, value }, ...args);

  onStatus({ stage: 'signing' });
  const [signer, options] = await signingFor(account);
  return new Promise((resolve, reject) => {
    let unsub = () => {};
    let settled = false;
    const fail = (message) => {
      unsub();
      if (!settled) reject(new Error(message));
      else onStatus({ stage: 'failed', error: message });
      settled = true;
    };
    tx.signAndSend(signer, options, (result) => {
      const { status, dispatchError } = result;
      if (status.isReady || status.isBroadcast) onStatus({ stage: 'submitted' });
      if (dispatchError) {
        explainFailure(conn, account, { name, label, args, value }, dispatchError).then(fail, () =>
          fail(dispatchErrorText(api.registry, dispatchError)));
        return;
      }
      if (status.isInBlock) {
        onStatus({ stage: 'in block', block: status.asInBlock.toHex() });
        if (!settled) resolve({ result, value: checked.value });
        settled = true;
      }
      if (status.isFinalized) {
        onStatus({ stage: 'finalised', block: status.asFinalized.toHex() });
        unsub();
      }
      if (status.isInvalid || status.isDropped || status.isUsurped) fail(`The node ${status.type.toLowerCase()} the transaction`);
    })
      .then((u) => {
        unsub = u;
      })
      .catch((e) => fail(/cancel|reject/i.test(e.message) ? 'You declined to sign.' : e.message));
  });
}

// A call that reverted in its block (the chain moved since the dry-run): run it again to read
// the contract's own error; otherwise the runtime's explanation.
async function explainFailure(conn, account, call, dispatchError) {
  try {
    const dry = await dryRun(conn, call.name, call.label, call.args, { origin: account.address, value: call.value });
    const r = readResult(conn.contracts[call.name].abi, call.label, dry.output, call.name);
    if (!r.ok) return r.error.message;
  } catch (e) {
    return e.message;
  }
  return dispatchErrorText(conn.api.registry, dispatchError);
}
