// Accounts and signers. Browser wallets (polkadot{.js}, Talisman, SubWallet) all inject through
// @polkadot/extension-dapp; on a local dev node the well-known dev keys (//Alice …) can sign too,
// so the app is usable against `scripts/node.sh start` without installing a wallet.
import { web3Accounts, web3Enable, web3FromAddress } from '@polkadot/extension-dapp';
import { Keyring } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';

export const APP_NAME = 'usOS members';
const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];
let devPairs = null;

/** Asks every installed wallet for access; → [{ address, name, source }]. */
export async function walletAccounts() {
  const extensions = await web3Enable(APP_NAME);
  if (extensions.length === 0) {
    throw new Error('No wallet answered: install polkadot{.js}, Talisman or SubWallet and allow this site.');
  }
  const accounts = await web3Accounts();
  if (accounts.length === 0) throw new Error('Your wallet shares no account with this site: add or allow one.');
  return accounts.map((a) => ({ address: a.address, name: a.meta.name ?? '', source: a.meta.source }));
}

/** The dev keys of a `--dev` chain (only for a local node). */
export async function devAccounts() {
  await cryptoWaitReady();
  if (!devPairs) {
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    devPairs = DEV_NAMES.map((n) => keyring.addFromUri(`//${n}`, { name: n }));
  }
  return devPairs.map((p) => ({ address: p.address, name: `${p.meta.name} (dev key)`, source: 'dev' }));
}

/** What signAndSend takes for `account`: [signer-or-pair, options]. */
export async function signingFor(account) {
  if (account.source === 'dev') {
    const pair = devPairs?.find((p) => p.address === account.address);
    if (!pair) throw new Error('Unknown dev account');
    return [pair, {}];
  }
  const injector = await web3FromAddress(account.address);
  return [account.address, { signer: injector.signer }];
}
