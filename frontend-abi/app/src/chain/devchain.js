// A development chain (substrate-contracts-node --dev) makes a block only when a transaction
// arrives, so a proposal waiting for its next block would wait for ever on one. The app offers
// such a chain (and no other) a remark that makes a block.
import { signingFor } from './wallet.js';
import { dispatchErrorText } from '../logic/errors.js';

/** Whether the node says its chain is a development chain. */
export async function isDevelopmentChain(api) {
  return (await api.rpc.system.chainType()).isDevelopment;
}

/** Signs an empty remark as `account`; resolves once it is in a block. */
export async function makeBlock(api, account) {
  const [signer, options] = await signingFor(account);
  return new Promise((resolve, reject) => {
    let done = false;
    let unsub = null;
    // A node that never includes it must not leave the button busy for ever.
    const timer = setTimeout(() => finish(new Error('No block within 60 s')), 60_000);
    const finish = (error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      unsub?.();
      if (error) reject(error);
      else resolve();
    };
    api.tx.system.remark('0x').signAndSend(signer, options, ({ status, dispatchError }) => {
      if (dispatchError) finish(new Error(dispatchErrorText(api.registry, dispatchError)));
      else if (status.isInBlock) finish();
      else if (status.isInvalid || status.isDropped || status.isUsurped) {
        finish(new Error(`The node ${status.type.toLowerCase()} the remark`));
      }
    }).then((u) => {
      unsub = u;
      if (done) u();
    }, finish);
  });
}
