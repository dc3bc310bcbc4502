// Flow: a keyboard-only, screen-reader-aware admin. axe-core (from npm) finds no
// violation on the page as it opens, with the preflight dialog open, after an add (result
// list and pending changes shown), with the confirmation dialog open, and with the fault
// panel open; every control has an accessible name; the whole add flow, preflight dialog
// included, works with the keyboard alone, and so do undo and redo.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openAdminPage, assertNoProblems, screenshot, readTables, axeViolations, BROWSERS } from './helpers.mjs';

for (const browser of BROWSERS) describe(browser, () => {
  let session;
  before(async () => { session = await openAdminPage(browser); });
  after(async () => { await session?.close(); });

  /**
   * Presses Tab (Shift+Tab when `selector` comes before the focused control) until the
   * focused element matches `selector`; fails after `max` presses, or if the focus leaves
   * the page. Moving towards the control, never around the end of the page: there Firefox
   * moves the focus into its own toolbar, and in headless Firefox the page never gets the
   * window's focus back (document.hasFocus() stays false and Enter no longer activates a
   * button), though a later Tab still moves document.activeElement.
   */
  async function tabTo(page, selector, max = 80) {
    const backwards = await page.evaluate((s) => {
      const from = document.activeElement;
      const to = document.querySelector(s);
      if (!from || from === document.body || !to) return false;
      return Boolean(from.compareDocumentPosition(to) & Node.DOCUMENT_POSITION_PRECEDING);
    }, selector);
    for (let i = 0; i < max; i++) {
      await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
      const [reached, focused] = await page.evaluate((s) => [document.activeElement?.matches(s), document.hasFocus()], selector);
      assert.ok(focused, `the focus left the page on the way to ${selector}`);
      if (reached) return;
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

    // Pick hq-hotstandby with the arrow keys in the relationship list (Tab lands on the
    // target's radio button), then add with Enter.
    await tabTo(page, '#relationships-body input[type="radio"]:checked');
    assert.equal(await page.textContent('#relationship-target'), 'hq-loadbalance (LoadBalance)');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.querySelector('#relationship-target').textContent === 'hq-hotstandby (HotStandby)');
    assert.equal(await page.evaluate(() => document.activeElement.value), '2', 'the focus stays on the chosen row');
    await tabTo(page, '#add-button');
    await page.keyboard.press('Enter');
    // Both scopes are in hq-loadbalance: the preflight dialog opens with focus on the
    // acknowledgement; Space ticks it, Tab reaches "Stage anyway", Enter stages.
    await page.waitForSelector('#preflight-dialog[open]');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'preflight-ack');
    assert.deepEqual(await axeViolations(page), [], 'with the preflight dialog open');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'preflight-stage');
    await page.keyboard.press('Enter');
    await page.waitForSelector('body[data-state="done"]');
    assert.equal(await page.textContent('#outcome'), 'Added 2 scopes to hq-hotstandby in the working copy; 0 were already in this relationship.');
    const after = await readTables(page);
    assert.equal(after.ADM_DhcpScopeFailoverTable.length, before.ADM_DhcpScopeFailoverTable.length + 2);
    assert.deepEqual(after.ADM_DhcpScopeFailoverTable.slice(-2).map((p) => p.FailoverRelationId), [2, 2]);
    // Focus is on a control that still exists, and the focus ring shows.
    // The page moves the focus in the frame after the outcome shows: wait for that frame.
    await page.waitForFunction(() => document.activeElement !== document.body, null, { timeout: 5000 }).catch(() => {});
    assert.ok(await page.evaluate(() => document.activeElement !== document.body), 'focus was not lost');
    await screenshot(page, 'a11y');

    assert.deepEqual(await axeViolations(page), [], 'after an add, with the result list shown');
    assertNoProblems(session.problems);
  });

  test('undo and redo work from the keyboard; the confirmation dialog passes axe and Escape keeps the changes', async () => {
    const { page } = session;
    const staged = await readTables(page);
    // From where the add left the focus (a control that still exists, checked above).
    await tabTo(page, '#undo-button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('body[data-state="undone"]');
    assert.equal(await page.textContent('#outcome'), 'Undone: 2 scopes out of hq-hotstandby.');
    // Undo is now disabled: focus moved to Redo (in the next frame), so Enter redoes.
    await page.waitForFunction(() => document.activeElement?.id === 'redo-button', null, { timeout: 5000 }).catch(() => {});
    assert.equal(await page.evaluate(() => document.activeElement.id), 'redo-button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('body[data-state="redone"]');
    assert.deepEqual(await readTables(page), staged);

    await tabTo(page, '#discard-button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#confirm-dialog[open]');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'confirm-cancel', 'the safe choice has focus');
    assert.deepEqual(await axeViolations(page), [], 'with the confirmation dialog open');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#confirm-dialog:not([open])', { state: 'attached' });
    assert.equal(await page.evaluate(() => document.activeElement.id), 'discard-button', 'focus returns to the button');
    assert.deepEqual(await readTables(page), staged);
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
});
