// A long table in a scroll box of its own, rendered a window at a time (as Clusterize.js
// does): only the rows near what is scrolled into view are in the document, and a spacer
// row group before and after them holds the place of the others. A change then re-renders,
// and every style pass (a modal dialog opening or closing restyles the whole document)
// touches, the rows in the window rather than every row. The scroll position is read only
// in a frame after a scroll, never in the task that shows a change.

import { el, patchChildren } from './dom.js';

const ROOT_FONT_PX = 15; // style.css's :root font size: a row's height until one is measured

export class RowWindow {
  /**
   * `body`: the tbody of the rows, in a table in a scroll box of its own (the spacer row
   * groups, class "spacer", are put before and after it); `rowRem`: a row's height in rem as
   * style.css sets it (until one is measured); `size`: rows rendered at most; `keyOf`,
   * `signatureOf`, `render(item)`: as patchChildren takes them.
   */
  constructor({ body, rowRem, size = 40, keyOf, signatureOf, render }) {
    const table = body.closest('table');
    const scroller = table.parentElement;
    const spacer = () => el('tbody', { class: 'spacer', 'aria-hidden': 'true', hidden: true },
      el('tr', {}, el('td', { colspan: table.tHead?.rows[0]?.cells.length ?? 1 })));
    const before = spacer();
    const after = spacer();
    body.before(before);
    body.after(after);
    table.tHead?.rows[0]?.setAttribute('aria-rowindex', '1');
    Object.assign(this, { scroller, table, body, before, after, rowRem, size, keyOf, signatureOf, renderRow: render });
    this.items = [];
    this.first = 0; // the first row rendered
    this.rowPx = 0; // a row's measured height, once known
    this.scheduled = false;
    scroller.addEventListener('scroll', () => {
      if (this.scheduled) return;
      this.scheduled = true;
      requestAnimationFrame(() => {
        this.scheduled = false;
        this.follow();
      });
    }, { passive: true });
  }

  /** Shows `items` (the whole list): the window at the last scroll position is rendered. */
  show(items) {
    this.items = items;
    this.render();
  }

  /** After a scroll: moves the window, in steps of a quarter of it, so the rows in view stay inside. */
  follow() {
    const measured = this.body.rows[0]?.getBoundingClientRect().height;
    if (measured > 0) this.rowPx = measured;
    const rowPx = this.rowPx || this.rowRem * ROOT_FONT_PX;
    const step = Math.max(1, Math.floor(this.size / 4));
    const top = Math.floor(this.scroller.scrollTop / rowPx);
    const first = Math.max(0, (Math.floor(top / step) - 1) * step);
    if (first === this.first) return;
    this.first = first;
    this.render();
  }

  render() {
    const n = this.items.length;
    const first = Math.max(0, Math.min(this.first, n - this.size));
    const last = Math.min(n, first + this.size);
    const shown = [];
    for (let i = first; i < last; i++) shown.push({ item: this.items[i], index: i });
    patchChildren(this.body, shown, ({ item }) => this.keyOf(item), ({ item, index }) => `${index}|${this.signatureOf(item)}`,
      ({ item, index }) => {
        const row = this.renderRow(item);
        row.setAttribute('aria-rowindex', String(index + 2)); // the header row is 1
        return row;
      });
    this.spacer(this.before, first);
    this.spacer(this.after, n - last);
    this.table.setAttribute('aria-rowcount', String(n + 1));
  }

  spacer(group, rows) {
    group.hidden = rows === 0;
    // The cell's height attribute (CSS pixels), not a style attribute: the page carries no
    // inline style (its Content-Security-Policy allows none).
    const px = this.rowPx || this.rowRem * ROOT_FONT_PX;
    group.querySelector('td').setAttribute('height', String(Math.round(rows * px)));
  }
}
