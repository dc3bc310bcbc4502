// Flow: the admin stages changes in the working copy: an add, a remove from the selected
// relationship and a remove from any relationship. The pending-changes panel counts them
// per relationship and lists the pairs; the scopes table marks them. Undo and redo work
// by button and by keyboard (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y; not inside a text field), and
// "Discard all changes" asks first, then returns to the loaded tables.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  openAdminPage, assertNoProblems, screenshot, readTables, selectByFilter, filterScopes,
  pendingCounts, pendingPairs, waitForRevisionAbove, axeViolations, BROWSERS,
} from './helpers.mjs';
import { makeSample } from '../../www/sample.js';

for (const browser of BROWSERS) describe(browser, () => {
  let session;
  before(async () => { session = await openAdminPage(browser); });
  after(async () => { await session?.close(); });

  const SAMPLE = makeSample();
  const without = (pairs, gone) => pairs.filter((p) => !gone.some(([s, r]) => p.ScopeId === s && p.FailoverRelationId === r));
  // The sample's pairs after each step: HQ Floor 7 Wired and Wi-Fi (1025, 1026) into
  // hq-loadbalance (1); HQ Floor 1 Wired and Wi-Fi (1001, 1002) out of it; Lyon Wired and
  // Wi-Fi (1065, 1066) out of branch-loadbalance (3).
  const AFTER_ADD = [...SAMPLE.ADM_DhcpScopeFailoverTable, { ScopeId: 1025, FailoverRelationId: 1 }, { ScopeId: 1026, FailoverRelationId: 1 }];
  const AFTER_REMOVE = without(AFTER_ADD, [[1001, 1], [1002, 1]]);
  const AFTER_REMOVE_ANY = without(AFTER_REMOVE, [[1065, 3], [1066, 3]]);

  const pairs = async (page) => (await readTables(page)).ADM_DhcpScopeFailoverTable;
  const outcome = (page) => page.textContent('#outcome');
  const relationshipCounts = (page) => page.$$eval('#relationships-body tr', (rows) => rows.map((r) => [r.cells[0].textContent, r.lastElementChild.textContent]));

  test('stage an add and two removes; the panel counts them per relationship and lists the pairs', async () => {
    const { page } = session;
    assert.equal(await page.textContent('#pending-summary'), 'No pending changes: the working copy matches the loaded tables.');
    assert.deepEqual(await pendingCounts(page), []);
    assert.equal(await page.isDisabled('#undo-button'), true);
    assert.equal(await page.isDisabled('#redo-button'), true);
    assert.equal(await page.isDisabled('#discard-button'), true);

    // An add with no finding at all is staged without a dialog.
    await selectByFilter(page, 'HQ Floor 7 W');
    assert.equal(await page.textContent('#selection-count'), '2 scopes selected.');
    assert.equal(await page.textContent('#relationship-target'), 'hq-loadbalance (LoadBalance)');
    let revision = await page.evaluate(() => window.__ipam.revision);
    await page.click('#add-button');
    await page.waitForSelector('body[data-state="done"]');
    assert.equal(await page.$eval('#preflight-dialog', (d) => d.open), false);
    assert.equal(await outcome(page), 'Added 2 scopes to hq-loadbalance in the working copy; 0 were already in this relationship.');
    assert.ok(await page.evaluate(() => window.__ipam.revision) > revision, 'the change was saved before it was reported');
    assert.deepEqual(await pairs(page), AFTER_ADD);
    assert.deepEqual(await pendingCounts(page), [['hq-loadbalance', '+2 / −0']]);
    assert.deepEqual(await pendingPairs(page), {
      added: ['HQ Floor 7 Wired 10.20.24.0/24 to hq-loadbalance', 'HQ Floor 7 Wi-Fi 10.20.25.0/24 to hq-loadbalance'],
      removed: [],
    });
    assert.equal(await page.textContent('#pending-summary'),
      '2 additions and 0 removals in 1 relationship, against the loaded tables. Nothing has been sent to a server.');
    // The table marks the staged pairs.
    assert.deepEqual(await page.$$eval('#scopes-body .tag.staged', (tags) => tags.map((t) => t.textContent)), ['hq-loadbalance', 'hq-loadbalance']);

    // Remove from the selected relationship.
    await selectByFilter(page, 'HQ Floor 1 W');
    assert.equal(await page.textContent('#remove-from-selected-text'), 'from hq-loadbalance only');
    assert.equal(await page.textContent('#remove-button'), 'Remove 2 scopes from failover');
    await page.click('#remove-button');
    await page.waitForSelector('body[data-state="done"]');
    assert.equal(await outcome(page), 'Removed 2 scopes from hq-loadbalance in the working copy; 0 were not in it.');
    assert.deepEqual(await page.$$eval('#results-list li', (items) => items.map((li) => li.textContent)),
      ['removed HQ Floor 1 Wired 10.20.0.0/24', 'removed HQ Floor 1 Wi-Fi 10.20.1.0/24']);
    assert.deepEqual(await pairs(page), AFTER_REMOVE);
    assert.deepEqual(await pendingCounts(page), [['hq-loadbalance', '+2 / −2']]);
    assert.deepEqual(await page.$$eval('#scopes-body del.gone', (d) => d.map((x) => x.textContent)),
      ['staged removal from hq-loadbalance', 'staged removal from hq-loadbalance']);

    // Remove from any relationship: Lyon's ten scopes, two of them in branch-loadbalance.
    await selectByFilter(page, 'Lyon');
    await page.check('#remove-from-any');
    revision = await page.evaluate(() => window.__ipam.revision);
    await page.click('#remove-button');
    await page.waitForSelector('body[data-state="done"]');
    await waitForRevisionAbove(page, revision);
    assert.equal(await outcome(page), 'Removed 2 scopes from failover in the working copy (2 pairs); 8 were in no relationship.');
    const results = await page.$$eval('#results-list li', (items) => items.map((li) => li.textContent));
    assert.equal(results.length, 10);
    assert.deepEqual(results.slice(0, 3), [
      'removed Lyon Wired 10.40.0.0/24 from branch-loadbalance',
      'removed Lyon Wi-Fi 10.40.4.0/24 from branch-loadbalance',
      'in no relationship Lyon Voice 10.40.8.0/24',
    ]);
    assert.deepEqual(await pairs(page), AFTER_REMOVE_ANY);
    assert.deepEqual(await pendingCounts(page), [['hq-loadbalance', '+2 / −2'], ['branch-loadbalance', '+0 / −2']]);
    assert.deepEqual(await pendingPairs(page), {
      added: ['HQ Floor 7 Wired 10.20.24.0/24 to hq-loadbalance', 'HQ Floor 7 Wi-Fi 10.20.25.0/24 to hq-loadbalance'],
      removed: [
        'HQ Floor 1 Wired 10.20.0.0/24 from hq-loadbalance',
        'HQ Floor 1 Wi-Fi 10.20.1.0/24 from hq-loadbalance',
        'Lyon Wired 10.40.0.0/24 from branch-loadbalance',
        'Lyon Wi-Fi 10.40.4.0/24 from branch-loadbalance',
      ],
    });
    assert.equal(await page.textContent('#pending-summary'),
      '2 additions and 4 removals in 2 relationships, against the loaded tables. Nothing has been sent to a server.');
    assert.deepEqual(await relationshipCounts(page),
      [['hq-loadbalance', '12'], ['hq-hotstandby', '20'], ['branch-loadbalance', '14'], ['branch-hotstandby', '36']]);
    assert.equal(await page.isDisabled('#undo-button'), false);
    assert.equal(await page.isDisabled('#redo-button'), true);

    await page.check('#remove-from-selected');
    await filterScopes(page, 'HQ Floor');
    // The panel, the staged and struck-through tags and the remove results pass axe too.
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, 'stage');
    assertNoProblems(session.problems);
  });

  test('undo and redo by button and by keyboard, not from inside a text field', async () => {
    const { page } = session;
    await page.click('#undo-button');
    await page.waitForSelector('body[data-state="undone"]');
    assert.equal(await outcome(page), 'Undone: 2 scopes into branch-loadbalance.');
    assert.deepEqual(await pairs(page), AFTER_REMOVE);
    assert.deepEqual(await pendingCounts(page), [['hq-loadbalance', '+2 / −2']]);
    assert.equal(await page.isDisabled('#redo-button'), false);

    // Ctrl+Z with the focus on no text field.
    await page.evaluate(() => document.activeElement?.blur());
    let revision = await page.evaluate(() => window.__ipam.revision);
    await page.keyboard.press('Control+z');
    await waitForRevisionAbove(page, revision);
    assert.equal(await outcome(page), 'Undone: 2 scopes into hq-loadbalance.');
    assert.deepEqual(await pairs(page), AFTER_ADD);
    assert.deepEqual(await pendingCounts(page), [['hq-loadbalance', '+2 / −0']]);

    revision = await page.evaluate(() => window.__ipam.revision);
    await page.keyboard.press('Control+Shift+Z');
    await waitForRevisionAbove(page, revision);
    assert.equal(await outcome(page), 'Redone: 2 scopes out of hq-loadbalance.');
    assert.deepEqual(await pairs(page), AFTER_REMOVE);

    revision = await page.evaluate(() => window.__ipam.revision);
    await page.keyboard.press('Control+y');
    await waitForRevisionAbove(page, revision);
    assert.equal(await outcome(page), 'Redone: 2 scopes out of branch-loadbalance.');
    assert.deepEqual(await pairs(page), AFTER_REMOVE_ANY);
    assert.deepEqual(await pendingCounts(page), [['hq-loadbalance', '+2 / −2'], ['branch-loadbalance', '+0 / −2']]);
    assert.equal(await page.isDisabled('#redo-button'), true);

    // Nothing left to redo: Ctrl+Y changes nothing. In the filter box, Ctrl+Z is the text
    // field's own undo, not the working copy's.
    revision = await page.evaluate(() => window.__ipam.revision);
    await page.keyboard.press('Control+y');
    await page.focus('#filter-input');
    await page.keyboard.press('Control+z');
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__ipam.revision), revision);
    assert.deepEqual(await pairs(page), AFTER_REMOVE_ANY);
    assert.equal(await outcome(page), 'Redone: 2 scopes out of branch-loadbalance.');
    assertNoProblems(session.problems);
  });

  test('"Discard all changes" asks first, then returns to the loaded tables with no history', async () => {
    const { page } = session;
    await page.click('#discard-button');
    await page.waitForSelector('#confirm-dialog[open]');
    assert.equal(await page.textContent('#confirm-title'), 'Discard all changes?');
    assert.equal(await page.textContent('#confirm-text'),
      'This drops every pending change (2 additions and 4 removals) and the undo history: the working copy goes back to '
      + 'the built-in sample as loaded. It cannot be undone.');
    await page.click('#confirm-cancel');
    await page.waitForSelector('#confirm-dialog:not([open])', { state: 'attached' });
    assert.deepEqual(await pairs(page), AFTER_REMOVE_ANY);
    assert.equal(await page.isDisabled('#undo-button'), false);

    await page.click('#discard-button');
    await page.click('#confirm-ok');
    await page.waitForSelector('body[data-state="discarded"]');
    assert.equal(await outcome(page), 'Discarded all changes: the working copy is the built-in sample as loaded.');
    assert.deepEqual(await readTables(page), SAMPLE);
    assert.deepEqual(await pendingCounts(page), []);
    assert.deepEqual(await pendingPairs(page), { added: [], removed: [] });
    assert.equal(await page.textContent('#pending-summary'), 'No pending changes: the working copy matches the loaded tables.');
    assert.deepEqual(await page.evaluate(() => [window.__ipam.canUndo, window.__ipam.canRedo]), [false, false]);
    for (const id of ['#undo-button', '#redo-button', '#discard-button']) assert.equal(await page.isDisabled(id), true, id);
    assert.equal(await page.$$eval('#scopes-body .tag.staged, #scopes-body del.gone', (x) => x.length), 0);
    assertNoProblems(session.problems);
  });

  test('"Restore the built-in sample" asks first when there are pending changes', async () => {
    const { page } = session;
    await selectByFilter(page, 'HQ Floor 7 W');
    await page.click('#add-button');
    await page.waitForSelector('body[data-state="done"]');
    const staged = await readTables(page);

    await page.click('#sample-button');
    await page.waitForSelector('#confirm-dialog[open]');
    assert.equal(await page.textContent('#confirm-text'),
      'Your working copy has pending changes (2 additions and 0 removals). Loading the built-in sample replaces it, '
      + 'with its undo history; export the change set first if you want to keep them.');
    assert.equal(await page.textContent('#confirm-cancel'), 'Keep my changes');
    await page.click('#confirm-cancel');
    await page.waitForSelector('#confirm-dialog:not([open])', { state: 'attached' });
    assert.deepEqual(await readTables(page), staged);

    await page.click('#sample-button');
    await page.click('#confirm-ok');
    await page.waitForFunction(() => document.querySelector('#load-status').textContent === 'Restored the built-in sample.');
    assert.deepEqual(await readTables(page), SAMPLE);
    assert.deepEqual(await pendingCounts(page), []);
    assert.equal(await page.isDisabled('#undo-button'), true);
    assertNoProblems(session.problems);
  });
});
