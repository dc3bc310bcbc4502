// What every benchmark page shares: its status line, the results block the runner waits
// for (#results[data-state]), and medians.

const statusEl = document.getElementById('status');
const resultsEl = document.getElementById('results');

/** Shows a progress line on the page and in the runner's console. */
export function say(text) {
  statusEl.textContent = text;
  console.log('[bench]', text);
}

/** Hands the payload to bench/run.mjs: `state` is "done" or "error". */
export function finish(state, payload) {
  resultsEl.textContent = JSON.stringify(payload, null, 2);
  resultsEl.dataset.state = state;
  statusEl.textContent = state === 'done' ? 'Done.' : `Failed: ${payload.error}`;
}

/** Median, minimum and maximum of some timings. */
export function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted.at(-1) };
}
