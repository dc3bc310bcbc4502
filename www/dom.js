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

/** Downloads `content` as a file (Blob + <a download>). */
export function saveFile(content, filename, type) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Moves focus off a control that just became disabled, to the first of `candidates` that can take it. */
export function keepFocus(...candidates) {
  const active = document.activeElement;
  if (active && active !== document.body && !active.disabled && !active.hidden) return;
  candidates.find((c) => c && !c.disabled && !c.hidden)?.focus();
}
