// A governance proposal's actions (governance::types::Action: callee, selector, input, value)
// to and from typed calls. `input` is the SCALE-encoded arguments *without* the selector or a
// length prefix, exactly what governance appends to the selector when it executes the call.
import { compactAddLength, hexToU8a, isHex, u8aConcat, u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';

/** A comparable key for an address given as SS58 or hex. */
export function accountKey(address) {
  return u8aToHex(decodeAddress(address));
}

function bytes(value) {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string' && (isHex(value) || value === '0x')) return hexToU8a(value);
  if (Array.isArray(value)) return Uint8Array.from(value);
  throw new TypeError(`not bytes: ${value}`);
}

/** Finds a message by its metadata label (`PSP22::transfer`) or camelCase method. */
export function findMessage(abi, label) {
  const m = abi.messages.find((x) => x.identifier === label || x.method === label);
  if (!m) throw new Error(`no message ${label}`);
  return m;
}

/**
 * Encodes a call of message `label` with `values` (already what api-contract takes, see
 * args.js): its selector, its input (arguments only) and the full call data.
 */
export function encodeCall(abi, label, values) {
  const message = findMessage(abi, label);
  if (values.length !== message.args.length) {
    throw new Error(`${label} takes ${message.args.length} arguments, got ${values.length}`);
  }
  const input = u8aConcat(
    ...message.args.map((a, i) => abi.registry.createType(a.type.lookupName || a.type.type, values[i]).toU8a()),
  );
  const selector = message.selector.toU8a();
  return {
    message: message.identifier,
    selector: u8aToHex(selector),
    input: u8aToHex(input),
    data: u8aToHex(u8aConcat(selector, input)),
  };
}

/** The Action governance's `propose` takes. */
export function toAction(callee, call, value = 0n) {
  return { callee, selector: call.selector, input: call.input, value };
}

/**
 * Decodes `action` ({ callee, selector, input, value } as hex or bytes) into
 * { contract, message, args: [{ name, type, value }], value } using the Abi of the contract at
 * the callee. `contracts` maps an address (SS58 or hex) to { name, abi }. What cannot be
 * decoded (an unknown callee or selector, input that does not fit the arguments) is reported
 * in `error` with the raw bytes kept, never thrown: a proposal page must still show it.
 */
export function decodeAction(action, contracts) {
  const selector = u8aToHex(bytes(action.selector));
  const input = bytes(action.input);
  const base = {
    callee: action.callee,
    selector,
    input: u8aToHex(input),
    value: BigInt(action.value ?? 0),
    contract: null,
    message: null,
    args: [],
  };
  const known = lookup(contracts, action.callee);
  if (!known) return { ...base, error: 'unknown callee: not a contract of this cooperative' };
  const message = known.abi.messages.find((m) => m.selector.toHex() === selector);
  if (!message) return { ...base, contract: known.name, error: `${known.name} has no message with selector ${selector}` };
  try {
    // Abi.decodeMessage wants the call data as a contract call carries it: length-prefixed.
    const decoded = known.abi.decodeMessage(compactAddLength(u8aConcat(bytes(action.selector), input)));
    const used = decoded.args.reduce((n, codec) => n + codec.encodedLength, 0);
    if (used !== input.length) {
      throw new Error(`${input.length - used} bytes left over after the arguments`);
    }
    // Argument names as in the metadata (snake_case, as the Rust and args.js spell them).
    const labels = known.abi.metadata.spec.messages[message.index].args.map((a) => a.label.toString());
    const args = message.args.map((a, i) => ({
      name: labels[i],
      type: a.type.displayName || a.type.type,
      value: decoded.args[i],
    }));
    return { ...base, contract: known.name, message: message.identifier, args };
  } catch (e) {
    return { ...base, contract: known.name, message: message.identifier, error: `input does not decode: ${e.message}` };
  }
}

function lookup(contracts, address) {
  let key;
  try {
    key = accountKey(address);
  } catch {
    return null;
  }
  for (const [addr, entry] of contracts instanceof Map ? contracts : Object.entries(contracts)) {
    try {
      if (accountKey(addr) === key) return entry;
    } catch {
      // an unparsable key in the map is simply not this callee
    }
  }
  return null;
}

/** An argument's decoded value as plain data for display and comparison (BigInt-free). */
export function plainValue(codec) {
  return codec.toPrimitive();
}
