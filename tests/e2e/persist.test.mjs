// Flow: the working copy survives. The admin stages changes and undoes one; after a
// reload, after closing and reopening the page, and after the browser is killed right
// after a change was reported, the working copy (tables, pending changes, undo and redo
// history) is exactly as before: ws.toJSON() gives the same text. A stored copy that
// cannot be read is reported, kept aside under a damaged-* key, offered for download,
// and the sample is shown. (The page without IndexedDB: degrade.test.mjs.)

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  openAdminPage, assertNoProblems, screenshot, readTables, selectByFilter, pendingCounts, downloadFrom,
  waitForPageReady, watchPage, startWww, axeViolations, launch, readStored, packedBytes, BROWSERS,
} from './helpers.mjs';
import { makeSample } from '../../www/sample.js';

for (const browser of BROWSERS) describe(browser, () => {
  let session;
  before(async () => { session = await openAdminPage(browser); });
  after(async () => { await session?.close(); });

  const snapshot = (page) => page.evaluate(() => window.__ipam.snapshot());

  /** Everything the page shows of the working copy, to compare before and after a reload. */
  async function shown(page) {
    return {
      tables: await readTables(page),
      diff: await page.evaluate(() => (async () => JSON.parse(JSON.stringify(await window.__ipam.diff())))()),
      history: await page.evaluate(() => [window.__ipam.canUndo, window.__ipam.canRedo]),
      buttons: await page.$$eval('#undo-button, #redo-button, #discard-button', (b) => b.map((x) => x.disabled)),
      summary: await page.textContent('#data-summary'),
      pending: await page.$eval('#pending-section', (s) => s.innerText.replace(/Saved in this browser at .*\n/, '')),
      relationships: await page.$eval('#relationships-body', (b) => b.innerText),
    };
  }

  /** Writes `value` under `key` in `store`, from the page, as a corrupted disk or another program might. */
  function storeRecord(page, store, key, value) {
    return page.evaluate(async ([s, k, v]) => {
      const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open('ipam-failover');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      // Bytes as readStored gives them ({ base64 }) go back as bytes.
      if (v?.bytes?.base64 !== undefined) v = { ...v, bytes: Uint8Array.from(atob(v.bytes.base64), (c) => c.charCodeAt(0)) };
      const tx = db.transaction(s, 'readwrite');
      if (k === null) tx.objectStore(s).put(v);
      else tx.objectStore(s).put(v, k);
      await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
      db.close();
    }, [store, key, value]);
  }

  async function stageSomeChanges(page) {
    // Add HQ Floor 7 Wired and Wi-Fi to hq-loadbalance; remove Lyon from any relationship;
    // undo that removal, so there is a change to redo too.
    await selectByFilter(page, 'HQ Floor 7 W');
    await page.click('#add-button');
    await page.waitForSelector('body[data-state="done"]');
    await selectByFilter(page, 'Lyon');
    await page.check('#remove-from-any');
    await page.click('#remove-button');
    await page.waitForSelector('body[data-state="done"]');
    await page.click('#undo-button');
    await page.waitForSelector('body[data-state="undone"]');
  }

  test('a reload restores the working copy, its pending changes and its undo history exactly', async () => {
    const { page } = session;
    await stageSomeChanges(page);
    const text = await snapshot(page);
    const before = await shown(page);
    assert.deepEqual(before.history, [true, true]);
    assert.deepEqual(await pendingCounts(page), [['hq-loadbalance', '+2 / −0']]);
    // Stored: the sample's working copy once, packed, then one small record per change.
    const stored = await readStored(page);
    assert.equal(stored.base.kind, 'packed');
    assert.equal(packedBytes(stored.base).subarray(0, 8).toString('latin1'), 'IPAMFOWS');
    assert.equal(stored.base.source, 'the built-in sample');
    assert.deepEqual(stored.journal.map((r) => r.op), ['add', 'remove', 'undo']);
    assert.deepEqual(stored.journal[0], { seq: stored.base.upToSeq + 1, op: 'add', failoverId: 1, scopeIds: [1025, 1026] });
    assert.equal(stored.head.revision, await page.evaluate(() => window.__ipam.revision));

    await page.reload();
    await waitForPageReady(page);
    assert.match(await page.textContent('#load-status'), /^Restored your working copy from .+\.$/);
    assert.equal(await snapshot(page), text);
    assert.deepEqual(await shown(page), before);
    assert.equal(await page.isVisible('#storage-alert'), false);

    // The history works after the reload: redo puts the Lyon removal back.
    await page.click('#redo-button');
    await page.waitForSelector('body[data-state="redone"]');
    assert.equal(await page.textContent('#outcome'), 'Redone: 2 scopes out of branch-loadbalance.');
    assert.deepEqual(await pendingCounts(page), [['hq-loadbalance', '+2 / −0'], ['branch-loadbalance', '+0 / −2']]);
    await screenshot(page, 'persist');
    assertNoProblems(session.problems);
  });

  test('closing the page and opening it again restores it too', async () => {
    const { page, context, url } = session;
    const text = await snapshot(page);
    const before = await shown(page);
    await page.close();
    const again = await context.newPage();
    watchPage(again, session.problems);
    await again.goto(url);
    await waitForPageReady(again);
    session.page = again;
    assert.equal(await snapshot(again), text);
    assert.deepEqual(await shown(again), before);
    assertNoProblems(session.problems);
  });

  test('a stored copy that cannot be read is reported, kept aside as damaged-*, and the sample shown', async () => {
    const { page } = session;
    const good = await readStored(page);
    // A write cut short: half the base's bytes.
    const cut = packedBytes(good.base);
    const base = { ...good.base, bytes: { base64: cut.subarray(0, Math.floor(cut.length / 2)).toString('base64') } };
    await storeRecord(page, 'state', 'base', base);
    await page.reload();
    await waitForPageReady(page);

    const message = await page.$eval('#storage-alert p', (p) => p.textContent);
    const found = /^A saved working copy could not be read \(INVALID_SNAPSHOT: the saved working copy cannot be read: .+\); it was kept aside as (damaged-[0-9T:.Z-]+); the built-in sample is shown\.$/.exec(message);
    assert.ok(found, message);
    const key = found[1];
    assert.equal(await page.getAttribute('#storage-alert', 'role'), 'alert');
    assert.equal(await page.textContent('#storage-title'), 'A saved working copy could not be read');

    // Kept, head, base and journal, under its new key; the sample is the new working copy.
    const records = await readStored(page);
    const kept = { format: 'ipam-failover-journal', head: good.head, base, records: good.journal };
    assert.deepEqual(records.aside[key], kept);
    assert.deepEqual(Object.keys(records.aside), [key]);
    assert.deepEqual(await readTables(page), makeSample());
    assert.deepEqual(await pendingCounts(page), []);
    assert.equal(records.base.kind, 'packed');
    assert.deepEqual(records.journal, []);

    // The damaged copy can be downloaded.
    const file = await downloadFrom(page, '#damaged-download');
    assert.deepEqual(JSON.parse(file.text), kept);
    assert.match(file.name, /^ipam-failover-damaged-[0-9A-Za-z.-]+\.json$/);
    assert.deepEqual(await axeViolations(page), [], 'with the alert shown');
    await screenshot(page, 'persist-damaged');

    // A journal record that cannot be replayed is kept aside too, never dropped.
    const { head } = await readStored(page);
    await storeRecord(page, 'journal', null, { seq: head.seq + 1, op: 'rename' });
    await page.reload();
    await waitForPageReady(page);
    assert.match(await page.$eval('#storage-alert p', (p) => p.textContent),
      /\(Error: journal record \d+: unknown op rename\); it was kept aside as damaged-/);
    const after = await readStored(page);
    const damagedKeys = Object.keys(after.aside);
    assert.equal(damagedKeys.length, 2);
    assert.deepEqual(after.aside[key], kept);
    assert.ok(damagedKeys.some((k) => after.aside[k].records.some((r) => r.op === 'rename')));

    // The next visit finds a good copy again: no alert.
    await page.reload();
    await waitForPageReady(page);
    assert.equal(await page.isVisible('#storage-alert'), false);
    assert.match(await page.textContent('#load-status'), /^Restored your working copy from /);
    assertNoProblems(session.problems);
  });

  test('a base stored by an earlier version (the tables\' text, or a JSON snapshot) is still restored', async () => {
    const { page } = session;
    const { head } = await readStored(page);
    const tables = JSON.stringify(makeSample());
    await storeRecord(page, 'state', 'base', { kind: 'tables', text: tables, source: 'the built-in sample', upToSeq: head.seq });
    await page.reload();
    await waitForPageReady(page);
    assert.equal(await page.isVisible('#storage-alert'), false);
    assert.deepEqual(await readTables(page), makeSample());

    await page.evaluate(() => { window.__ipam.add(1, [1025], 'hq-loadbalance'); });
    await page.waitForSelector('body[data-state="done"]');
    const text = await snapshot(page);
    const now = await readStored(page);
    await storeRecord(page, 'state', 'base', { kind: 'snapshot', text, source: 'the built-in sample', upToSeq: now.head.seq });
    await page.reload();
    await waitForPageReady(page);
    assert.equal(await page.isVisible('#storage-alert'), false);
    assert.equal(await snapshot(page), text, 'history and all, from the snapshot text');
    assertNoProblems(session.problems);
  });

  test('two tabs never overwrite each other silently: the stale one is refused and told to reload', async () => {
    const { page, context, url } = session;
    const other = await context.newPage();
    watchPage(other, session.problems);
    await other.goto(url);
    await waitForPageReady(other);
    assert.equal(await snapshot(other), await snapshot(page), 'both tabs opened the same copy');

    // The other tab stages a change; then this one, unaware of it, tries to.
    await selectByFilter(other, 'HQ Floor 9 W');
    await other.click('#add-button');
    await other.waitForSelector('body[data-state="done"]');
    const theirs = await snapshot(other);
    const ours = await readTables(page);
    await selectByFilter(page, 'HQ Floor 10 W');
    await page.click('#add-button');
    await page.waitForSelector('body[data-state="fault"]');
    assert.equal(await page.textContent('#fault-title'), 'Adding scopes to hq-loadbalance failed; no changes were made');
    assert.equal(await page.$eval('#fault-panel dd', (dd) => dd.textContent),
      'The change could not be saved in this browser, so it was not made: the working copy was changed in another tab '
      + 'or window since this page opened it; reload the page to see that version');
    assert.deepEqual(await readTables(page), ours);
    // The other tab's change is the last journal record; this tab wrote nothing.
    const stored = await readStored(page);
    assert.deepEqual(stored.journal.at(-1).scopeIds, [1033, 1034]);
    assert.equal(stored.journal.at(-1).seq, stored.head.seq);

    await page.reload();
    await waitForPageReady(page);
    assert.equal(await snapshot(page), theirs);
    await other.close();
    assertNoProblems(session.problems);
  });

  test('a browser killed right after a reported change loses nothing', async () => {
    const server = await startWww();
    const userDataDir = await mkdtemp(path.join(os.tmpdir(), `ipam-failover-e2e-crash-${browser}-`));
    const browsers = [];
    // The same profile directory each time, as a person reopening their browser.
    const open = async () => {
      const instance = await launch(browser, { userDataDir });
      browsers.push(instance);
      const page = await instance.defaultContext().firstPage();
      const problems = watchPage(page).problems;
      await page.goto(server.url);
      await waitForPageReady(page);
      return { browser: instance, page, problems };
    };
    try {
      const first = await open();
      const pid = await first.browser.pid();
      const expected = await readTables(first.page);
      // HQ Floor 8 (1029 to 1032): four scopes, Voice already in hq-hotstandby (refused,
      // staged anyway).
      for (const id of [1029, 1030, 1031, 1032]) expected.ADM_DhcpScopeFailoverTable.push({ ScopeId: id, FailoverRelationId: 1 });
      await selectByFilter(first.page, 'HQ Floor 8');
      await first.page.click('#add-button');
      await first.page.waitForSelector('#preflight-dialog[open]');
      await first.page.check('#preflight-ack');
      await first.page.click('#preflight-stage');
      await first.page.waitForSelector('body[data-state="done"]');
      // No clean shutdown: SIGKILL the browser the moment the change is reported.
      process.kill(pid, 'SIGKILL');
      assertNoProblems(first.problems);

      const second = await open();
      assert.match(await second.page.textContent('#load-status'), /^Restored your working copy from /);
      assert.deepEqual(await readTables(second.page), expected);
      assert.deepEqual(await second.page.evaluate(() => [window.__ipam.canUndo, window.__ipam.canRedo]), [true, false]);
      assert.deepEqual(await pendingCounts(second.page), [['hq-loadbalance', '+4 / −0']]);
      assertNoProblems(second.problems);
    } finally {
      // Browsers first: the server waits for their connections to end.
      for (const instance of browsers) await instance.close().catch(() => {});
      await server.close();
      await rm(userDataDir, { recursive: true, force: true });
    }
  });
});
