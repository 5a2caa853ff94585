// The pages, rendered in jsdom against the fake cooperative (test/fake-chain.mjs): they read
// through the real chain layer (dry-run → return type → value) and show what a member needs.
// Vite's SSR loader compiles the JSX and the metadata imports exactly as the build does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { createServer } from 'vite';
import { ADDR, ALICE, BOB } from './metadata.mjs';
import { fakeContract, cooperativeAnswers } from './fake-chain.mjs';

const ME = ALICE;
const REP1 = BOB;
const REP2 = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y'; // //Charlie
const BLOCK = 100;
let server;
let React;
let ReactDOM;
let load;

before(async () => {
  const dom = new JSDOM('<!doctype html><div id="root"></div>', { url: 'http://localhost/' });
  for (const key of ['window', 'document', 'navigator', 'localStorage', 'HTMLElement', 'Node']) {
    Object.defineProperty(globalThis, key, { value: dom.window[key], configurable: true, writable: true });
  }
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  server = await createServer({
    root: new URL('..', import.meta.url).pathname,
    logLevel: 'error',
    server: { middlewareMode: true, hmr: false, ws: false },
    appType: 'custom',
  });
  load = (path) => server.ssrLoadModule(path);
  React = await import('react');
  ReactDOM = await import('react-dom/client');
});

after(async () => {
  await server?.close();
});

// A factory that made two cooperatives: an older one (addresses of its own) and ADDR's.
const FACTORY = '5HpG9w8EBLe5XCrbczpwq5TSXvedjrBGCwqxK1iQ7qUsSWFc'; // //Ferdie's key, as an address
const OLDER = Object.fromEntries(Object.keys(ADDR).map((n) => [n, REP2]));
const LOOKALIKE = '5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy'; // //Dave's key, as an address
const factoryAnswers = (label, args) => ({
  created: 2,
  cooperative_at: [OLDER, ADDR][args[0]] ?? null,
  cooperative_of: args[0] === ADDR.governance ? ADDR : null,
})[label];

/** The connection openCooperative builds, on the fake chain (settings: coop, factory, missions). */
async function connect(calls = [], missions = '', settings = { coop: ADDR.governance }, factory = factoryAnswers) {
  const { openCooperative } = await load('/src/chain/connection.js');
  const answers = { ...cooperativeAnswers({ me: ME, rep1: REP1, rep2: REP2 }), factory };
  const api = {
    query: { contracts: { contractInfoOf: async () => ({ isNone: false }) } },
    // The chain's largest transaction weight, which read.js gives every dry-run.
    consts: { system: { blockWeights: { perClass: { normal: { maxExtrinsic: { unwrapOr: (w) => w } } } } } },
    registry: { chainDecimals: [12], chainTokens: ['UNIT'], createType: (_, value) => value },
  };
  const byAddress = { ...Object.fromEntries(Object.entries(ADDR).map(([n, a]) => [a, n])), [FACTORY]: 'factory' };
  const conn = await openCooperative(api, { coop: '', factory: '', missions, profiles: '', ...settings }, (_, name, address) => {
    // A look-alike deployed by someone else: same code, its own admin.
    if (address === LOOKALIKE) return fakeContract(name, address, (label) => ({ admin: LOOKALIKE })[label], calls);
    assert.equal(byAddress[address], name, `${name} at its own address`);
    return fakeContract(name, address, answers[name], calls);
  });
  return { conn: { ...conn, account: ME }, calls };
}

/** Renders `page` with the app context and waits for its reads. */
async function render(pagePath, props = {}, { missions = '' } = {}) {
  const { AppContext } = await load('/src/hooks.js');
  const Page = (await load(pagePath)).default;
  const { conn, calls } = await connect([], missions);
  const container = document.createElement('div');
  const root = ReactDOM.createRoot(container);
  const context = { conn, account: { address: ME, source: 'dev' }, block: BLOCK, refresh: 0, settings: {}, bump: () => {} };
  await React.act(async () => {
    root.render(React.createElement(AppContext.Provider, { value: context }, React.createElement(Page, props)));
  });
  await React.act(() => new Promise((r) => setTimeout(r, 30)));
  /** Renders again with `patch` applied to the context (a new block, say) and waits. */
  const rerender = async (patch) => {
    await React.act(async () => {
      root.render(React.createElement(AppContext.Provider, { value: { ...context, ...patch } }, React.createElement(Page, props)));
    });
    await React.act(() => new Promise((r) => setTimeout(r, 30)));
  };
  return { container, calls, root, conn, rerender };
}

const text = (el) => el.textContent.replace(/\s+/g, ' ');

test('connecting reads membership, merit and capital from governance, profiles from membership', async () => {
  const { conn } = await connect();
  assert.deepEqual(
    [conn.addresses.membership, conn.addresses.merit, conn.addresses.capital, conn.addresses.profiles],
    [ADDR.membership, ADDR.merit, ADDR.capital, ADDR.profiles],
  );
  assert.equal(conn.contracts.missions, null);
  assert.ok(conn.notes.some((n) => n.startsWith('missions')), 'asks for the missions address');
});

test('given only its factory, the app opens the factory\'s latest cooperative, missions included', async () => {
  const calls = [];
  const { conn } = await connect(calls, '', { factory: FACTORY });
  assert.deepEqual(conn.addresses, ADDR);
  assert.equal(conn.notes.length, 0, conn.notes.join('; '));
  assert.deepEqual(calls.filter((c) => c.contract === 'factory').map((c) => [c.label, c.args.map(Number)]), [
    ['created', []],
    ['cooperative_at', [1]],
  ]);
});

test('given a governance and its factory, missions comes from the factory\'s record of it', async () => {
  const { conn } = await connect([], '', { coop: ADDR.governance, factory: FACTORY });
  assert.equal(conn.addresses.missions, ADDR.missions);
  assert.ok(conn.contracts.missions, 'missions is reachable');
});

test('a factory that did not make the cooperative is said, and missions is asked for', async () => {
  const stranger = (label) => ({ created: 0, cooperative_of: null })[label];
  const { conn } = await connect([], '', { coop: ADDR.governance, factory: FACTORY }, stranger);
  assert.equal(conn.addresses.membership, ADDR.membership, 'the rest is read from governance');
  assert.equal(conn.contracts.missions, null);
  assert.ok(conn.notes.some((n) => n.startsWith('factory: it did not make')), conn.notes.join('; '));
  await assert.rejects(connect([], '', { factory: FACTORY }, stranger), /made no cooperative yet/);
});

test('a factory record that disagrees with governance is ignored, with a note', async () => {
  // The "factory" answers a record whose missions is a look-alike and whose membership is not
  // governance's: the app believes governance, not the factory.
  const liar = (label) => ({ cooperative_of: { ...ADDR, membership: REP2, missions: LOOKALIKE } })[label];
  const { conn } = await connect([], '', { coop: ADDR.governance, factory: FACTORY }, liar);
  assert.equal(conn.addresses.membership, ADDR.membership);
  assert.equal(conn.contracts.missions, null, 'no missions from a lying record');
  assert.ok(conn.notes.some((n) => n.startsWith('factory: its record disagrees')), conn.notes.join('; '));
});

test('a missions address not administered by the cooperative\'s governance is not used', async () => {
  const { conn } = await connect([], LOOKALIKE);
  assert.equal(conn.contracts.missions, null);
  assert.equal(conn.addresses.missions, '');
  assert.ok(conn.notes.some((n) => n === `missions: ${LOOKALIKE} is not administered by this cooperative's governance; not used`), conn.notes.join('; '));
  // A record from an honest factory wins over a look-alike given in the URL.
  const both = await connect([], LOOKALIKE, { coop: ADDR.governance, factory: FACTORY });
  assert.equal(both.conn.addresses.missions, ADDR.missions);
  assert.ok(both.conn.notes.some((n) => n.startsWith('missions: the address given differs')));
});

test('the cooperative page: members, treasury, caps and the categories with their parameters', async () => {
  const { container } = await render('/src/pages/Cooperative.jsx');
  const t = text(container);
  assert.match(t, /Members\s?5/);
  assert.match(t, /Treasury\s?5 UNIT/);
  assert.match(t, /caps 3\.00% per member, 5\.00% per household/);
  assert.match(t, /Constitution/);
  assert.match(t, /finance/);
  assert.match(t, /25\.00% \/ 25\.00% \/ 50\.00%/);
  assert.match(t, /levels 1\/2 points/);
});

test('the proposal page: decoded action, tally chart, verdict and vote buttons', async () => {
  const { container } = await render('/src/pages/Proposal.jsx', { id: 0 });
  const t = text(container);
  assert.match(t, /Active/);
  assert.match(t, /#0 Admit Dana/);
  assert.match(t, /membership\.admit/);
  assert.match(t, /Worker/);
  assert.match(t, /Voting closes at block 141: 41 blocks from now/);
  assert.ok(container.querySelector('svg[aria-label="Tally per pool and choice"]'), 'the chart is drawn');
  // For: 3 of 5 members, 2 of 3 merit, 3% of a 6%-allocated capital pool.
  assert.match(t, /Quorum met/);
  assert.match(t, /passes so far/);
  assert.deepEqual([...container.querySelectorAll('button.vote')].map((b) => b.textContent), ['For', 'Against', 'Abstain']);
});

test('a vote the contract refuses shows its readable error and is never signed', async () => {
  const { container, calls } = await render('/src/pages/Proposal.jsx', { id: 0 });
  const forButton = [...container.querySelectorAll('button.vote')].find((b) => b.textContent === 'For');
  await React.act(async () => {
    forButton.dispatchEvent(new window.MouseEvent('click', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 30));
  });
  assert.match(text(container), /Already voted/);
  assert.ok(calls.some((c) => c.label === 'cast_vote' && c.caller === ME), 'dry-run by the voter');
});

test('the proposal page reads again at each block, and a failed re-read keeps the page', async () => {
  const { container, calls, conn, rerender } = await render('/src/pages/Proposal.jsx', { id: 0 });
  const tallies = () => calls.filter((c) => c.label === 'tally').length;
  const before = tallies();
  await rerender({ block: BLOCK + 1 });
  assert.equal(tallies(), before + 1, 'the tally is read again at the new block');
  // The node stops answering for a block: what was shown stays, with the reason.
  const query = conn.contracts.governance.query;
  conn.contracts.governance.query = new Proxy({}, { get: () => async () => { throw new Error('node hiccup'); } });
  await rerender({ block: BLOCK + 2 });
  conn.contracts.governance.query = query;
  const t = text(container);
  assert.match(t, /#0 Admit Dana/);
  assert.match(t, /Could not read again: node hiccup/);
});

test('an unknown proposal reads as such', async () => {
  const { container } = await render('/src/pages/Proposal.jsx', { id: 9 });
  assert.match(text(container), /There is no proposal #9\./);
});

test('the proposals list: by state, newest first', async () => {
  const { container } = await render('/src/pages/Proposals.jsx');
  const t = text(container);
  assert.match(t, /2 in all/);
  assert.match(t, /#0 Admit Dana/);
  assert.ok(!t.includes('Earlier decision'), 'executed proposals are not in the open tab');
});

test('my power: per pool, points, delegation', async () => {
  const { container } = await render('/src/pages/Power.jsx');
  const t = text(container);
  assert.match(t, /You are a member \(Worker, since block 3\)/);
  assert.match(t, /You delegate to/);
  assert.match(t, /share 3\.0000% of the pool/);
});

test('delegation: representatives ranked by match with my answers', async () => {
  const { container } = await render('/src/pages/Delegation.jsx');
  const rows = [...container.querySelectorAll('table')[0].querySelectorAll('tbody tr')].map((r) => [...r.cells].map((c) => c.textContent).join(' | '));
  assert.equal(rows.length, 2);
  // rep1 answers as I do; rep2 (listed first) fails one of my questions: 100·√0.8.
  assert.match(rows[0], /^1 \| .*M694ty \| 100\.0% \| 1 \| ipfs:\/\/statement \| your delegate$/);
  assert.match(rows[1], /^2 \| .*XcS59Y \| 89\.4% \|/);
  assert.match(text(container), /Publish my answers/);
});

/** Types into a React-controlled input or select, as a user would. */
async function type(el, value) {
  const proto = el.tagName === 'SELECT' ? window.HTMLSelectElement.prototype : window.HTMLInputElement.prototype;
  await React.act(async () => {
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
    el.dispatchEvent(new window.Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
  });
}

async function click(button) {
  await React.act(async () => {
    button.dispatchEvent(new window.MouseEvent('click', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 30));
  });
}

const buttonNamed = (container, name) => [...container.querySelectorAll('button')].find((b) => b.textContent === name);

test('new proposal: a typed form builds membership.admit, checks the category carries it, adds it', async () => {
  const { container, calls } = await render('/src/pages/NewProposal.jsx');
  const form = container.querySelector('.message-form');
  const [account] = form.querySelectorAll('input');
  await type(account, REP2);
  await type(form.querySelector('select'), 'Investor');
  await click(buttonNamed(container, 'Encode this call'));
  const t = text(container);
  assert.match(t, /selector 0x5d977c25/);
  assert.match(t, /Category 1 may carry this call/);
  const carries = calls.find((c) => c.label === 'carries');
  assert.deepEqual([carries.args[0], carries.args[2]], [1, '0x5d977c25']);
  await click(buttonNamed(container, 'Add to the proposal'));
  assert.match(text(container.querySelector('.actions')), /membership\.admit\(account: "5FLSig.*", class: "Investor"\)/);
});

test('new proposal: a bad argument is named, not encoded', async () => {
  const { container } = await render('/src/pages/NewProposal.jsx');
  await type(container.querySelector('.message-form input'), 'not-an-address');
  await click(buttonNamed(container, 'Encode this call'));
  assert.match(text(container), /account: "not-an-address" is not an account address/);
});

test('capital: stake, share and the lock', async () => {
  const { container } = await render('/src/pages/Capital.jsx');
  const t = text(container);
  assert.match(t, /Deposited\s?3 UNIT/);
  assert.match(t, /Your share\s?3\.0000%/);
  assert.match(t, /Your deposits are unlocked/);
});

test('missions: the token balance and an open mission to claim, reviewed by me', async () => {
  const { container } = await render('/src/pages/Missions.jsx', {}, { missions: ADDR.missions });
  const t = text(container);
  assert.match(t, /Your balance: 2\.5 USOS/);
  assert.match(t, /#1 Paint the hall/);
  assert.match(t, /bounty 15 USOS/);
  assert.ok(buttonNamed(container, 'Claim'), 'a member who did not create it may claim');
  assert.match(t, /You review this mission/);
});

test('missions without an address asks for it', async () => {
  const { container } = await render('/src/pages/Missions.jsx');
  assert.match(text(container), /missions contract is not known/);
});

test('merit: my credential and an open nomination to attest', async () => {
  const { container } = await render('/src/pages/Merit.jsx');
  const t = text(container);
  assert.match(t, /1 · finance/);
  assert.match(t, /#1 issue level 1 for/);
  assert.match(t, /0 approve \/ 0 reject of 2 holders · 1 approvals required/);
  assert.ok(buttonNamed(container, 'Approve') && buttonNamed(container, 'Reject'));
});

test('the app shell: settings from the URL, navigation, and a readable error for a node that is not there', async () => {
  window.history.replaceState(null, '', `/?node=ws://127.0.0.1:1&coop=${ADDR.governance}#/proposals`);
  const App = (await load('/src/App.jsx')).default;
  const container = document.createElement('div');
  const root = ReactDOM.createRoot(container);
  await React.act(async () => root.render(React.createElement(App)));
  const deadline = Date.now() + 9000;
  while (!/Cannot reach a contracts node/.test(container.textContent) && Date.now() < deadline) {
    await React.act(() => new Promise((r) => setTimeout(r, 100)));
  }
  const t = text(container);
  assert.match(t, /Cannot reach a contracts node at ws:\/\/127\.0\.0\.1:1/);
  assert.deepEqual([...container.querySelectorAll('nav a')].map((a) => a.textContent),
    ['Cooperative', 'My power', 'Proposals', 'New proposal', 'Delegation', 'Capital', 'Missions', 'Merit']);
  assert.equal(container.querySelector('nav a.active').textContent, 'Proposals');
  assert.ok(buttonNamed(container, 'Connect wallet'));
  assert.ok(buttonNamed(container, 'Dev keys'), 'a local node offers the dev keys');
  await React.act(async () => root.unmount());
});
