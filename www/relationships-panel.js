// The failover relationships: a compact, paged list (ten rows at a time, so the page never
// grows with the number of relationships), filtered by name or server and by server pair,
// sorted by any column. Each row: name, mode, servers, split, state, pending +N / −M and
// member count. A radio button per row picks the target of Add and Remove (click, or the
// arrow keys inside the list); the add panel's name box picks it by typing.
//
// The list comes with the worker's status (relationshipSummary(): a few hundred rows);
// filtering and sorting them here is bounded by the relationships, never by the scopes.
// The view (filter, pair, sort, page, target) is kept in the URL (url-state.js).

import { $, el, fmt, plural, text, patchChildren, signature } from './dom.js';
import { viewParam, viewPage, writeView } from './url-state.js';

export const RELATIONSHIP_PAGE_SIZE = 10;
const FILTER_DELAY_MS = 120;

/**
 * Server1Percentage is the DHCP server's failover `percentage` (MS-DHCPM): in load balance
 * Server1's share of the clients ("60 / 40"); in hot standby the share of addresses kept in
 * reserve for the standby server (5 gives "95 / 5" with "standby reserve 5%").
 */
export function splitParts(rel) {
  const p = rel.row?.Server1Percentage;
  if (typeof p !== 'number' || !Number.isFinite(p)) return { split: '', note: '' };
  const rest = Math.max(0, 100 - p);
  if (rel.mode === 'HotStandby') return { split: `${rest} / ${p}`, note: `standby reserve ${p}%` };
  return { split: `${p} / ${rest}`, note: '' };
}

/** Per-server state, one word when both agree. */
export function stateText(rel) {
  const a = text(rel.state1);
  const b = text(rel.state2);
  if (!a && !b) return '';
  if (a === b) return a;
  return `${a || '?'} / ${b || '?'}`;
}

/** "dhcp-hq-01 ↔ dhcp-hq-02", or '' when the relationship names neither server. */
export function serverPair(rel) {
  const a = text(rel.server1);
  const b = text(rel.server2);
  if (!a && !b) return '';
  return `${a || 'server 1'} ↔ ${b || 'server 2'}`;
}

/** "hq-loadbalance (LoadBalance)": how a relationship is named as the target. */
export function targetLabel(rel) {
  return `${rel.name} (${text(rel.mode, 'mode unknown')})`;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const SORTS = {
  name: (a, b) => collator.compare(a.name, b.name),
  mode: (a, b) => collator.compare(text(a.mode), text(b.mode)),
  servers: (a, b) => collator.compare(serverPair(a), serverPair(b)),
  state: (a, b) => collator.compare(stateText(a), stateText(b)),
  pending: (a, b) => (a.added + a.removed) - (b.added + b.removed),
  members: (a, b) => a.members - b.members,
};

/** "name" or "-members" from the URL, as { key, descending }; no key = table order. */
export function parseSort(value, keys) {
  const descending = value.startsWith('-');
  const key = descending ? value.slice(1) : value;
  return keys.includes(key) ? { key, descending } : { key: '', descending: false };
}

export const sortParam = (sort) => (sort.key ? `${sort.descending ? '-' : ''}${sort.key}` : '');

/** Marks the sorted column's header (aria-sort) and labels every sort button with what a press does. */
export function showSort(buttons, sort, what) {
  for (const button of buttons) {
    const th = button.closest('th');
    const on = button.dataset.sort === sort.key;
    if (on) th.setAttribute('aria-sort', sort.descending ? 'descending' : 'ascending');
    else th.removeAttribute('aria-sort');
    button.dataset.direction = on ? (sort.descending ? 'descending' : 'ascending') : '';
    const next = !on ? `Sort ${what} by ${button.dataset.label}, ascending`
      : sort.descending ? `Back to the ${what} in table order` : `Sort ${what} by ${button.dataset.label}, descending`;
    button.title = next;
  }
}

/** The next sort after a press on column `key`: ascending, then descending, then back to table order. */
export function nextSort(sort, key) {
  if (sort.key !== key) return { key, descending: false };
  return sort.descending ? { key: '', descending: false } : { key, descending: true };
}

export class RelationshipsPanel {
  constructor(session) {
    this.session = session;
    this.ui = {
      body: $('relationships-body'), empty: $('no-relationships'), filter: $('relationship-filter'), pair: $('relationship-pair'),
      summary: $('relationships-summary'), live: $('relationships-live'), prev: $('relationships-prev'), next: $('relationships-next'),
      pageText: $('relationships-page'), sorts: [...document.querySelectorAll('#relationships-head button[data-sort]')],
    };
    this.text = viewParam('rq');
    this.pairKey = viewParam('rpair');
    this.sort = parseSort(viewParam('rsort'), Object.keys(SORTS));
    this.page = viewPage('rpage');
    this.pairOf = new Map(); // relationship key -> server pair key, from coverage()
    this.timer = 0;
    this.announced = '';
    session.target = viewParam('rel') || null;

    const { ui } = this;
    ui.filter.value = this.text;
    ui.filter.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.setFilter({ text: ui.filter.value.trim() }), FILTER_DELAY_MS);
    });
    // Both filters as the controls show them: a name typed just before counts.
    ui.pair.addEventListener('change', () => this.setFilter({ text: ui.filter.value.trim(), pairKey: ui.pair.value }));
    for (const button of ui.sorts) {
      button.addEventListener('click', () => {
        clearTimeout(this.timer); // a filter typed just before counts
        this.text = ui.filter.value.trim();
        this.sort = nextSort(this.sort, button.dataset.sort);
        this.page = 0;
        this.render({ announce: true });
      });
    }
    ui.prev.addEventListener('click', () => this.turn(-1));
    ui.next.addEventListener('click', () => this.turn(1));
    // A radio button (click, Space or the arrow keys) picks the target; so does a click anywhere on its row.
    ui.body.addEventListener('change', (event) => {
      if (event.target instanceof HTMLInputElement && event.target.type === 'radio') session.setTarget(event.target.value, 'list');
    });
    ui.body.addEventListener('click', (event) => {
      const row = event.target instanceof Element ? event.target.closest('tr[data-key]') : null;
      if (!row || event.target.closest('label, input') || session.isLocked()) return;
      session.setTarget(row.dataset.key, 'list');
    });
    session.on('status', (status) => this.update(status));
    session.on('show-relationships', ({ pair }) => {
      this.ui.pair.value = pair;
      this.ui.filter.value = '';
      this.setFilter({ text: '', pairKey: pair });
      this.ui.pair.focus();
    });
    session.on('target', ({ from }) => {
      if (from !== 'list') this.reveal(session.target);
      this.render();
    });
    session.on('controls', () => {
      for (const radio of ui.body.querySelectorAll('input[type="radio"]')) radio.disabled = session.isLocked();
    });
  }

  update(status) {
    const { session } = this;
    const relationships = status.relationships;
    // The server pairs, from coverage(): the pair filter's options and each relationship's pair.
    if (status.partial) {
      this.render(); // a change: only the numbers moved
      return;
    }
    this.pairOf = new Map();
    for (const pair of status.coverage) for (const rel of pair.relationships) this.pairOf.set(String(rel.id), pair.server);
    const options = [el('option', { value: '' }, 'All server pairs'),
      ...status.coverage.map((pair) => el('option', { value: pair.server },
        `${pair.servers[0]} ↔ ${pair.servers[1]} (${plural(pair.relationships.length, 'relationship')})`))];
    this.ui.pair.replaceChildren(...options);
    if (!status.coverage.some((pair) => pair.server === this.pairKey)) this.pairKey = '';
    this.ui.pair.value = this.pairKey;
    // The target: kept while it exists, else the first relationship.
    if (!relationships.some((rel) => rel.key === session.target)) {
      session.setTarget(relationships[0]?.key ?? null, 'status');
    }
    this.render();
  }

  setFilter({ text: filterText = this.text, pairKey = this.pairKey }) {
    clearTimeout(this.timer);
    if (filterText === this.text && pairKey === this.pairKey) return;
    this.text = filterText;
    this.pairKey = pairKey;
    this.page = 0;
    this.render({ announce: true });
  }

  /** The relationships that pass the filters, in the chosen order. */
  matches() {
    const all = this.session.status?.relationships ?? [];
    const needle = this.text.toLowerCase();
    let list = all.filter((rel) => (!this.pairKey || this.pairOf.get(rel.key) === this.pairKey)
      && (!needle || [rel.name, rel.server1, rel.server2, rel.row?.Server1Name, rel.row?.Server2Name]
        .some((v) => text(v).toLowerCase().includes(needle))));
    if (this.sort.key) {
      const compare = SORTS[this.sort.key];
      const sign = this.sort.descending ? -1 : 1;
      list = list.map((rel, i) => [rel, i]).sort(([a, i], [b, j]) => sign * compare(a, b) || i - j).map(([rel]) => rel);
    }
    return list;
  }

  /** Turns to the page that shows `key`, when the filters let it through. */
  reveal(key) {
    const at = this.matches().findIndex((rel) => rel.key === key);
    if (at >= 0) this.page = Math.floor(at / RELATIONSHIP_PAGE_SIZE);
  }

  turn(delta) {
    this.page = Math.max(0, this.page + delta);
    this.render();
    if (this.ui.prev.disabled && delta < 0) this.ui.next.focus();
    if (this.ui.next.disabled && delta > 0) this.ui.prev.focus();
  }

  render({ announce = false } = {}) {
    const { session, ui } = this;
    const status = session.status;
    if (!status) return;
    const all = status.relationships;
    const list = this.matches();
    const pages = Math.max(1, Math.ceil(list.length / RELATIONSHIP_PAGE_SIZE));
    this.page = Math.min(this.page, pages - 1);
    const first = this.page * RELATIONSHIP_PAGE_SIZE;
    const shown = list.slice(first, first + RELATIONSHIP_PAGE_SIZE);
    const hadFocus = ui.body.contains(document.activeElement);
    const locked = session.isLocked();

    const sign = (rel) => `${signature(rel)}|${rel.key === session.target}|${locked}`;
    patchChildren(ui.body, shown, (rel) => rel.key, sign, (rel) => {
      const { split, note } = splitParts(rel);
      const pending = rel.added || rel.removed ? `+${fmt(rel.added)} / −${fmt(rel.removed)}` : '';
      const target = rel.key === session.target;
      const radio = el('input', { type: 'radio', name: 'target-relationship', value: rel.key, disabled: locked });
      radio.checked = target;
      const ips = [text(rel.row?.Server1IP), text(rel.row?.Server2IP)].filter(Boolean).join(' / ');
      return el('tr', { class: target ? 'target' : null, 'data-key': rel.key },
        el('th', { scope: 'row' }, el('label', { class: 'pick-relationship' }, radio, el('span', {}, rel.name))),
        el('td', {}, text(rel.mode, '—')),
        el('td', {}, el('span', { class: 'servers', title: ips || null }, serverPair(rel) || '—')),
        el('td', {}, split || '—', note ? el('span', { class: 'muted block' }, note) : null),
        el('td', {}, stateText(rel) || '—'),
        el('td', { class: 'num' }, pending),
        el('td', { class: 'num' }, fmt(rel.members)));
    });
    // Arrow keys in the radio group re-render the list: keep the focus on the target's radio.
    if (hadFocus && !ui.body.contains(document.activeElement)) {
      (ui.body.querySelector('input:checked') ?? ui.body.querySelector('input'))?.focus();
    }
    ui.empty.hidden = all.length > 0;
    const filtered = this.text || this.pairKey;
    const count = filtered
      ? `${fmt(list.length)} of ${plural(all.length, 'relationship')} match.`
      : `${plural(all.length, 'relationship')}.`;
    ui.summary.textContent = count;
    ui.pageText.textContent = list.length === 0
      ? 'No relationship to show.'
      : `Page ${fmt(this.page + 1)} of ${fmt(pages)} (${fmt(first + 1)} to ${fmt(first + shown.length)})`;
    ui.prev.disabled = this.page === 0;
    ui.next.disabled = this.page >= pages - 1;
    showSort(ui.sorts, this.sort, 'relationships');
    if (announce && count !== this.announced) {
      ui.live.textContent = count;
      this.announced = count;
    }
    ui.body.dataset.view = `${this.text}|${this.pairKey}|${sortParam(this.sort)}|${this.page}`;
    writeView({ rel: session.target ?? '', rq: this.text, rpair: this.pairKey, rsort: sortParam(this.sort), rpage: this.page ? this.page + 1 : '' });
  }
}
