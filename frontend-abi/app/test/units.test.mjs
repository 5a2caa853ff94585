import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseUnits, formatUnits, formatShare, formatBps } from '../src/logic/units.js';

test('amounts typed by a member become exact planck and back', () => {
  assert.equal(parseUnits('1.5', 12), 1_500_000_000_000n);
  assert.equal(parseUnits('0.000000000001', 12), 1n);
  assert.equal(parseUnits('1,000', 0), 1000n);
  assert.throws(() => parseUnits('0.0000000000001', 12), /at most 12 decimals/);
  assert.throws(() => parseUnits('1e3', 12), /not an amount/);
  assert.throws(() => parseUnits('', 12), /not an amount/);
  assert.equal(formatUnits(1_500_000_000_000n, 12, 'UNIT'), '1.5 UNIT');
  assert.equal(formatUnits('1234567000000000000', 12), '1,234,567');
});

test('shares and basis points', () => {
  assert.equal(formatShare(3n * 10n ** 16n), '3.0000%');
  assert.equal(formatShare('436200000000000000', 2), '43.62%');
  assert.equal(formatBps(6667), '66.67%');
});
