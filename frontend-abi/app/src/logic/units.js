// Native currency amounts: what a member types ("1.5") to planck and back, with the chain's
// decimals, exactly (no floating point), plus shares and basis points for display.
import { big } from './numbers.js';

/** "1.5" with 12 decimals → 1_500_000_000_000n; refuses more decimals than the chain has. */
export function parseUnits(text, decimals) {
  const clean = String(text ?? '').replace(/[_,\s]/g, '');
  const m = /^(\d*)(?:\.(\d*))?$/.exec(clean);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) throw new RangeError(`"${text}" is not an amount`);
  const fraction = m[2] ?? '';
  if (fraction.length > decimals) throw new RangeError(`at most ${decimals} decimals`);
  return BigInt(m[1] || '0') * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
}

/** 1_500_000_000_000n with 12 decimals → "1.5" (trailing zeros dropped, thousands grouped). */
export function formatUnits(planck, decimals, symbol = '') {
  const v = big(planck);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const base = 10n ** BigInt(decimals);
  const whole = (abs / base).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = decimals > 0 ? (abs % base).toString().padStart(decimals, '0').replace(/0+$/, '') : '';
  const text = `${neg ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
  return symbol ? `${text} ${symbol}` : text;
}

/** A capital share (10^18 = 100%) as "3.0000%". */
export function formatShare(share, digits = 4) {
  const scaled = (big(share) * 10n ** BigInt(digits + 2)) / 10n ** 18n;
  const s = scaled.toString().padStart(digits + 1, '0');
  return `${s.slice(0, -digits)}.${s.slice(-digits)}%`;
}

/** A percentage (a JS number) with `digits` decimals, or "–" when there is none. */
export function formatPercent(p, digits = 2) {
  return p == null || Number.isNaN(p) ? '–' : `${p.toFixed(digits)}%`;
}

/** Basis points as "33.33%". */
export function formatBps(bps) {
  return formatPercent(Number(bps) / 100);
}

/** Big integers with thousands separators. */
export function formatInt(x) {
  return big(x).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
