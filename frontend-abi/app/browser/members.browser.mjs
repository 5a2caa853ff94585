// The members' app in headless Chromium against a real node (USOS_NODE_URL), used as a person
// would: a cooperative of Alice, Bob and Charlie created by the factory, opened from the
// factory's address alone; a test wallet injected through the extension API signs; the
// missions page reads the token; Bob delegates to Alice, Alice proposes and votes For, and
// the proposal page shows both shares for. A screenshot after each step (USOS_SCREENSHOTS, default
// browser/screenshots/); with USOS_README_SHOT=1 the proposal page's replaces
// browser/proposal.png, the README's picture.
// Skipped without USOS_NODE_URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
// lib/deploy.mjs works with frontend-abi's own polkadot packages: the node side uses them too.
import { ApiPromise, Keyring, WsProvider } from '../../node_modules/@polkadot/api/index.js';
import { Abi, ContractPromise } from '../../node_modules/@polkadot/api-contract/index.js';
import { cryptoWaitReady } from '../../node_modules/@polkadot/util-crypto/index.js';
import { bundle, callOptions, createCooperative } from '../../lib/deploy.mjs';
import { launchBrowser, serveApp, Session } from './harness.mjs';
import { allowSite, injectWallet } from './wallet.mjs';

const url = process.env.USOS_NODE_URL;
const skip = !url && 'USOS_NODE_URL is not set (a throw-away --dev node, e.g. scripts/node-test.sh)';
const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const shotsDir = process.env.USOS_SCREENSHOTS || here('screenshots/');

/** Governance's answer to `label(...args)` as plain JSON (the ink! LangError unwrapped). */
async function ask(api, governance, label, ...args) {
  const dry = await governance.query[label](governance.address, callOptions(api), ...args);
  return dry.output.toJSON().ok;
}

/** The equal pool's row of the tally chart: "For: 66.67% (2 of 3)" and the like. */
function equalPoolTitles(page) {
  return page.$$eval('figure.chart g', (rows) => rows
    .filter((g) => g.querySelector('.chart-label')?.textContent === 'Members (equal)')
    .flatMap((g) => [...g.querySelectorAll('title')].map((t) => t.textContent)));
}

async function openApp(s, appUrl, coop) {
  // The factory alone: the app finds its latest cooperative and all six addresses from it.
  const query = new URLSearchParams({ node: url, factory: coop.factory });
  await s.page.goto(`${appUrl}?${query}`);
  await s.untilText('The cooperative');
  // The URL now names the cooperative opened, not "the factory's latest".
  await s.until('the cooperative pinned in the URL', (g) =>
    new URLSearchParams(window.location.search).get('coop') === g, coop.governance);
}

async function connectWallet(s) {
  await s.click('Connect wallet');
  await allowSite(s.page);
  await s.until('account list with Alice, Bob and Charlie', () =>
    ['Alice', 'Bob', 'Charlie'].every((n) => [...document.querySelectorAll('option')].some((o) => o.text.startsWith(n))));
}

/** The missions page reads the token: the app found missions through the factory. */
async function missionsFound(s) {
  await s.click('Missions', 'link');
  await s.untilText('Your balance:');
}

/** As `member`, delegates the constitution (category 0) to `to`. */
async function delegate(s, member, to) {
  await s.choose(member);
  await s.click('Delegation', 'link');
  await s.choose('0 · Constitution');
  await s.untilText('Nobody: you vote yourself.');
  await s.type('any account', to);
  await s.click('Delegate');
  await s.untilTx('in block');
  await s.until('the delegate shown', (a) => {
    const card = [...document.querySelectorAll('h3')].find((h) => h.textContent === 'You delegate to')?.parentElement;
    return card?.querySelector('.address')?.title === a;
  }, to);
}

/** As `member`, proposes in the constitution to pay `payee` 1 UNIT; → the proposal's id. */
async function propose(s, member, payee) {
  await s.choose(member);
  await s.click('New proposal', 'link');
  await s.choose('0 · Constitution');
  await s.type('Title', 'Paint the workshop');
  await s.type('Description', 'Green, as the members asked at the spring meeting.');
  // One typed action from governance's metadata (the constitution carries governance's own
  // messages).
  await s.choose('governance');
  await s.choose('pay');
  await s.type('to:', payee);
  await s.type('value:', '1000000000000');
  await s.click('Encode this call');
  await s.untilText('Category 0 may carry this call.');
  await s.click('Add to the proposal');
  await s.untilText('governance.pay(');
  await s.click('Propose');
  await s.untilTx('finalised');
  const link = await s.until('link to the new proposal', () =>
    [...document.querySelectorAll('a')].find((a) => /^proposal #\d+$/.test(a.textContent))?.textContent);
  return Number((await link.jsonValue()).slice('proposal #'.length));
}

/** Opens proposal `id` from the link the New proposal page left, and votes For. */
async function voteFor(s, id) {
  await s.click(`proposal #${id}`, 'link');
  // A dev node makes a block only per transaction: the page offers to make one until voting
  // opens, as a newcomer on a local node would press it.
  const active = `Active #${id} Paint the workshop`;
  let made = 0;
  for (; made < 5; made++) {
    await s.until('the proposal page', () => document.querySelector('h1')?.textContent.includes('Paint the workshop'));
    if (await s.page.$eval('h1', (h, want) => h.textContent === want, active)) break;
    const before = await s.page.$eval('.block', (b) => b.textContent);
    await s.click('Make a block');
    await s.until('a new block', (n) => document.querySelector('.block')?.textContent !== n, before);
  }
  await s.until('the proposal open for voting', (h) => document.querySelector('h1')?.textContent === h, active);
  assert.ok(made > 0, 'voting opened only after the page made a block (nothing else sends a transaction)');
  await s.untilText('governance.pay');
  await s.click('For');
  // Once the vote is in a block the page reads it back and the vote buttons give way.
  await s.untilText('You voted For.');
  // The README's picture: from the title down to the tally.
  await s.page.$eval('h1', (h) => h.scrollIntoView());
}

test('a member delegates, another proposes and votes, the page shows the tally', { skip, timeout: 600_000 }, async (t) => {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const [alice, bob, charlie, dave] = ['Alice', 'Bob', 'Charlie', 'Dave'].map((n) => keyring.addFromUri(`//${n}`, { name: n }));
  const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true });
  let server;
  let browser;
  try {
    const coop = await createCooperative(api, alice, {
      name: 'Browser test',
      founders: [alice.address, bob.address, charlie.address],
    });
    const governance = new ContractPromise(api, new Abi(bundle('governance')), coop.governance);
    server = await serveApp(here('..'));
    browser = await launchBrowser();
    const page = await browser.newPage();
    await injectWallet(page, api, keyring, [alice, bob, charlie]);
    const s = new Session(page, shotsDir);

    await s.step('cooperative', () => openApp(s, server.url, coop));
    await s.step('wallet-connected', () => connectWallet(s));
    await s.step('missions-found', () => missionsFound(s));
    await s.step('bob-delegates', () => delegate(s, 'Bob', alice.address));
    const { out: id } = await s.step('alice-proposes', () => propose(s, 'Alice', dave.address));
    const { file } = await s.step('alice-votes', () => voteFor(s, id));
    // The README's picture is replaced only when asked: a test run leaves the checkout as it was.
    if (process.env.USOS_README_SHOT) await copyFile(file, here('proposal.png'));
    t.diagnostic(`screenshots: ${shotsDir}`);

    // Alice's own equal share and Bob's, delegated to her, of the three founders'.
    const shown = await equalPoolTitles(page);
    assert.ok(shown.some((x) => x.startsWith('For: 66.67% (2 of 3)')), `the page's equal pool: ${shown}`);
    // The constitution's approval threshold as the contract holds it (6667 bps), not rounded.
    const chart = await page.$eval('figure.chart', (f) => f.textContent);
    assert.match(chart, /100\.00% \/ 66\.67%/, chart);
    const tally = await ask(api, governance, 'tally', id);
    assert.equal(BigInt(tally.for.equal), 2n, `governance's tally: ${JSON.stringify(tally)}`);
  } finally {
    await browser?.close();
    await server?.close();
    await api.disconnect();
  }
});
