import assert from 'node:assert/strict';
import { test } from 'node:test';

import { formatSummary, quantile, summarize } from './stats.mjs';

test('median of odd and even counts', () => {
  assert.equal(summarize([3, 1, 2]).median, 2);
  assert.equal(summarize([4, 1, 2, 3]).median, 2.5);
});

test('quantile interpolates', () => {
  assert.equal(quantile([0, 10], 0.1), 1);
});

test('summary formatted with range', () => {
  assert.equal(formatSummary(summarize([1, 2, 9]), 'ms'), '2.0 ms (1.0..9.0)');
});
