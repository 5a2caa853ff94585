// As a wallet does it, against a running substrate-contracts-node (USOS_NODE_URL): upload the
// code, deploy the factory, create a cooperative whose founder is //Alice, and have //Alice
// propose and vote, each call signed by her dev key. Skipped without USOS_NODE_URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { Abi, CodePromise, ContractPromise } from '@polkadot/api-contract';

const url = process.env.USOS_NODE_URL;
const bundle = (name) => JSON.parse(readFileSync(new URL(`../${name}.contract`, import.meta.url)));
const PARTS = ['membership', 'merit', 'capital', 'governance', 'missions', 'profiles'];

/** Signs and submits; resolves with the in-block result, rejects on a dispatch error. */
function send(api, tx, signer) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, (result) => {
      if (result.dispatchError) {
        const e = result.dispatchError;
        const text = e.isModule ? JSON.stringify(api.registry.findMetaError(e.asModule)) : e.toString();
        reject(new Error(text));
      } else if (result.status.isInBlock || result.status.isFinalized) {
        resolve(result);
      }
    }).catch(reject);
  });
}

test('a wallet creates a cooperative through the factory and votes', { skip: !url && 'USOS_NODE_URL is not set' }, async () => {
  const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true });
  try {
    const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
    const gasLimit = api.registry.createType('WeightV2', {
      refTime: 500_000_000_000n,
      proofSize: 10_000_000n,
    });
    const options = { gasLimit, storageDepositLimit: null };

    const codes = {};
    for (const name of PARTS) {
      const b = bundle(name);
      await send(api, api.tx.contracts.uploadCode(b.source.wasm, null, 'Enforced'), alice);
      codes[name] = b.source.hash;
    }
    const factoryBundle = bundle('factory');
    const code = new CodePromise(api, factoryBundle, factoryBundle.source.wasm);
    const deployed = await send(api, code.tx.new({ ...options, salt: `0x${Date.now().toString(16)}` }, codes), alice);
    const factory = deployed.contract;
    assert.ok(factory, 'the factory is instantiated');

    const defaults = {
      weights: { equal: 2500, merit: 2500, capital: 5000 },
      voting_delay: 1,
      voting_period: 4,
      approval: 5000,
      quorum: 2000,
      timelock: 1,
      max_depth: 8,
      override_window: 2,
    };
    const params = {
      defaults,
      constitution: { ...defaults, approval: 6667 },
      config: { budget: 1_000_000_000_000n, grace: 14400, open_per_member: 3 },
      founders: [alice.address],
      categories: [],
    };
    // As a wallet would: create with the codes the factory says it uses (refused if they change).
    const dry = await factory.query.createCooperative(alice.address, options, 'Riverside', params, codes);
    const made = dry.output.toJSON();
    const coop = made.ok.ok;
    assert.ok(coop && coop.governance, `create_cooperative dry-run: ${JSON.stringify(made)}`);
    await send(api, factory.tx.createCooperative(options, 'Riverside', params, codes), alice);

    const governance = new ContractPromise(api, new Abi(bundle('governance')), coop.governance);
    const proposed = await governance.query.propose(alice.address, options, 0, 'Hello', 'ipfs://hello', []);
    const id = proposed.output.toJSON().ok.ok;
    await send(api, governance.tx.propose(options, 0, 'Hello', 'ipfs://hello', []), alice);
    // Voting opens the block after the snapshot (one block after proposing): make two blocks.
    for (let i = 0; i < 2; i++) {
      await send(api, api.tx.system.remark('0x00'), alice);
    }
    const voted = await send(api, governance.tx.castVote(options, id, 'For'), alice);
    const names = (voted.contractEvents || []).map((e) => e.event.identifier);
    assert.ok(names.some((n) => n.endsWith('VoteCast')), `events: ${names}`);
    const tally = (await governance.query.tally(alice.address, options, id)).output.toJSON().ok;
    const forVotes = tally.for_ ?? tally.for;
    assert.equal(BigInt(forVotes.equal), 1n, `tally ${JSON.stringify(tally)}`);
  } finally {
    await api.disconnect();
  }
});
