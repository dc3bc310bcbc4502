// Flow: the journal stays small. Every change is one small record (bytes in proportion to
// the change, not to the table); once it holds more than 200 records the worker folds them
// into a new base of kind "snapshot" and deletes them, in one transaction, and a reload
// restores exactly the same working copy from it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openAdminPage, assertNoProblems, waitForPageReady } from './helpers.mjs';

let session;
before(async () => { session = await openAdminPage(); });
after(async () => { await session?.close(); });

function stored(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('ipam-failover');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction(['state', 'journal']);
    const get = (r) => new Promise((resolve) => { r.onsuccess = () => resolve(r.result); });
    const [head, base, journal] = await Promise.all([
      get(tx.objectStore('state').get('head')), get(tx.objectStore('state').get('base')), get(tx.objectStore('journal').getAll()),
    ]);
    db.close();
    return { head, base: { kind: base.kind, upToSeq: base.upToSeq, length: base.text.length }, journal };
  });
}

test('a small change writes one small record; more than 200 records compact into a snapshot base', async () => {
  const { page } = session;
  const first = await stored(page);
  assert.equal(first.base.kind, 'tables');
  await page.evaluate(() => window.__ipam.add(1, [1025, 1026, 1027, 1028], 'hq-loadbalance'));
  await page.waitForSelector('body[data-state="done"]');
  const one = await stored(page);
  assert.deepEqual(one.base, first.base, 'the base is not written again');
  assert.equal(one.journal.length, 1);
  const bytes = JSON.stringify(one.journal[0]).length + JSON.stringify(one.head).length;
  assert.ok(bytes < 400, `a 4-scope change wrote about ${bytes} bytes`);

  // 200 more changes: undo and redo in turn.
  for (let i = 0; i < 200; i++) {
    const revision = await page.evaluate(() => window.__ipam.revision);
    await page.evaluate((n) => (n % 2 === 0 ? window.__ipam.undo() : window.__ipam.redo()), i);
    await page.waitForFunction((r) => Number(document.body.dataset.revision) > r, revision);
  }
  const text = await page.evaluate(() => window.__ipam.snapshot());
  // The compaction runs after the reply: wait until the journal is folded.
  let compacted;
  for (let i = 0; i < 100; i++) {
    compacted = await stored(page);
    if (compacted.base.kind === 'snapshot') break;
    await page.waitForTimeout(50);
  }
  assert.equal(compacted.base.kind, 'snapshot');
  assert.equal(compacted.base.upToSeq, compacted.head.seq);
  assert.deepEqual(compacted.journal, []);

  await page.reload();
  await waitForPageReady(page);
  assert.equal(await page.evaluate(() => window.__ipam.snapshot()), text, 'restored from the snapshot base exactly');
  assert.deepEqual(await page.evaluate(() => [window.__ipam.canUndo, window.__ipam.canRedo]), [true, false]);
  assertNoProblems(session.problems);
});
