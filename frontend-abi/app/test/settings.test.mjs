import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSettings, settingsQuery, DEFAULT_NODE } from '../src/logic/settings.js';
import { ALICE, ADDR } from './metadata.mjs';

test('node and cooperative come from the URL query, with a local node by default', () => {
  assert.deepEqual(parseSettings('').settings, { node: DEFAULT_NODE, coop: '', missions: '', profiles: '' });
  const { settings, problems } = parseSettings(`?node=wss://rpc.example.org&coop=${ALICE}&missions=${ADDR.missions}`);
  assert.deepEqual(settings, { node: 'wss://rpc.example.org', coop: ALICE, missions: ADDR.missions, profiles: '' });
  assert.deepEqual(problems, []);
});

test('bad entries are dropped with a reason', () => {
  const { settings, problems } = parseSettings('?node=http://x&coop=nope');
  assert.equal(settings.node, DEFAULT_NODE);
  assert.equal(settings.coop, '');
  assert.equal(problems.length, 2);
});

test('settings go back into the query, keeping other parameters', () => {
  const q = settingsQuery({ node: DEFAULT_NODE, coop: ALICE, missions: '', profiles: ADDR.profiles }, '?x=1&missions=old');
  const back = new URLSearchParams(q);
  assert.deepEqual([back.get('x'), back.get('coop'), back.get('profiles'), back.get('missions'), back.get('node')], ['1', ALICE, ADDR.profiles, null, null]);
  assert.deepEqual(parseSettings(q).settings.coop, ALICE);
});
