// Which node and cooperative the app talks to, kept in the URL query so a link opens the same
// cooperative: ?node=ws://…&coop=<governance>&factory=<addr>&missions=<addr>&profiles=<addr>.
// The factory that made the cooperative names all its contracts (alone, it opens its latest
// cooperative); without one, missions (and profiles when membership does not list it) live here.
import { decodeAddress } from '@polkadot/util-crypto';

export const DEFAULT_NODE = 'ws://127.0.0.1:9944';
export const KEYS = ['node', 'coop', 'factory', 'missions', 'profiles'];

/** Whether `text` is an SS58 or hex account address. */
export function isAddress(text) {
  try {
    return decodeAddress(String(text ?? '').trim()).length === 32;
  } catch {
    return false;
  }
}

/** Whether `url` is a node endpoint the API can open. */
export function isNodeUrl(url) {
  return /^wss?:\/\/[^\s/]+/.test(String(url ?? ''));
}

/** Settings from a query string ("?node=…"); invalid entries are dropped, with the reason. */
export function parseSettings(search) {
  const q = new URLSearchParams(search);
  const settings = { node: DEFAULT_NODE, coop: '', factory: '', missions: '', profiles: '' };
  const problems = [];
  const node = q.get('node');
  if (node) {
    if (isNodeUrl(node)) settings.node = node;
    else problems.push(`node "${node}" is not a ws:// or wss:// URL`);
  }
  for (const key of ['coop', 'factory', 'missions', 'profiles']) {
    const value = q.get(key)?.trim();
    if (!value) continue;
    if (isAddress(value)) settings[key] = value;
    else problems.push(`${key} "${value}" is not an address`);
  }
  return { settings, problems };
}

/** The query string for `settings`, keeping other parameters of `search`; empty ones left out. */
export function settingsQuery(settings, search = '') {
  const q = new URLSearchParams(search);
  for (const key of KEYS) {
    const value = settings[key];
    if (value && !(key === 'node' && value === DEFAULT_NODE)) q.set(key, value);
    else q.delete(key);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
