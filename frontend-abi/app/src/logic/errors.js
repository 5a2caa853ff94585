// A contract message's answer, read through its return type in the metadata: ink! 5 answers
// Result<T, LangError>, and most messages' T is Result<V, Error>. A refusal becomes a sentence
// a member can act on ("Not member: only members … may propose or delegate."), built from the
// variant's name and its doc comment, never a raw dispatch error.
import { isHex, isU8a } from '@polkadot/util';
import extractedDocs from './error-docs.js';

/** `TooManyOpenProposals` → `Too many open proposals`; keeps acronyms like PSP22. */
export function humanise(name) {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(' ');
  return words.map((w, i) => (i > 0 && /^[A-Z][a-z]/.test(w) ? w.toLowerCase() : w)).join(' ');
}

function typesOf(json) {
  return new Map(json.types.map((t) => [t.id, t.type]));
}

/** The doc of `variant` of the enum at `path`: the metadata's own if present, else the extracted one. */
export function variantDoc(json, path, variant) {
  for (const { type } of json.types) {
    if (type.path?.join('::') === path && type.def.variant) {
      const v = type.def.variant.variants?.find((x) => x.name === variant);
      const doc = (v?.docs ?? []).join(' ').replace(/\s+/g, ' ').trim();
      if (doc) return doc;
    }
  }
  return extractedDocs[path]?.[variant] ?? '';
}

function isResultType(t) {
  return t?.path?.length === 1 && t.path[0] === 'Result' && t.def.variant;
}

function variantField(t, name) {
  return t.def.variant.variants.find((v) => v.name === name)?.fields?.[0]?.type;
}

/**
 * Describes an enum value `codec` (an error, or what an error carries) of metadata type `id`:
 * { variant, path, doc, title, inner, text }. Nested enums (missions' Token(PSP22Error),
 * governance's OutOfBounds(Param)) are described in `inner`; other data in `data`.
 */
export function describeVariant(json, id, codec) {
  const types = typesOf(json);
  const t = types.get(id);
  const path = (t?.path ?? []).join('::');
  const variant = codec.type;
  const v = t?.def.variant?.variants.find((x) => x.name === variant);
  const doc = variantDoc(json, path, variant);
  let inner = null;
  let data = null;
  const field = v?.fields?.length === 1 ? types.get(v.fields[0].type) : null;
  if (field?.def.variant && field.path?.[0] !== 'Option') {
    inner = describeVariant(json, v.fields[0].type, codec.value);
  } else if (v?.fields?.length) {
    data = codec.value.toHuman();
  }
  const title = humanise(variant);
  const detail = inner ? sentence(inner.head, inner.doc).replace(/\.$/, '') : data !== null ? String(data) : '';
  const head = detail ? `${title} (${detail})` : title;
  return { variant, path, doc, title, head, inner, data, text: sentence(head, doc) };
}

// "Not member" + "Only members may…" → "Not member: only members may…".
function sentence(head, doc) {
  return doc ? `${head}: ${doc.charAt(0).toLowerCase()}${doc.slice(1)}` : head;
}

/** A refusal as an Error, so it can be thrown and shown as it is. */
export class ContractError extends Error {
  constructor(contract, message, described) {
    super(described.text);
    this.contract = contract;
    this.messageLabel = message;
    this.variant = described.variant;
    this.described = described;
  }
}

/**
 * Reads the answer of message `label` of `abi` (the message's full return type; `output` is
 * the Codec api-contract's query gives, or the raw bytes as Uint8Array or hex).
 * → { ok: true, value: Codec } or { ok: false, error: ContractError }.
 */
export function readResult(abi, label, output, contract = contractName(abi)) {
  const json = abi.json;
  const spec = json.spec.messages.find((m) => m.label === label);
  if (!spec) throw new Error(`no message ${label}`);
  const types = typesOf(json);
  const outerId = spec.returnType.type;
  let outer = output;
  if (isU8a(output) || isHex(output)) {
    const message = abi.messages.find((m) => m.identifier === label);
    outer = abi.registry.createType(message.returnType.lookupName || message.returnType.type, output);
  }
  if (outer == null) throw new Error(`${label}: no output to read`);
  const langId = variantField(types.get(outerId), 'Err');
  if (outer.isErr) {
    return { ok: false, error: new ContractError(contract, label, describeVariant(json, langId, outer.asErr)) };
  }
  const innerId = variantField(types.get(outerId), 'Ok');
  const inner = outer.asOk;
  if (isResultType(types.get(innerId))) {
    if (inner.isErr) {
      const errId = variantField(types.get(innerId), 'Err');
      return { ok: false, error: new ContractError(contract, label, describeVariant(json, errId, inner.asErr)) };
    }
    return { ok: true, value: inner.asOk };
  }
  return { ok: true, value: inner };
}

/** The value of a successful answer, or the ContractError thrown. */
export function unwrapResult(abi, label, output) {
  const r = readResult(abi, label, output);
  if (!r.ok) throw r.error;
  return r.value;
}

function contractName(abi) {
  return abi.json?.contract?.name ?? 'contract';
}

/**
 * A chain-level failure (a DispatchError: a module error, a bad origin, no funds) as a
 * sentence, from the runtime metadata's docs: `findMetaError` is the registry's.
 */
export function dispatchErrorText(registry, dispatchError) {
  if (dispatchError?.isModule) {
    const { section, name, docs } = registry.findMetaError(dispatchError.asModule);
    const doc = (docs ?? []).join(' ').trim();
    return `${humanise(name)} (${section})${doc ? `: ${doc}` : ''}`;
  }
  if (dispatchError?.isToken) return `Token error: ${humanise(dispatchError.asToken.type)}`;
  if (dispatchError?.isArithmetic) return `Arithmetic error: ${humanise(dispatchError.asArithmetic.type)}`;
  return humanise(dispatchError?.type ?? String(dispatchError));
}
