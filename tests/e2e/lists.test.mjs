// Flow: long lists cost what is on screen (issue 8). A network of 120 server pairs: the
// coverage table renders only the rows near its scroll position (www/row-window.js), yet
// whatever is scrolled into view is there, the rows count for assistive technology
// (aria-rowcount / aria-rowindex), and Tab walks every pair. An add of every scope fills the
// preflight dialog's 200 groups, the 200 per-scope results and the 200 pending pairs over a
// few frames (www/chunked.js): all of them are there once the page settles.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openAdminPage, assertNoProblems, screenshot, writeJsonFile, confirmPreflight, BROWSERS } from './helpers.mjs';
import { makeNetwork } from './network.mjs';

const PAIRS = 120;
const NETWORK = makeNetwork({ pairs: PAIRS, relationshipsPerPair: 1, scopes: 1200 });
const site = (p) => `dhcp-site${String(p).padStart(2, '0')}`;

/** Scrolls the coverage box to `fraction` (0, 0.5 or 1) of its height; returns the row shown at its top, centre or bottom once the window followed. */
async function scrollCoverage(page, fraction) {
  await page.evaluate((f) => {
    const box = document.querySelector('#coverage-body').closest('table').parentElement;
    box.scrollIntoView({ block: 'center' });
    box.scrollTop = f * (box.scrollHeight - box.clientHeight);
  }, fraction);
  // The window follows in the frame after the scroll: wait until the centre shows a row.
  const at = (f) => {
    const box = document.querySelector('#coverage-body').closest('table').parentElement;
    const r = box.getBoundingClientRect();
    // Just under the sticky header, the centre, or just above the bottom edge.
    const y = f === 0 ? box.querySelector('thead').getBoundingClientRect().bottom + 6 : f === 1 ? r.bottom - 8 : r.top + r.height / 2;
    const row = document.elementFromPoint(r.left + 40, y)?.closest('#coverage-body tr');
    return row ? { servers: row.querySelector('.servers').textContent, index: Number(row.getAttribute('aria-rowindex')) } : null;
  };
  await page.waitForFunction(at, fraction, { timeout: 5000 }).catch(() => {});
  return page.evaluate(at, fraction);
}

for (const browser of BROWSERS) describe(browser, () => {
  let session;
  before(async () => {
    session = await openAdminPage(browser);
    await session.page.setInputFiles('#file-input', await writeJsonFile('lists.json', NETWORK));
    await session.page.waitForFunction(() => document.querySelector('#load-status').textContent === 'Loaded “lists.json”.', null, { timeout: 30000 });
  });
  after(async () => { await session?.close(); });

  test('the coverage table renders a window of rows, and every row scrolled into view is there', async () => {
    const { page } = session;
    const rows = await page.$$eval('#coverage-body tr', (trs) => trs.map((tr) => tr.getAttribute('aria-rowindex')));
    assert.ok(rows.length >= 10 && rows.length <= 40, `a window of rows, not all ${PAIRS}: ${rows.length}`);
    assert.deepEqual(rows.slice(0, 3), ['2', '3', '4'], 'row 1 is the header');
    assert.equal(await page.$eval('#coverage-body', (b) => b.closest('table').getAttribute('aria-rowcount')), String(PAIRS + 1));
    assert.match(await page.textContent('#coverage-summary'), /of 120 server pairs/);

    const top = await scrollCoverage(page, 0);
    assert.ok(top?.servers.startsWith(`${site(1)}-a`), `the first pair at the top: ${JSON.stringify(top)}`);
    const middle = await scrollCoverage(page, 0.5);
    assert.ok(middle && middle.index > 40 && middle.index < 90, `a middle row in the middle: ${JSON.stringify(middle)}`);
    assert.ok(middle.servers.startsWith(`${site(middle.index - 1)}-a`), `row ${middle.index} is pair ${middle.index - 1}: ${middle.servers}`);
    const bottom = await scrollCoverage(page, 1);
    assert.deepEqual(bottom, { servers: `${site(PAIRS)}-a ↔ ${site(PAIRS)}-b`, index: PAIRS + 1 }, 'the last pair at the bottom');
    await screenshot(page, 'lists-coverage', { fullPage: false });

    // Tab walks the pairs one after another, past the rows first rendered.
    await scrollCoverage(page, 0);
    await page.focus(`#coverage-body button[data-pair]`);
    const seen = new Set();
    for (let i = 0; i < 6 * 50; i++) {
      const pair = await page.evaluate(() => document.activeElement?.closest('#coverage-body tr')?.getAttribute('aria-rowindex'));
      if (!pair) break;
      seen.add(Number(pair));
      await page.keyboard.press('Tab');
    }
    assert.ok(seen.has(50), `Tab reached pair 49 and beyond: ${[...seen].sort((a, b) => a - b).slice(-3)}`);
    assert.deepEqual([...seen].sort((a, b) => a - b), Array.from({ length: seen.size }, (_, i) => i + 2), 'no pair skipped');
    assertNoProblems(session.problems);
  });

  test('an add of every scope shows all 200 findings, results and pending pairs once the page settles', async () => {
    const { page } = session;
    await page.click('#select-shown-button');
    await page.waitForFunction(() => document.querySelector('#selection-count').textContent === '1,200 scopes selected.');
    await page.click('#add-button');
    await page.waitForSelector('#preflight-dialog[open]');
    await page.waitForFunction(() => document.querySelectorAll('#preflight-findings .finding-group').length >= 200, null, { timeout: 5000 }).catch(() => {});
    assert.equal(await page.$$eval('#preflight-findings .finding-group', (groups) => groups.length), 200);
    assert.match(await page.textContent('#preflight-note'), /^Showing 200 of [\d,]+ scopes with findings/);
    await confirmPreflight(page);
    await page.waitForSelector('body[data-state="done"]');
    const settled = () => document.querySelectorAll('#results-list li').length >= 200 && document.querySelectorAll('#pending-added-list li').length >= 200;
    await page.waitForFunction(settled, null, { timeout: 5000 }).catch(() => {});
    const results = await page.$$eval('#results-list li', (items) => items.map((li) => li.textContent));
    assert.equal(results.length, 200);
    assert.equal(new Set(results).size, 200, 'each result once');
    assert.equal(await page.textContent('#results-note'), 'Showing the first 200 of 1,200 scopes.');
    assert.equal(await page.$$eval('#pending-added-list li', (items) => items.length), 200);
    assert.match(await page.textContent('#pending-added-note'), /^Showing the first 200 of [\d,]+\.$/);
    assertNoProblems(session.problems);
  });
});
