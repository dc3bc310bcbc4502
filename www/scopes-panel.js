// The scopes table: one page of rows at a time, fetched from the worker (queryScopes with
// the filter, offset and limit), so the page never holds the scopes. The filter is
// debounced; a reply to an older request is dropped. Selection lives in the worker:
// ticking a row sets it there, and "Select all N matching" selects every match, on every
// page, in one request.

import { $, el, fmt, plural, text } from './dom.js';

export const PAGE_SIZE = 50;
const FILTER_DELAY_MS = 120;

/** A scope's relationships: one tag each, staged additions marked, staged removals struck through. */
function membershipCell(scope, existing) {
  const parts = [];
  // A space between tags, so a screen reader does not run two names together.
  for (const r of scope.relationships) {
    if (parts.length) parts.push(' ');
    const staged = r.staged ?? scope.staged;
    // A pair may name a relationship that is not (or no longer) in ADM_DhcpFailoverTable.
    const missing = !existing.has(String(r.id));
    const cls = ['tag', missing ? 'missing' : '', staged ? 'staged' : ''].filter(Boolean).join(' ');
    parts.push(el('span', { class: cls, title: staged ? 'staged in the working copy' : null }, missing ? `missing relationship ${text(r.id)}` : r.name));
    if (staged) parts.push(el('span', { class: 'visually-hidden' }, ' (staged)'));
  }
  for (const r of scope.removedFrom) {
    if (parts.length) parts.push(' ');
    parts.push(el('del', { class: 'gone', title: 'removal staged in the working copy' },
      el('span', { class: 'visually-hidden' }, 'staged removal from '), r.name));
  }
  return parts.length ? parts : el('span', { class: 'muted' }, 'none');
}

function scopeRow(scope, existing) {
  const label = `Select scope ${scope.name || text(scope.id)}${scope.address ? ` (${scope.address})` : ''}`;
  const box = el('input', { type: 'checkbox', 'aria-label': label, 'data-key': scope.key });
  box.checked = scope.selected;
  return el('tr', { class: scope.selected ? 'selected' : null, 'data-key': scope.key },
    el('td', { class: 'pick' }, box),
    el('td', { class: 'mono nowrap' }, scope.address || '—'),
    el('td', {}, scope.name || el('span', { class: 'muted' }, `scope ${text(scope.id)}`)),
    el('td', {}, scope.server || '—'),
    el('td', { class: 'rels' }, membershipCell(scope, existing)));
}

export class ScopesPanel {
  constructor(session) {
    this.session = session;
    this.filter = '';
    this.page = 0;
    this.total = 0;
    this.ids = new Map(); // row key -> id, for the rows shown
    this.seq = 0; // the latest window request; older replies are dropped
    this.selectSeq = 0; // the latest selection request
    this.timer = 0;
    this.ui = {
      filter: $('filter-input'), selectAll: $('select-shown-button'), clear: $('clear-selection-button'),
      summary: $('scopes-summary'), body: $('scopes-body'), prev: $('prev-page'), next: $('next-page'), pageText: $('page-text'),
    };
    const { ui } = this;
    ui.filter.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.applyFilter(), FILTER_DELAY_MS);
    });
    ui.body.addEventListener('change', (event) => this.toggle(event.target));
    ui.selectAll.addEventListener('click', () => this.selectAll());
    ui.clear.addEventListener('click', () => this.clear());
    ui.prev.addEventListener('click', () => this.turn(-1));
    ui.next.addEventListener('click', () => this.turn(1));
    session.on('scopes', () => this.fetch());
    session.on('copy', () => { this.page = 0; });
    session.on('controls', () => { this.ui.clear.disabled = !session.status?.selection; });
  }

  query() {
    return { text: this.filter || undefined, offset: this.page * PAGE_SIZE, limit: PAGE_SIZE };
  }

  applyFilter() {
    clearTimeout(this.timer);
    const filter = this.ui.filter.value.trim();
    if (filter === this.filter) return Promise.resolve();
    this.filter = filter;
    this.page = 0;
    return this.fetch();
  }

  /** Asks the worker for the rows in view; shows them unless a newer request was made meanwhile. */
  async fetch() {
    if (!this.session.opened) return;
    const seq = ++this.seq;
    const filter = this.filter;
    let page;
    try {
      page = await this.session.client.request('scopes', { query: this.query() });
    } catch {
      return; // the engine restarted (Cancel) or failed: the next status fetches again
    }
    if (seq !== this.seq) return;
    const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
    if (this.page > pages - 1) {
      this.page = pages - 1;
      this.fetch();
      return;
    }
    this.show(page, filter);
  }

  show(page, filter) {
    const { ui } = this;
    const scopeCount = this.session.status.scopeCount;
    this.total = page.total;
    this.ids = new Map(page.rows.map((row) => [row.key, row.id]));
    const existing = new Set(this.session.status.relationships.map((r) => String(r.id)));
    ui.body.replaceChildren(...page.rows.map((row) => scopeRow(row, existing)));
    ui.body.dataset.filter = filter; // lets tests wait for a filter to apply
    ui.summary.textContent = filter
      ? `${plural(page.total, 'scope')} match the filter, of ${fmt(scopeCount)}.`
      : `${plural(page.total, 'scope')}.`;
    const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
    const first = this.page * PAGE_SIZE;
    ui.pageText.textContent = page.total === 0
      ? 'No scope to show.'
      : `Page ${fmt(this.page + 1)} of ${fmt(pages)} (scopes ${fmt(first + 1)} to ${fmt(first + page.rows.length)})`;
    ui.prev.disabled = this.page === 0;
    ui.next.disabled = this.page >= pages - 1;
    ui.selectAll.textContent = `Select all ${fmt(page.total)} matching`;
    ui.selectAll.disabled = page.total === 0;
  }

  async toggle(box) {
    if (!(box instanceof HTMLInputElement) || box.type !== 'checkbox') return;
    const id = this.ids.get(box.dataset.key);
    if (id === undefined) return;
    box.closest('tr')?.classList.toggle('selected', box.checked);
    // Counted at once, so the count follows every key press; the answer to the latest
    // selection request settles it.
    this.session.setSelection(this.session.status.selection + (box.checked ? 1 : -1));
    await this.select({ mode: box.checked ? 'set' : 'unset', ids: [id] });
  }

  async select(operation) {
    const seq = ++this.selectSeq;
    const count = await this.session.client.request('select', { operation });
    if (seq === this.selectSeq) this.session.setSelection(count);
  }

  async selectAll() {
    await this.applyFilter(); // a click right after typing selects what the new filter matches
    const { text: filterText } = this.query();
    await this.select({ mode: 'matching', query: { text: filterText } });
    await this.fetch();
  }

  async clear() {
    await this.select({ mode: 'clear' });
    await this.fetch();
    this.ui.selectAll.focus(); // the clear button is now disabled
  }

  turn(delta) {
    this.page = Math.max(0, this.page + delta);
    this.fetch().then(() => {
      if (this.ui.prev.disabled && delta < 0) this.ui.next.focus();
      if (this.ui.next.disabled && delta > 0) this.ui.prev.focus();
    });
  }
}
