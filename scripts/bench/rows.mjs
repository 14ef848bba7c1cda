// Helpers for the rows this folder adds to the `npm run bench` table: the same five columns as
// scripts/bench.mjs (figure, value, comparison, budget, result).

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 0 ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle];
}

/** A row judged against its budget: `meets` is the comparison the budget names. */
export function budgetRow({ figure, value, comparison, budget, meets }) {
  return { figure, value, comparison, budget, result: meets ? 'pass' : 'FAIL' };
}

/** A row that could not be measured: it fails, and says why in the comparison column. */
export function failedRow(figure, budget, error) {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return { figure, value: 'n/a', comparison: `not measured: ${reason}`, budget, result: 'FAIL' };
}

export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
export const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
export const ms = (value) => `${value.toFixed(1)} ms`;
