import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSettings, settingsQuery, DEFAULT_NODE } from '../src/logic/settings.js';
import { ALICE, ADDR } from './metadata.mjs';

test('node and cooperative come from the URL query, with a local node by default', () => {
  assert.deepEqual(parseSettings('').settings, { node: DEFAULT_NODE, coop: '', factory: '', missions: '', profiles: '' });
  const { settings, problems } = parseSettings(`?node=wss://rpc.example.org&coop=${ALICE}&missions=${ADDR.missions}`);
  assert.deepEqual(settings, { node: 'wss://rpc.example.org', coop: ALICE, factory: '', missions: ADDR.missions, profiles: '' });
  assert.equal(parseSettings(`?factory=${ADDR.governance}`).settings.factory, ADDR.governance, 'a factory alone is a cooperative');
  assert.deepEqual(problems, []);
});

test('bad entries are dropped with a reason', () => {
  const { settings, problems } = parseSettings('?node=http://x&coop=nope&factory=0x12');
  assert.equal(settings.node, DEFAULT_NODE);
  assert.equal(settings.coop, '');
  assert.equal(settings.factory, '');
  assert.equal(problems.length, 3);
});

test('settings go back into the query, keeping other parameters', () => {
  const q = settingsQuery({ node: DEFAULT_NODE, coop: ALICE, missions: '', profiles: ADDR.profiles }, '?x=1&missions=old');
  const back = new URLSearchParams(q);
  assert.deepEqual([back.get('x'), back.get('coop'), back.get('profiles'), back.get('missions'), back.get('node')], ['1', ALICE, ADDR.profiles, null, null]);
  assert.deepEqual(parseSettings(q).settings.coop, ALICE);
});
