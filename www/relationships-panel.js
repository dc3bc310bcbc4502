// The relationships table: name, mode, servers, split, state, pending +N / −M and the
// member count, from the worker's relationshipSummary() (a few hundred rows at most).

import { $, el, fmt, text } from './dom.js';

/** "50 / 50", or for hot standby "95 / 5" with "standby reserve 5%". */
export function splitParts(rel) {
  const p = rel.row?.Server1Percentage;
  if (typeof p !== 'number' || !Number.isFinite(p)) return { split: '', note: '' };
  const rest = Math.max(0, 100 - p);
  return { split: `${p} / ${rest}`, note: rel.mode === 'HotStandby' ? `standby reserve ${rest}%` : '' };
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

export class RelationshipsPanel {
  constructor(session) {
    this.body = $('relationships-body');
    this.empty = $('no-relationships');
    session.on('status', (status) => this.show(status.relationships));
  }

  show(relationships) {
    this.body.replaceChildren(...relationships.map((rel) => {
      const { split, note } = splitParts(rel);
      const pending = rel.added || rel.removed ? `+${fmt(rel.added)} / −${fmt(rel.removed)}` : '';
      const ips = [text(rel.row?.Server1IP), text(rel.row?.Server2IP)].filter(Boolean).join(' / ');
      return el('tr', {},
        el('th', { scope: 'row' }, rel.name),
        el('td', {}, text(rel.mode, '—')),
        el('td', {}, el('span', { class: 'servers' }, serverPair(rel) || '—'), ips ? el('span', { class: 'muted block' }, ips) : null),
        el('td', {}, split || '—', note ? el('span', { class: 'muted block' }, note) : null),
        el('td', {}, stateText(rel) || '—'),
        el('td', { class: 'num' }, pending),
        el('td', { class: 'num' }, fmt(rel.members)));
    }));
    this.empty.hidden = relationships.length > 0;
  }
}
