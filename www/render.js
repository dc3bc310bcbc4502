// DOM builders. Every string that can come from data is set with textContent or
// setAttribute, never parsed as HTML, so a scope named <img src=x onerror=...> is shown
// as those characters and runs nothing.

import { text, serverPair, splitParts, stateText, scopeLabel, relationshipName } from './tables.js';

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

/** The relationships table body. */
export function renderRelationships(tbody, relationships) {
  tbody.replaceChildren(
    ...relationships.map((rel) => {
      const row = rel.row;
      const pair = serverPair(row);
      const { split, note } = splitParts(row);
      const ips = [text(row.Server1IP), text(row.Server2IP)].filter(Boolean).join(' / ');
      return el('tr', {},
        el('th', { scope: 'row' }, rel.name),
        el('td', {}, text(row.Mode, '—')),
        el('td', {}, el('span', { class: 'servers' }, pair ? `${pair[0]} ↔ ${pair[1]}` : '—'), ips ? el('span', { class: 'muted block' }, ips) : null),
        el('td', {}, split || '—', note ? el('span', { class: 'muted block' }, note) : null),
        el('td', {}, stateText(row) || '—'),
        el('td', { class: 'num' }, fmt(rel.scopeCount)));
    }),
  );
}

/** The relationship picker's options, keeping the chosen one when it still exists. */
export function renderRelationshipOptions(select, relationships) {
  const previous = select.value;
  select.replaceChildren(
    ...relationships.map((rel) => {
      return el('option', { value: rel.key }, `${rel.name} (${text(rel.row.Mode, 'mode unknown')})`);
    }),
  );
  if (relationships.some((rel) => rel.key === previous)) select.value = previous;
}

/** The line under the picker: the chosen relationship's servers, split and scope count. */
export function relationshipDetails(rel) {
  if (!rel) return '';
  const pair = serverPair(rel.row);
  const { split, note } = splitParts(rel.row);
  return [pair ? `${pair[0]} ↔ ${pair[1]}` : '', note ? `${split} (${note})` : split, `${fmt(rel.scopeCount)} ${rel.scopeCount === 1 ? 'scope' : 'scopes'}`]
    .filter(Boolean).join(' · ');
}

/** One page of the scopes table. */
export function renderScopeRows(tbody, scopes, selection) {
  tbody.replaceChildren(
    ...scopes.map((scope) => {
      const checked = selection.has(scope.key);
      const label = `Select scope ${scope.name || text(scope.id)}${scope.address ? ` (${scope.address})` : ''}`;
      const box = el('input', { type: 'checkbox', 'aria-label': label, 'data-key': scope.key });
      box.checked = checked;
      return el('tr', { class: checked ? 'selected' : null, 'data-key': scope.key },
        el('td', { class: 'pick' }, box),
        el('td', { class: 'mono nowrap' }, scope.address || '—'),
        el('td', {}, scope.name || el('span', { class: 'muted' }, `scope ${text(scope.id)}`)),
        el('td', {}, scope.server || '—'),
        el('td', { class: 'rels' }, membershipCell(scope)));
    }),
  );
}

/**
 * A scope's relationships in the working copy: one tag each, a staged addition marked
 * (dashed, with "(staged)" for screen readers), and staged removals struck through.
 */
function membershipCell(scope) {
  const parts = [];
  // A space between tags, so a screen reader does not run two names together.
  for (const r of scope.relationships) {
    if (parts.length) parts.push(' ');
    const cls = ['tag', r.missing ? 'missing' : '', r.staged ? 'staged' : ''].filter(Boolean).join(' ');
    parts.push(el('span', { class: cls, title: r.staged ? 'staged in the working copy' : null }, r.name));
    if (r.staged) parts.push(el('span', { class: 'visually-hidden' }, ' (staged)'));
  }
  for (const r of scope.removedFrom) {
    if (parts.length) parts.push(' ');
    parts.push(el('del', { class: 'gone', title: 'removal staged in the working copy' },
      el('span', { class: 'visually-hidden' }, 'staged removal from '), r.name));
  }
  return parts.length ? parts : el('span', { class: 'muted' }, 'none');
}

/** What each spec step checks, for the fault panel. */
const STEPS = {
  1: 'the parameter is a DhcpFailoverWithScopesParameters',
  2: 'Failover and ScopeIds are given, ScopeIds is not empty and every id is a valid 64-bit integer',
  3: 'the relationship exists in ADM_DhcpFailoverTable',
  4: "each scope's (ScopeId, FailoverRelationId) pair is added once",
};

export function stepText(fault) {
  if (fault.step !== null && fault.step !== undefined && STEPS[fault.step]) {
    return `Step ${fault.step}: ${STEPS[fault.step]}`;
  }
  if (fault.code === 'CANCELLED') return 'No step: the operation was cancelled (a progress callback stopped it)';
  return 'No step: the tables are malformed (checked before the steps run)';
}

/**
 * Fills the fault panel. `fault` is the plain fault from worker.js (or { message } for a
 * problem found before the core ran, such as a file that is not JSON).
 */
/**
 * The SOAP XML indented one element per line, for reading. Text only: the result is shown
 * with textContent. Tags are split at "><", so text content stays on its element's line.
 */
export function indentXml(xml) {
  const parts = String(xml).replace(/>\s*</g, '>\n<').split('\n');
  let depth = 0;
  return parts.map((part) => {
    const closing = /^<\//.test(part);
    const opening = /^<[^!?/][^>]*[^/]>/.test(part) || /^<[^!?/]>/.test(part);
    const selfContained = opening && /<\/[^>]+>\s*$/.test(part);
    if (closing) depth = Math.max(0, depth - 1);
    const line = '  '.repeat(depth) + part;
    if (opening && !selfContained) depth++;
    return line;
  }).join('\n');
}

export function renderFault(panel, title, fault) {
  const rows = [];
  const item = (term, value, cls) => rows.push(el('dt', {}, term), el('dd', { class: cls }, value));
  if (fault.code) item('Code', fault.code, 'mono code');
  if (fault.isFault) item('Spec step', stepText(fault));
  item('Message', text(fault.message, '(no message)'));
  if (fault.cause) item('Cause', text(fault.cause));
  if (fault.exceptionId) item('Exception', fault.exceptionId, 'mono');

  const children = [el('h2', { id: 'fault-title' }, title), el('dl', { class: 'fault-facts' }, rows)];
  if (fault.soap) {
    const pre = el('pre', { id: 'soap-xml', class: 'soap', tabindex: '0', 'aria-label': 'SOAP fault XML', hidden: true }, indentXml(fault.soap));
    const toggle = el('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false', 'aria-controls': 'soap-xml' }, 'Show SOAP fault XML');
    toggle.addEventListener('click', () => {
      const open = pre.hidden;
      pre.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
      toggle.textContent = open ? 'Hide SOAP fault XML' : 'Show SOAP fault XML';
    });
    children.push(toggle, pre);
  }
  const dismiss = el('button', { type: 'button', class: 'secondary dismiss' }, 'Dismiss');
  dismiss.addEventListener('click', () => {
    panel.hidden = true;
    panel.replaceChildren();
  });
  children.push(dismiss);
  panel.replaceChildren(...children);
  panel.hidden = false;
}

export const RESULT_LIMIT = 200;

/**
 * The per-scope result list. Each outcome is { key, id, kind, badge, detail }: kind is the
 * CSS class (added, already, removed, absent), badge its words, detail an optional note.
 */
export function renderResults(list, note, outcomes, view) {
  const shown = outcomes.slice(0, RESULT_LIMIT);
  list.replaceChildren(
    ...shown.map(({ id, kind, badge, detail }) => {
      const { name, address } = scopeLabel(view, id);
      return el('li', { class: kind },
        el('span', { class: 'badge' }, badge),
        ' ',
        el('span', {}, name),
        address ? el('span', { class: 'mono muted' }, ` ${address}`) : null,
        detail ? el('span', { class: 'muted' }, ` ${detail}`) : null);
    }),
  );
  note.textContent = outcomes.length > shown.length
    ? `Showing the first ${fmt(shown.length)} of ${fmt(outcomes.length)} scopes.`
    : '';
}

export const PAIR_LIMIT = 200;

/** "+14 / −2": what a relationship gains and loses in the working copy. */
export function countText(added, removed) {
  return `+${fmt(added)} / −${fmt(removed)}`;
}

/** One line of a pending-pairs list: "HQ Floor 1 Voice (10.20.2.0/24) to hq-loadbalance". */
function pairItem(view, pair, preposition) {
  const { name, address } = scopeLabel(view, pair.ScopeId);
  return el('li', {},
    el('span', {}, name),
    address ? el('span', { class: 'mono muted' }, ` (${address})`) : null,
    ` ${preposition} `,
    el('span', { class: 'relname' }, relationshipName(view, pair.FailoverRelationId)));
}

function renderPairList(box, list, note, pairs, view, preposition) {
  box.hidden = pairs.length === 0;
  const shown = pairs.slice(0, PAIR_LIMIT);
  list.replaceChildren(...shown.map((pair) => pairItem(view, pair, preposition)));
  note.textContent = pairs.length > shown.length ? `Showing the first ${fmt(shown.length)} of ${fmt(pairs.length)}.` : '';
}

/**
 * The pending-changes panel: a summary, the per-relationship counts, and the added and
 * removed pairs. `parts` holds the panel's elements (see main.js).
 */
export function renderPending(parts, view, diff) {
  const nAdded = diff.added.length;
  const nRemoved = diff.removed.length;
  if (nAdded + nRemoved === 0) {
    parts.summary.textContent = 'No pending changes: the working copy matches the loaded tables.';
  } else {
    parts.summary.textContent = `${plural(nAdded, 'addition')} and ${plural(nRemoved, 'removal')} in `
      + `${plural(diff.relationships.length, 'relationship')}, against the loaded tables. Nothing has been sent to a server.`;
  }
  parts.counts.hidden = diff.relationships.length === 0;
  parts.countsBody.replaceChildren(...diff.relationships.map((rel) => el('tr', {},
    el('th', { scope: 'row' }, text(rel.RelationshipName) || relationshipName(view, rel.FailoverRelationId)),
    el('td', { class: 'num' }, countText(rel.added, rel.removed)))));
  renderPairList(parts.added, parts.addedList, parts.addedNote, diff.added, view, 'to');
  renderPairList(parts.removed, parts.removedList, parts.removedNote, diff.removed, view, 'from');
}
