// Exact numbers from contract answers: api-contract's toPrimitive() gives small integers as
// numbers and u128s as decimal strings (toJSON as hex), so everything goes through BigInt.

/** BigInt from a number, a decimal or hex string, a BigInt or a codec with toBigInt. */
export function big(x) {
  if (typeof x === 'bigint') return x;
  if (typeof x === 'number') return BigInt(Math.trunc(x));
  if (typeof x === 'string') return BigInt(x.replace(/,/g, '').trim() || '0');
  if (x && typeof x.toBigInt === 'function') return x.toBigInt();
  if (x == null) return 0n;
  throw new TypeError(`not a number: ${x}`);
}

/** a / b as a percentage (a JS number, ~7 significant decimals kept); null when b is 0. */
export function percent(a, b) {
  const [x, y] = [big(a), big(b)];
  if (y === 0n) return null;
  return Number((x * 10n ** 9n) / y) / 10 ** 7;
}

/** `obj.snake_case` or `obj.camelCase`: toPrimitive camel-cases metadata field names. */
export function field(obj, name) {
  if (obj == null) return undefined;
  if (name in obj) return obj[name];
  const camel = name.replace(/_+([a-z0-9])/g, (_, c) => c.toUpperCase()).replace(/_+$/, '');
  return obj[camel];
}

/** An enum value as { name, value }: 'Active', { active: null } or { Queued: { eta } }. */
export function variant(x) {
  if (typeof x === 'string') return { name: x, value: null };
  const [key] = Object.keys(x ?? {});
  if (key === undefined) throw new TypeError(`not an enum value: ${JSON.stringify(x)}`);
  return { name: key.charAt(0).toUpperCase() + key.slice(1), value: x[key] };
}

/** Basis points (0..=10,000) as a percentage. */
export function bpsToPercent(bps) {
  return Number(bps) / 100;
}
