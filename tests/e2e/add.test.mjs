// Flow: the admin filters the scopes, selects the ones shown, picks a relationship and
// adds them (confirming the preflight findings); the progress bar reaches 100, the table
// shows the new membership and the result list says, per scope, "added" or "already in
// this relationship".

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  openAdminPage, assertNoProblems, screenshot, readTables, scopeRows, filterScopes, confirmPreflight, BROWSERS,
  chooseRelationship, targetRelationship,
} from './helpers.mjs';

for (const browser of BROWSERS) describe(browser, () => {
  let session;
  before(async () => { session = await openAdminPage(browser); });
  after(async () => { await session?.close(); });

  test('select scopes, add them, see the progress reach 100 and the membership', async () => {
    const { page } = session;
    const before = await readTables(page);
    const hqLoadBalance = before.ADM_DhcpFailoverTable.find((r) => r.RelationshipName === 'hq-loadbalance');

    // Record every value the page gives the progress bar, to see it move and end at 100.
    await page.evaluate(() => {
      window.__progressSeen = [];
      const bar = document.querySelector('#progress');
      const set = Object.getOwnPropertyDescriptor(HTMLProgressElement.prototype, 'value').set;
      Object.defineProperty(bar, 'value', {
        get() { return Number(bar.getAttribute('value')); },
        set(v) { set.call(bar, v); window.__progressSeen.push([document.body.dataset.state, v]); },
      });
    });

    // "HQ Floor 1" matches floors 1, 10, 11 and 12: 16 scopes, of which Floor 1 Wired and
    // Wi-Fi are already in hq-loadbalance and Floor 1/10/11/12 Voice are in hq-hotstandby.
    await filterScopes(page, 'HQ Floor 1');
    const shown = await scopeRows(page);
    assert.equal(shown.length, 16);
    await page.click('#select-shown-button');
    // The selection lives in the worker: the count shows once it answered.
    await page.waitForFunction(() => document.querySelector('#selection-count').textContent !== 'No scope selected.');
    assert.equal(await page.textContent('#selection-count'), '16 scopes selected.');
    await chooseRelationship(page, 'hq-loadbalance');
    assert.equal(await targetRelationship(page), 'hq-loadbalance (LoadBalance)');
    await page.click('#add-button');
    // The four Voice scopes are in hq-hotstandby: the DHCP server would refuse them (20113).
    assert.equal(await confirmPreflight(page),
      'Of 16 selected scopes: 4 scopes would be refused by the DHCP server; 2 already in this relationship (nothing to do).');
    await page.waitForSelector('body[data-state="done"]');

    assert.equal(await page.$eval('#progress', (bar) => bar.value), 100);
    assert.equal(await page.textContent('#progress-text'), '16 of 16 scopes (100%)');
    // Two phases on the bar: the check (preflight) from 0 to 100, then the add from 0 to 100.
    const all = await page.evaluate(() => window.__progressSeen);
    const firstRun = all.findIndex(([state]) => state === 'running');
    assert.ok(firstRun > 0, `the check moved the bar before the run: ${JSON.stringify(all)}`);
    for (const [phase, seen] of [['check', all.slice(0, firstRun - 1)], ['run', all.slice(firstRun - 1)]].map(([n, l]) => [n, l.map(([, v]) => v)])) {
      assert.equal(seen[0], 0, `the ${phase} starts at 0`);
      assert.equal(seen.at(-1), 100, `the ${phase} ends at 100`);
      assert.ok(seen.every((v, i) => i === 0 || v >= seen[i - 1]), `the ${phase} never goes back: ${seen}`);
    }
    assert.equal(await page.textContent('#outcome'), 'Added 14 scopes to hq-loadbalance in the working copy; 2 were already in this relationship.');
    assert.equal(await page.textContent('#live'), 'Added 14 scopes to hq-loadbalance in the working copy; 2 were already in this relationship.');

    // The result list, per scope.
    const results = await page.$$eval('#results-list li', (items) => items.map((li) => li.textContent));
    assert.equal(results.length, 16);
    assert.ok(results.includes('already in this relationship HQ Floor 1 Wired 10.20.0.0/24'), results.join('\n'));
    assert.ok(results.includes('added HQ Floor 1 Voice 10.20.2.0/24'), results.join('\n'));
    assert.equal(results.filter((r) => r.startsWith('added ')).length, 14);

    // The table shows the new membership (a scope can be in two relationships).
    const rows = await scopeRows(page);
    for (const row of rows) assert.ok(row.relationships.includes('hq-loadbalance'), `${row.name}: ${row.relationships}`);
    assert.deepEqual(rows.find((r) => r.name === 'HQ Floor 1 Voice').relationships, ['hq-hotstandby', 'hq-loadbalance']);
    const countCell = await page.$$eval('#relationships-body tr', (trs) => trs[0].lastElementChild.textContent);
    assert.equal(countCell, '26');

    // And the tables hold exactly one new pair per added scope, appended at the end.
    const after = await readTables(page);
    const selectedIds = before.ADM_DHCPScopesTable.filter((s) => s.ScopeName.startsWith('HQ Floor 1')).map((s) => s.RecordId);
    assert.equal(after.ADM_DhcpScopeFailoverTable.length, before.ADM_DhcpScopeFailoverTable.length + 14);
    assert.deepEqual(after.ADM_DhcpScopeFailoverTable.slice(0, before.ADM_DhcpScopeFailoverTable.length), before.ADM_DhcpScopeFailoverTable);
    for (const id of selectedIds) {
      const pairs = after.ADM_DhcpScopeFailoverTable.filter((p) => p.ScopeId === id && p.FailoverRelationId === hqLoadBalance.RecordId);
      assert.equal(pairs.length, 1, `scope ${id} is in hq-loadbalance once`);
    }
    assert.deepEqual(after.ADM_DhcpFailoverTable, before.ADM_DhcpFailoverTable);

    await screenshot(page, 'add');
    assertNoProblems(session.problems);
  });

  test('adding the same scopes again reports every one as already in the relationship', async () => {
    const { page } = session;
    const before = await readTables(page);
    const revision = await page.evaluate(() => window.__ipam.revision);
    await page.click('#add-button');
    // Every scope is already there: preflight has only information, so nothing to confirm.
    await page.waitForSelector('body[data-state="done"]');
    assert.equal(await page.$('#preflight-dialog[open]'), null, 'no preflight dialog for information only');
    assert.equal(await page.textContent('#outcome'), 'Added 0 scopes to hq-loadbalance in the working copy; 16 were already in this relationship.');
    // A change that changes nothing is not saved again and records no undo step.
    assert.equal(await page.evaluate(() => window.__ipam.revision), revision);
    const results = await page.$$eval('#results-list .badge', (items) => items.map((b) => b.textContent));
    assert.deepEqual(new Set(results), new Set(['already in this relationship']));
    assert.deepEqual(await readTables(page), before);
    assertNoProblems(session.problems);
  });

  test('a change re-renders the rows it changed and keeps the others', async () => {
    const { page } = session;
    await filterScopes(page, '');
    const tables = await readTables(page);
    const hq = tables.ADM_DhcpFailoverTable.find((r) => r.RelationshipName === 'hq-loadbalance');
    const paired = new Set(tables.ADM_DhcpScopeFailoverTable.map((p) => String(p.ScopeId)));
    const hqServers = new Set([hq.Server1RecordId, hq.Server2RecordId].map(String));
    // A scope shown on this page, on an hq server, in no relationship: adding it changes its
    // row and the hq pair's coverage, nothing else shown.
    const shown = await page.$$eval('#scopes-body tr[data-key]', (rows) => rows.map((r) => r.dataset.key));
    const scope = tables.ADM_DHCPScopesTable.find((s) => shown.includes(String(s.RecordId))
      && !paired.has(String(s.RecordId)) && hqServers.has(String(s.DHCPServerRecordId)));
    assert.ok(scope, 'the first page shows a scope to add');
    await page.evaluate(() => {
      for (const row of document.querySelectorAll('#scopes-body tr, #coverage-body tr')) row.dataset.before = '1';
    });
    const revision = await page.evaluate(() => window.__ipam.revision);
    await page.evaluate(([rel, id]) => { window.__ipam.add(rel, [id]); }, [hq.RecordId, scope.RecordId]);
    await page.waitForFunction((r) => document.body.dataset.state === 'done' && window.__ipam.revision > r, revision);
    await page.waitForFunction((key) => document.querySelector(`#scopes-body tr[data-key="${key}"] .tag.staged`), String(scope.RecordId));
    const kept = await page.$$eval('#scopes-body tr[data-key]', (rows) => rows.map((r) => [r.dataset.key, r.dataset.before === '1']));
    assert.deepEqual(kept.filter(([, old]) => !old).map(([key]) => key), [String(scope.RecordId)], 'only the added scope\'s row is new');
    const pairs = await page.$$eval('#coverage-body tr', (rows) => rows.map((r) => [r.querySelector('.servers').textContent, r.dataset.before === '1']));
    const renewed = pairs.filter(([, old]) => !old).map(([servers]) => servers);
    assert.equal(renewed.length, 1, `one coverage row is new: ${JSON.stringify(pairs)}`);
    assert.ok(pairs.length > 1, 'and the other pairs kept theirs');
    assertNoProblems(session.problems);
  });
});
