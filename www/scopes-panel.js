// The scopes table: one page of rows at a time, fetched from the worker (queryScopes with
// the filters, sort, offset and limit), so the page never holds the scopes. Filters that
// combine: text (name or address), address prefix or CIDR (matched by address), server or
// server pair, and membership (in the target relationship, in another, in none, in any;
// for a server pair also in one of its relationships, or elsewhere). Columns sort (the
// address as an address). Every typed filter is debounced; a reply to an older request is
// dropped. Selection lives in the worker: ticking a row sets it there, and "Select all N
// matching" selects every match, on every page, in one request. The view is kept in the
// URL (url-state.js); counts are announced in a polite live region.

import { $, el, fmt, plural, text, patchChildren, signature } from './dom.js';
import { viewParam, viewPage, writeView } from './url-state.js';
import { parseSort, sortParam, showSort, nextSort } from './relationships-panel.js';

export const PAGE_SIZE = 50;
const FILTER_DELAY_MS = 120;
const SORT_KEYS = ['address', 'name', 'server', 'relationships'];
const MEMBERSHIPS = ['any', 'in-relationship', 'in-other', 'in-none', 'in-any', 'in-pair', 'elsewhere'];
const PAIR_ONLY = new Set(['in-pair', 'elsewhere']);

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
    // The filters applied (what the rows shown answer), from the URL at first.
    this.view = {
      text: viewParam('q'), prefix: viewParam('prefix'), server: viewParam('server'),
      membership: MEMBERSHIPS.includes(viewParam('member')) ? viewParam('member') : 'any',
      sort: parseSort(viewParam('sort'), SORT_KEYS),
    };
    this.page = viewPage('page');
    this.opened = false; // the first copy keeps the page from the URL; a new file starts at page 1
    this.total = 0;
    this.ids = new Map(); // row key -> id, for the rows shown
    this.seq = 0; // the latest window request; older replies are dropped
    this.selectSeq = 0; // the latest selection request
    this.timer = 0;
    this.announced = '';
    this.ui = {
      filter: $('filter-input'), prefix: $('prefix-input'), prefixError: $('prefix-error'), server: $('server-filter'),
      membership: $('membership-filter'), reset: $('reset-filters'),
      selectAll: $('select-shown-button'), clear: $('clear-selection-button'), selection: $('scopes-selection'),
      summary: $('scopes-summary'), live: $('scopes-live'), body: $('scopes-body'), empty: $('no-scopes'),
      prev: $('prev-page'), next: $('next-page'), pageText: $('page-text'),
      sorts: [...document.querySelectorAll('#scopes-head button[data-sort]')],
    };
    const { ui } = this;
    ui.filter.value = this.view.text;
    ui.prefix.value = this.view.prefix;
    ui.membership.value = this.view.membership;
    for (const input of [ui.filter, ui.prefix]) {
      input.addEventListener('input', () => {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.applyFilter(), FILTER_DELAY_MS);
      });
    }
    for (const select of [ui.server, ui.membership]) select.addEventListener('change', () => this.applyFilter());
    ui.reset.addEventListener('click', () => this.resetFilters());
    for (const button of ui.sorts) {
      button.addEventListener('click', () => {
        clearTimeout(this.timer); // a filter typed just before counts
        this.membershipLabels();
        this.view = { ...this.readControls(), sort: nextSort(this.view.sort, button.dataset.sort) };
        this.page = 0;
        this.fetch({ announce: true });
      });
    }
    ui.body.addEventListener('change', (event) => this.toggle(event.target));
    ui.selectAll.addEventListener('click', () => this.selectAll());
    ui.clear.addEventListener('click', () => this.clear());
    ui.prev.addEventListener('click', () => this.turn(-1));
    ui.next.addEventListener('click', () => this.turn(1));
    session.on('status', (status) => this.servers(status));
    session.on('scopes', () => this.fetch());
    session.on('copy', () => {
      if (this.opened) this.page = 0;
      this.opened = true;
    });
    session.on('target', () => {
      this.membershipLabels();
      if (['in-relationship', 'in-other'].includes(this.view.membership)) {
        this.page = 0;
        this.fetch({ announce: true });
      }
    });
    session.on('show-scopes', ({ server, membership }) => this.show({ server, membership }));
    session.on('controls', () => this.selectionShown());
  }

  // ---- filters ---------------------------------------------------------------------------

  /** The server filter's options: the server pairs (from coverage), then each server. */
  servers(status) {
    const { ui } = this;
    if (status.partial) return; // a change: the servers, pairs and their scope counts are as before
    const pairs = status.coverage.map((pair) => el('option', { value: pair.server },
      `${pair.servers[0]} + ${pair.servers[1]} (${plural(pair.scopes, 'scope')})`));
    const servers = status.servers.map((s) => el('option', { value: s.key }, `${s.name} (${plural(s.scopes, 'scope')})`));
    ui.server.replaceChildren(el('option', { value: '' }, 'Any server'),
      pairs.length ? el('optgroup', { label: 'Server pairs (either server)' }, ...pairs) : null,
      servers.length ? el('optgroup', { label: 'Servers' }, ...servers) : null);
    const known = (key) => status.coverage.some((pair) => pair.server === key) || status.servers.some((s) => s.key === key);
    if (this.view.server && !known(this.view.server)) this.view = { ...this.view, server: '' };
    ui.server.value = this.view.server;
    this.membershipLabels();
  }

  /** Names the target in the membership options; the pair-only options need a server pair. */
  membershipLabels() {
    const { ui } = this;
    const rel = this.session.targetRelationship();
    const pair = this.isPair(ui.server.value);
    for (const option of ui.membership.options) {
      if (option.value === 'in-relationship') option.textContent = rel ? `In the target relationship, ${rel.name}` : 'In the target relationship';
      if (option.value === 'in-other') option.textContent = rel ? `In a relationship other than ${rel.name}` : 'In another relationship';
      if (PAIR_ONLY.has(option.value)) option.disabled = !pair;
    }
  }

  isPair(server) {
    return server.includes(',');
  }

  /** The controls' filters, checked: a pair-only membership without a pair is "any". */
  readControls() {
    const { ui } = this;
    let membership = ui.membership.value;
    if (PAIR_ONLY.has(membership) && !this.isPair(ui.server.value)) membership = 'any';
    return { ...this.view, text: ui.filter.value.trim(), prefix: ui.prefix.value.trim(), server: ui.server.value, membership };
  }

  /** Applies what the controls say (at once: a click right after typing uses the new filters). */
  applyFilter() {
    clearTimeout(this.timer);
    this.membershipLabels();
    const next = this.readControls();
    if (['text', 'prefix', 'server', 'membership'].every((k) => next[k] === this.view[k])) return Promise.resolve();
    this.view = next;
    this.ui.membership.value = next.membership;
    this.page = 0;
    return this.fetch({ announce: true });
  }

  resetFilters() {
    const { ui } = this;
    ui.filter.value = '';
    ui.prefix.value = '';
    ui.server.value = '';
    ui.membership.value = 'any';
    return this.applyFilter();
  }

  /** From the coverage panel: exactly the scopes behind a number. */
  async show({ server, membership }) {
    const { ui } = this;
    ui.filter.value = '';
    ui.prefix.value = '';
    ui.server.value = server;
    ui.membership.value = membership;
    await this.applyFilter();
    // The section from its heading (the sticky bar would cover the first rows otherwise), the focus on the count.
    $('scopes-title').scrollIntoView({ block: 'start' });
    ui.summary.focus({ preventScroll: true });
  }

  /** The query for the filters (no window): what "Select all N matching" selects. */
  filterQuery(view = this.view) {
    const query = {};
    if (view.text) query.text = view.text;
    if (view.prefix) query.prefix = view.prefix;
    if (view.server) query.server = view.server;
    const rel = this.session.targetRelationship();
    if (['in-relationship', 'in-other'].includes(view.membership)) {
      if (rel) {
        query.membership = view.membership;
        query.relationship = rel.id;
      }
    } else if (view.membership !== 'any' && (!PAIR_ONLY.has(view.membership) || this.isPair(view.server))) {
      query.membership = view.membership;
    }
    return query;
  }

  query() {
    const query = { ...this.filterQuery(), offset: this.page * PAGE_SIZE, limit: PAGE_SIZE };
    if (this.view.sort.key) {
      query.sort = this.view.sort.key;
      if (this.view.sort.descending) query.descending = true;
    }
    return query;
  }

  // ---- the window ------------------------------------------------------------------------

  /** Asks the worker for the rows in view; shows them unless a newer request was made meanwhile. */
  async fetch({ announce = false } = {}) {
    if (!this.session.opened) return;
    const seq = ++this.seq;
    const view = this.view;
    const query = this.query();
    let page;
    try {
      page = await this.session.client.request('scopes', { query });
    } catch (error) {
      if (seq === this.seq && error.fault?.code === 'INVALID_PARAMETER') this.refused(view);
      return; // else the engine restarted (Cancel) or failed: the next status fetches again
    }
    if (seq !== this.seq) return;
    const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
    if (this.page > pages - 1) {
      this.page = pages - 1;
      this.fetch({ announce });
      return;
    }
    this.showPage(page, view, announce);
  }

  /** A filter the worker refused (a prefix that is not one): say so at the field. */
  refused(view) {
    const { ui } = this;
    ui.prefix.setAttribute('aria-invalid', 'true');
    ui.prefixError.textContent = `Not an address prefix: type dotted numbers such as 10.20. or a block such as 10.20.0.0/16.`;
    ui.prefixError.hidden = false;
    ui.body.replaceChildren();
    ui.empty.hidden = true;
    ui.summary.textContent = 'No scope shown: the address prefix is not valid.';
    ui.live.textContent = ui.summary.textContent;
    this.announced = '';
    this.total = 0;
    ui.selectAll.textContent = 'Select all matching';
    ui.selectAll.disabled = true;
    ui.body.dataset.filter = view.text;
    ui.body.dataset.view = this.viewKey(view);
  }

  viewKey(view = this.view) {
    return new URLSearchParams(Object.entries(this.viewParams(view)).filter(([, v]) => v !== '')).toString();
  }

  viewParams(view = this.view) {
    return {
      q: view.text, prefix: view.prefix, server: view.server, member: view.membership === 'any' ? '' : view.membership,
      sort: sortParam(view.sort), page: this.page ? this.page + 1 : '',
    };
  }

  describe(view) {
    const parts = [];
    const option = (select, value) => [...select.options].find((o) => o.value === value)?.textContent ?? value;
    if (view.text) parts.push(`containing “${view.text}”`);
    if (view.prefix) parts.push(`in ${view.prefix}`);
    if (view.server) parts.push(`on ${option(this.ui.server, view.server).replace(/ \([\d,]+ scopes?\)$/, '')}`);
    if (view.membership !== 'any') parts.push(option(this.ui.membership, view.membership).toLowerCase());
    return parts.join(', ');
  }

  showPage(page, view, announce) {
    const { ui } = this;
    const scopeCount = this.session.status.scopeCount;
    this.total = page.total;
    this.ids = new Map(page.rows.map((row) => [row.key, row.id]));
    const existing = new Set(this.session.status.relationships.map((r) => String(r.id)));
    patchChildren(ui.body, page.rows, (row) => row.key, signature, (row) => scopeRow(row, existing));
    ui.empty.hidden = page.total > 0;
    ui.empty.textContent = scopeCount === 0 ? 'The tables list no scope.' : 'No scope matches these filters.';
    ui.prefix.removeAttribute('aria-invalid');
    ui.prefixError.hidden = true;
    const filters = this.describe(view);
    const count = filters
      ? `${fmt(page.total)} of ${plural(scopeCount, 'scope')} match: ${filters.replace(/\.$/, '')}.`
      : `${plural(page.total, 'scope')}.`;
    ui.summary.textContent = count;
    if (announce && count !== this.announced) {
      ui.live.textContent = count;
      this.announced = count;
    }
    const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
    const first = this.page * PAGE_SIZE;
    ui.pageText.textContent = page.total === 0
      ? 'No scope to show.'
      : `Page ${fmt(this.page + 1)} of ${fmt(pages)} (scopes ${fmt(first + 1)} to ${fmt(first + page.rows.length)})`;
    ui.prev.disabled = this.page === 0;
    ui.next.disabled = this.page >= pages - 1;
    ui.selectAll.textContent = `Select all ${fmt(page.total)} matching`;
    ui.selectAll.disabled = page.total === 0;
    showSort(ui.sorts, view.sort, 'scopes');
    ui.reset.disabled = !(view.text || view.prefix || view.server || view.membership !== 'any');
    // Lets tests wait for a view to apply.
    ui.body.dataset.filter = view.text;
    ui.body.dataset.view = this.viewKey(view);
    writeView(this.viewParams(view));
  }

  selectionShown() {
    const n = this.session.status?.selection ?? 0;
    this.ui.clear.disabled = !n;
    this.ui.selection.textContent = n === 0 ? 'No scope selected.' : `${plural(n, 'scope')} selected.`;
  }

  // ---- selection -------------------------------------------------------------------------

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
    await this.applyFilter(); // a click right after typing selects what the new filters match
    if (this.ui.selectAll.disabled) return; // the filters were refused, or match nothing
    try {
      await this.select({ mode: 'matching', query: this.filterQuery() });
    } catch {
      return; // the engine restarted, or the filters changed under the click
    }
    await this.fetch();
    this.ui.live.textContent = `${plural(this.session.status.selection, 'scope')} selected.`;
    this.announced = '';
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
