// Summary statistics for repeated benchmark runs.

/** Returns the value at fraction `q` (0..1) of sorted `values`, interpolated. */
export function quantile(sorted, q) {
  if (sorted.length === 0) {
    return NaN;
  }
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

/** Returns median, min, max, p10 and p90 of `values` and the run count. */
export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    median: quantile(sorted, 0.5),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    p10: quantile(sorted, 0.1),
    p90: quantile(sorted, 0.9),
  };
}

/** Formats a summary as `median (min..max)` with `digits` decimals and a unit. */
export function formatSummary(summary, unit, digits = 1) {
  const f = (value) => value.toFixed(digits);
  return `${f(summary.median)} ${unit} (${f(summary.min)}..${f(summary.max)})`;
}
