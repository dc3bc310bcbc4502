// Small DOM helpers shared by the panels. Every string that can come from data is set
// with textContent or setAttribute, never parsed as HTML, so a scope named
// <img src=x onerror=...> is shown as those characters and runs nothing. No inline
// style either: the Content-Security-Policy allows none.

export const $ = (id) => document.getElementById(id);

/** createElement with attributes and text/element children. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const rendered = new WeakMap(); // element -> { key, signature } of what patchChildren rendered it from

/**
 * Makes `parent`'s children the rendering of `items`, keeping the element of an item whose
 * key and signature are unchanged, so a change re-renders (and the browser lays out again)
 * only the rows that changed. `keyOf(item)` and `signatureOf(item)` give strings (the
 * signature changes whenever the rendering would); `render(item)` makes a new element.
 * With `keepRest`, children that render no item are left in place after the items' ones.
 */
export function patchChildren(parent, items, keyOf, signatureOf, render, { keepRest = false } = {}) {
  const old = new Map();
  for (const child of parent.children) {
    const was = rendered.get(child);
    if (was) old.set(was.key, { child, signature: was.signature });
  }
  const next = items.map((item) => {
    const key = keyOf(item);
    const signature = signatureOf(item);
    const found = old.get(key);
    if (found && found.signature === signature) {
      old.delete(key);
      return found.child;
    }
    const node = render(item);
    rendered.set(node, { key, signature });
    return node;
  });
  const keep = new Set(next);
  // keepRest (a list patched a part at a time): the children not in `items` stay, after them.
  if (!keepRest) for (const child of [...parent.children]) if (!keep.has(child)) child.remove();
  let cursor = parent.firstElementChild;
  for (const node of next) {
    if (node === cursor) cursor = cursor.nextElementSibling;
    else parent.insertBefore(node, cursor);
  }
}

/** The signature of plain data for patchChildren: its JSON text (BigInt ids as digits). */
export const signature = (item) => JSON.stringify(item, (k, v) => (typeof v === 'bigint' ? v.toString() : v));

const number = new Intl.NumberFormat('en-US');
export const fmt = (n) => number.format(n);

export function plural(n, one, many = `${one}s`) {
  return `${fmt(n)} ${n === 1 ? one : many}`;
}

/** Any value as display text; null and undefined become the fallback. */
export function text(value, fallback = '') {
  if (value === null || value === undefined) return fallback;
  if (typeof value === 'object') return JSON.stringify(value) ?? fallback;
  return String(value);
}

/** Downloads `content` (text, or a Blob as it is) as a file (an object URL + <a download>). */
export function saveFile(content, filename, type) {
  const url = URL.createObjectURL(new Blob([content], { type })); // a Blob is taken by reference, not read
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Runs `fn` in a task after the next frame is painted: a focus move or an update of what is
 * out of view then costs no style and layout pass inside the task that changed the page
 * (the frame's own rendering does that pass once). Falls back to a timer when no frame
 * comes (a hidden tab).
 */
export function afterPaint(fn) {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    fn();
  };
  const fallback = setTimeout(run, 250);
  requestAnimationFrame(() => setTimeout(run, 0));
}

/** Moves focus off a control that just became disabled, to the first of `candidates` that can take it. */
export function keepFocus(...candidates) {
  const active = document.activeElement;
  if (active && active !== document.body && !active.disabled && !active.hidden) return;
  candidates.find((c) => c && !c.disabled && !c.hidden)?.focus();
}
