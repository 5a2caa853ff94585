// A test wallet injected as a browser extension is (window.injectedWeb3, what
// @polkadot/extension-dapp reads): it shares the dev accounts once the site is allowed, and
// signs on the node side with their sr25519 pairs as polkadot{.js} extension does.

/** The signature of a SignerPayloadJSON by the dev pair of `payload.address`. */
function signPayload(api, keyring, payload) {
  const pair = keyring.getPair(payload.address);
  return api.registry.createType('ExtrinsicPayload', payload, { version: payload.version }).sign(pair).signature;
}

/**
 * Installs the wallet in `page` before its scripts run. Like a real extension seeing a new
 * site, `enable` waits until the member allows it: call `allowSite(page)` for that.
 */
export async function injectWallet(page, api, keyring, pairs) {
  await page.exposeFunction('usosTestSign', (payload) => signPayload(api, keyring, payload));
  const accounts = pairs.map((p) => ({ address: p.address, name: p.meta.name, type: 'sr25519' }));
  await page.evaluateOnNewDocument((list) => {
    let allow;
    const allowed = new Promise((resolve) => {
      allow = resolve;
    });
    window.usosTestWallet = { allow: () => allow() };
    window.injectedWeb3 = {
      ...window.injectedWeb3,
      'usos-test-wallet': {
        version: '0.1.0',
        enable: async () => {
          await allowed;
          return {
            accounts: {
              get: async () => list,
              subscribe: (cb) => {
                cb(list);
                return () => {};
              },
            },
            signer: {
              signPayload: async (payload) => ({ id: 1, signature: await window.usosTestSign(payload) }),
            },
          };
        },
      },
    };
  }, accounts);
}

/** The member allows the site in the wallet's prompt. */
export function allowSite(page) {
  return page.evaluate(() => window.usosTestWallet.allow());
}
