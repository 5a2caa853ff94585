// Typed form fields from ink! metadata: a message argument's type (an id into the metadata's
// type table) becomes a field descriptor the form renders, and the form's draft value becomes
// the value @polkadot/api-contract encodes. Validation happens here, because createType
// silently fills a missing struct field or a bad number with zero.
import { decodeAddress } from '@polkadot/util-crypto';
import { isHex } from '@polkadot/util';

export class ArgError extends Error {
  constructor(path, message) {
    super(`${path}: ${message}`);
    this.path = path;
  }
}

const INT = /^[ui](8|16|32|64|128)$/;
// Newtypes whose value range is narrower than their integer (decoding rejects the rest).
const NARROWED = { BasisPoints: { max: 10_000n, unit: 'basis points (10,000 = 100%)' } };
const UNITS = { Share: '10^18 = 100%', Balance: 'planck' };

const typeTables = new WeakMap();

function typesOf(metadata) {
  if (!typeTables.has(metadata)) typeTables.set(metadata, new Map(metadata.types.map((t) => [t.id, t.type])));
  return typeTables.get(metadata);
}

function intBounds(prim) {
  const bits = BigInt(prim.slice(1));
  return prim[0] === 'u'
    ? { min: 0n, max: (1n << bits) - 1n }
    : { min: -(1n << (bits - 1n)), max: (1n << (bits - 1n)) - 1n };
}

function isU8(types, id) {
  return types.get(id)?.def?.primitive === 'u8';
}

/** The form-field descriptor for metadata type `id`. */
export function fieldFor(metadata, id, depth = 0) {
  if (depth > 24) throw new Error(`type ${id} nests too deeply for a form`);
  const types = typesOf(metadata);
  const t = types.get(id);
  if (!t) throw new Error(`no type ${id} in the metadata`);
  const path = t.path ?? [];
  const name = path.at(-1);
  const def = t.def;
  const sub = (tid) => fieldFor(metadata, tid, depth + 1);

  if (name === 'AccountId' && path[0] === 'ink_primitives') return { kind: 'account', name };
  if (name === 'Hash' && path[0] === 'ink_primitives') return { kind: 'bytes', length: 32, name };
  if (name === 'Option' && def.variant) {
    const some = def.variant.variants.find((v) => v.name === 'Some');
    return { kind: 'option', name, inner: sub(some.fields[0].type) };
  }
  if (def.primitive) {
    const p = def.primitive;
    if (p === 'bool') return { kind: 'bool', name };
    if (p === 'str' || p === 'char') return { kind: 'text', name };
    if (INT.test(p)) {
      const narrowed = NARROWED[name];
      const bounds = intBounds(p);
      return { kind: 'int', type: p, ...bounds, ...(narrowed ?? {}), name, unit: narrowed?.unit ?? UNITS[name] };
    }
    throw new Error(`unsupported primitive ${p}`);
  }
  if (def.compact) return { ...sub(def.compact.type), compact: true };
  if (def.sequence) {
    if (isU8(types, def.sequence.type)) return { kind: 'bytes', length: null, name };
    return { kind: 'vec', name, inner: sub(def.sequence.type) };
  }
  if (def.array) {
    if (isU8(types, def.array.type)) return { kind: 'bytes', length: def.array.len, name };
    return { kind: 'array', name, length: def.array.len, inner: sub(def.array.type) };
  }
  if (def.tuple) {
    if (def.tuple.length === 0) return { kind: 'unit', name };
    return { kind: 'tuple', name, items: def.tuple.map(sub) };
  }
  if (def.composite) {
    const fields = def.composite.fields ?? [];
    // A newtype (one unnamed field) is its inner value, keeping the outer name and range.
    if (fields.length === 1 && !fields[0].name) {
      const inner = sub(fields[0].type);
      const narrowed = NARROWED[name];
      return { ...inner, ...(narrowed ?? {}), name, unit: narrowed?.unit ?? UNITS[name] ?? inner.unit };
    }
    if (fields.length > 0 && fields.every((f) => !f.name)) {
      return { kind: 'tuple', name, items: fields.map((f) => sub(f.type)) };
    }
    return {
      kind: 'struct',
      name,
      fields: fields.map((f) => ({ name: f.name, typeName: f.typeName, field: withUnit(sub(f.type), f.typeName) })),
    };
  }
  if (def.variant) {
    return {
      kind: 'enum',
      name,
      variants: (def.variant.variants ?? []).map((v) => ({
        name: v.name,
        index: v.index,
        docs: (v.docs ?? []).join(' ').trim(),
        fields: (v.fields ?? []).map((f) => ({ name: f.name ?? null, typeName: f.typeName, field: sub(f.type) })),
      })),
    };
  }
  throw new Error(`unsupported type ${id} (${Object.keys(def)[0]})`);
}

// A field's Rust alias (`Balance`, `BlockNumber`) says what unit a plain integer is in.
function withUnit(field, typeName) {
  const option = /^Option<(.+)>$/.exec(typeName ?? '');
  if (field.kind === 'option' && option) return { ...field, inner: withUnit(field.inner, option[1]) };
  if (field.kind !== 'int' || field.unit) return field;
  if (typeName === 'Balance') return { ...field, unit: 'planck' };
  if (typeName === 'BlockNumber') return { ...field, unit: 'blocks' };
  return field;
}

/** The message `label`'s spec in raw metadata (`label` as in the metadata, e.g. `PSP22::transfer`). */
export function messageSpec(metadata, label) {
  const spec = metadata.spec.messages.find((m) => m.label === label);
  if (!spec) throw new Error(`no message ${label}`);
  return spec;
}

/** One descriptor per argument of message `label`. */
export function messageFields(metadata, label) {
  return messageSpec(metadata, label).args.map((a) => ({
    name: a.label,
    typeName: a.type.displayName.join('::'),
    field: withUnit(fieldFor(metadata, a.type.type), a.type.displayName.at(-1)),
  }));
}

/** What an untouched form holds for `desc`. */
export function initialValue(desc) {
  switch (desc.kind) {
    case 'bool':
      return false;
    case 'int':
    case 'account':
    case 'text':
    case 'bytes':
      return '';
    case 'unit':
      return null;
    case 'option':
      return { some: false, value: initialValue(desc.inner) };
    case 'vec':
      return [];
    case 'array':
      return Array.from({ length: desc.length }, () => initialValue(desc.inner));
    case 'tuple':
      return desc.items.map(initialValue);
    case 'struct':
      return Object.fromEntries(desc.fields.map((f) => [f.name, initialValue(f.field)]));
    case 'enum': {
      const v = desc.variants[0];
      return { variant: v.name, fields: v.fields.map((f) => initialValue(f.field)) };
    }
    default:
      throw new Error(`no initial value for ${desc.kind}`);
  }
}

/** A draft for `variant` of enum `desc` (used when the user switches variant). */
export function variantDraft(desc, variant) {
  const v = desc.variants.find((x) => x.name === variant);
  if (!v) throw new Error(`no variant ${variant} in ${desc.name}`);
  return { variant: v.name, fields: v.fields.map((f) => initialValue(f.field)) };
}

function toInt(desc, raw, path) {
  const text = typeof raw === 'bigint' || typeof raw === 'number' ? String(raw) : String(raw ?? '').trim();
  const clean = text.replace(/[_,\s]/g, '');
  if (!/^-?\d+$/.test(clean)) throw new ArgError(path, `"${text}" is not a whole number`);
  const n = BigInt(clean);
  if (n < desc.min || n > desc.max) throw new ArgError(path, `${n} is outside ${desc.min}..=${desc.max}`);
  // Up to 32 bits a plain number; wider integers stay exact as BigInt.
  return desc.max <= 0xffffffffn && desc.min >= -0x80000000n ? Number(n) : n;
}

function toBytes(desc, raw, path) {
  const text = String(raw ?? '').trim().toLowerCase();
  const hex = text === '' && desc.length === null ? '0x' : text.startsWith('0x') ? text : `0x${text}`;
  if (!isHex(hex) && hex !== '0x') throw new ArgError(path, `"${raw}" is not hex bytes (0x…)`);
  const len = (hex.length - 2) / 2;
  if (desc.length !== null && len !== desc.length) {
    throw new ArgError(path, `needs exactly ${desc.length} bytes, got ${len}`);
  }
  return hex;
}

function toAccount(raw, path) {
  const text = String(raw ?? '').trim();
  try {
    if (decodeAddress(text).length === 32) return text;
  } catch {
    // fall through to the readable error
  }
  throw new ArgError(path, `"${text}" is not an account address`);
}

/**
 * The value @polkadot/api-contract encodes for `draft` (what the form holds) of field `desc`;
 * throws ArgError naming the field path on anything invalid.
 */
export function toContractValue(desc, draft, path = 'value') {
  switch (desc.kind) {
    case 'int':
      return toInt(desc, draft, path);
    case 'bool':
      if (draft === true || draft === 'true') return true;
      if (draft === false || draft === 'false') return false;
      throw new ArgError(path, 'must be true or false');
    case 'account':
      return toAccount(draft, path);
    case 'text':
      if (typeof draft !== 'string') throw new ArgError(path, 'must be text');
      return draft;
    case 'bytes':
      return toBytes(desc, draft, path);
    case 'unit':
      return null;
    case 'option':
      return draft?.some ? toContractValue(desc.inner, draft.value, `${path}?`) : null;
    case 'vec':
      if (!Array.isArray(draft)) throw new ArgError(path, 'must be a list');
      return draft.map((d, i) => toContractValue(desc.inner, d, `${path}[${i}]`));
    case 'array':
      if (!Array.isArray(draft) || draft.length !== desc.length) {
        throw new ArgError(path, `needs exactly ${desc.length} items`);
      }
      return draft.map((d, i) => toContractValue(desc.inner, d, `${path}[${i}]`));
    case 'tuple':
      return desc.items.map((item, i) => toContractValue(item, draft?.[i], `${path}.${i}`));
    case 'struct':
      return Object.fromEntries(
        desc.fields.map((f) => [f.name, toContractValue(f.field, draft?.[f.name], `${path}.${f.name}`)]),
      );
    case 'enum': {
      const v = desc.variants.find((x) => x.name === draft?.variant);
      if (!v) throw new ArgError(path, `choose one of ${desc.variants.map((x) => x.name).join(', ')}`);
      if (v.fields.length === 0) return v.name;
      const values = v.fields.map((f, i) =>
        toContractValue(f.field, draft.fields?.[i], `${path}.${v.name}${f.name ? `.${f.name}` : ''}`),
      );
      if (v.fields.every((f) => f.name)) {
        return { [v.name]: Object.fromEntries(v.fields.map((f, i) => [f.name, values[i]])) };
      }
      return { [v.name]: v.fields.length === 1 ? values[0] : values };
    }
    default:
      throw new ArgError(path, `unsupported field kind ${desc.kind}`);
  }
}

/** Every argument of message `label` from the form's drafts, in order. */
export function messageValues(metadata, label, drafts) {
  return messageFields(metadata, label).map((a, i) => toContractValue(a.field, drafts[i], a.name));
}
