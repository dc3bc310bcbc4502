// Flow: a keyboard-only, screen-reader-aware admin. axe-core (from npm) finds no
// violation on the page as it opens, after an add, and with the fault panel open; every
// control has an accessible name; the whole add flow works with the keyboard alone.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openAdminPage, assertNoProblems, screenshot, readTables, AXE_PATH } from './helpers.mjs';

let session;
before(async () => { session = await openAdminPage(); });
after(async () => { await session?.close(); });

/** Runs axe-core on the page and returns its violations, summarised for a failure message. */
async function axeViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => (await window.axe.run(document)).violations);
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
}

/** Presses Tab until the focused element matches `selector`; fails after `max` presses. */
async function tabTo(page, selector, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
  }
  assert.fail(`Tab never reached ${selector}`);
}

test('axe-core finds no violation on the page as it opens', async () => {
  const { page } = session;
  assert.deepEqual(await axeViolations(page), []);
  assertNoProblems(session.problems);
});

test('every control has an accessible name', async () => {
  const { page } = session;
  const unnamed = await page.evaluate(() => {
    const name = (el) => {
      if (el.getAttribute('aria-label')) return el.getAttribute('aria-label');
      const by = el.getAttribute('aria-labelledby');
      if (by) return by.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
      if (el.labels?.length) return [...el.labels].map((l) => l.textContent).join(' ');
      return el.tagName === 'BUTTON' ? el.textContent : '';
    };
    return [...document.querySelectorAll('input, select, button, progress, textarea')]
      .filter((el) => name(el).trim() === '')
      .map((el) => el.outerHTML);
  });
  assert.deepEqual(unnamed, []);
});

test('the whole add flow works with the keyboard alone', async () => {
  const { page } = session;
  const before = await readTables(page);
  await page.evaluate(() => document.activeElement?.blur());

  await tabTo(page, '#filter-input');
  await page.keyboard.type('HQ Floor 3');
  await page.waitForFunction(() => document.querySelector('#scopes-body').dataset.filter === 'HQ Floor 3');
  // Space ticks the first two row checkboxes.
  await tabTo(page, '#scopes-body input[type="checkbox"]');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  assert.equal(await page.textContent('#selection-count'), '2 scopes selected.');

  // Pick hq-hotstandby with the arrow keys, then add with Enter.
  await tabTo(page, '#relationship-select');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.$eval('#relationship-select', (s) => s.selectedOptions[0].textContent), 'hq-hotstandby (HotStandby)');
  await tabTo(page, '#add-button');
  await page.keyboard.press('Enter');
  await page.waitForSelector('body[data-state="done"]');
  assert.equal(await page.textContent('#outcome'), 'Added 2 scopes to hq-hotstandby; 0 were already in this relationship.');
  const after = await readTables(page);
  assert.equal(after.ADM_DhcpScopeFailoverTable.length, before.ADM_DhcpScopeFailoverTable.length + 2);
  assert.deepEqual(after.ADM_DhcpScopeFailoverTable.slice(-2).map((p) => p.FailoverRelationId), [2, 2]);
  // Focus is on a control that still exists, and the focus ring shows.
  assert.ok(await page.evaluate(() => document.activeElement !== document.body), 'focus was not lost');
  await screenshot(page, 'a11y');

  assert.deepEqual(await axeViolations(page), [], 'after an add, with the result list shown');
  assertNoProblems(session.problems);
});

test('axe-core finds no violation with the fault panel and its SOAP XML open', async () => {
  const { page } = session;
  await page.evaluate(() => window.__ipam.add(999, [1001], 'relationship 999'));
  await page.waitForSelector('body[data-state="fault"]');
  // The toggle works from the keyboard too.
  await page.focus('#fault-panel button[aria-controls="soap-xml"]');
  await page.keyboard.press('Enter');
  assert.equal(await page.isVisible('#soap-xml'), true);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'a11y-fault');
  assertNoProblems(session.problems);
});
