// Coverage per server pair (the worker's ws.coverage(), sent with every status): of the
// scopes hosted on a pair's two servers, how many are in a relationship of that pair, in
// none, or in a relationship between other servers. Every number is a button that sets
// the scope filters (that server pair + that membership) so the scopes list shows exactly
// the scopes behind it; the pair's relationship count filters the relationship list.

import { $, el, fmt, plural, signature } from './dom.js';
import { RowWindow } from './row-window.js';

const KINDS = [
  { field: 'scopes', membership: 'any', words: 'hosted on' },
  { field: 'covered', membership: 'in-pair', words: 'in a relationship of' },
  { field: 'uncovered', membership: 'in-none', words: 'in no relationship, on' },
  { field: 'elsewhere', membership: 'elsewhere', words: 'in a relationship of other servers, on' },
];

export class CoveragePanel {
  constructor(session) {
    this.session = session;
    this.ui = { body: $('coverage-body'), empty: $('no-coverage'), summary: $('coverage-summary') };
    // A network of 300,000 scopes has about 200 server pairs: only the rows near the scroll
    // position are in the document (row-window.js).
    this.rows = new RowWindow({
      body: this.ui.body, rowRem: 2, size: 24,
      keyOf: (pair) => pair.server, signatureOf: signature, render: (pair) => this.row(pair),
    });
    session.on('status', (status) => this.show(status.coverage));
    this.ui.body.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest('button') : null;
      if (!button) return;
      if (button.dataset.membership) {
        session.emit('show-scopes', { server: button.dataset.server, membership: button.dataset.membership });
      } else if (button.dataset.pair) {
        session.emit('show-relationships', { pair: button.dataset.pair });
      }
    });
  }

  show(coverage) {
    const { ui } = this;
    this.rows.show(coverage);
    ui.empty.hidden = coverage.length > 0;
    const gaps = coverage.filter((pair) => pair.uncovered > 0).length;
    ui.summary.textContent = coverage.length === 0 ? ''
      : gaps === 0 ? `${plural(coverage.length, 'server pair')}: every scope on them is in a relationship.`
        : `${fmt(gaps)} of ${plural(coverage.length, 'server pair')} host scopes that are in no relationship.`;
  }

  /** One server pair's row: each number a button that lists the scopes behind it. */
  row(pair) {
    const servers = `${pair.servers[0]} and ${pair.servers[1]}`;
    const number = ({ field, membership, words }) => {
      const n = pair[field];
      return el('td', { class: 'num' }, el('button', {
        type: 'button', class: `link-number ${field}`, 'data-server': pair.server, 'data-membership': membership,
        'aria-label': `${fmt(n)} ${n === 1 ? 'scope' : 'scopes'} ${words} ${servers}: show them`,
      }, fmt(n)));
    };
    const share = pair.scopes ? Math.floor((pair.covered / pair.scopes) * 100) : 100;
    return el('tr', { class: pair.uncovered ? 'gaps' : null },
      el('th', { scope: 'row' }, el('span', { class: 'servers' }, `${pair.servers[0]} ↔ ${pair.servers[1]}`)),
      el('td', { class: 'num' }, el('button', {
        type: 'button', class: 'link-number', 'data-pair': pair.server,
        'aria-label': `${plural(pair.relationships.length, 'relationship')} between ${servers}: list them`,
      }, fmt(pair.relationships.length))),
      ...KINDS.map(number),
      el('td', { class: 'num share' }, `${share}%`));
  }
}
