// Long lists rendered a part per frame: the first items in the task that shows a change,
// the rest in tasks after the following frames, so no single task styles and lays out a
// few hundred list items (the per-scope results, the pending pairs, the preflight findings).
// A newer rendering of the same list stops an older one that is still under way.

import { afterPaint, patchChildren } from './dom.js';

const CHUNK = 25; // items added per later frame
const runs = new WeakMap(); // list element -> the number of its latest rendering

function start(parent) {
  const run = (runs.get(parent) ?? 0) + 1;
  runs.set(parent, run);
  return () => runs.get(parent) === run;
}

/** Stops a rendering of `parent` still under way (the list is being cleared or replaced). */
export function stopChunks(parent) {
  start(parent);
}

/**
 * Replaces `parent`'s children with `render(item)` of each of `items`: the first `first`
 * now, the others `CHUNK` at a time after each following frame.
 */
export function renderInChunks(parent, items, render, { first = 15 } = {}) {
  const current = start(parent);
  parent.replaceChildren(...items.slice(0, first).map(render));
  const more = (from) => {
    if (!current() || from >= items.length) return;
    parent.append(...items.slice(from, from + CHUNK).map(render));
    afterPaint(() => more(from + CHUNK));
  };
  afterPaint(() => more(first));
}

/**
 * patchChildren a part at a time: the first `first` items now (the children of items
 * further down stay as they were meanwhile), then `CHUNK` more after each following frame,
 * the last part removing what no item renders. A small change re-renders only what changed.
 */
export function patchInChunks(parent, items, keyOf, signatureOf, render, { first = 15 } = {}) {
  const current = start(parent);
  const step = (upTo) => {
    if (!current()) return;
    const last = upTo >= items.length;
    patchChildren(parent, last ? items : items.slice(0, upTo), keyOf, signatureOf, render, { keepRest: !last });
    if (!last) afterPaint(() => step(upTo + CHUNK));
  };
  step(first);
}
