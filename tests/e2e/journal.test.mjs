// Flow: the journal stays small. Every change is one small record (bytes in proportion to
// the change, not to the table); once replaying it would cost too much the worker folds it
// into a new packed base and deletes them, in one transaction, and a reload
// restores exactly the same working copy from it.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openAdminPage, assertNoProblems, waitForPageReady, readStored, BROWSERS } from './helpers.mjs';

for (const browser of BROWSERS) describe(browser, () => {
  let session;
  before(async () => { session = await openAdminPage(browser); });
  after(async () => { await session?.close(); });

  /** { head, base: { kind, upToSeq, length }, journal }, as stored. */
  const stored = (page) => readStored(page, { summary: true });

  test('a small change writes one small record; a costly journal compacts into a new base', async () => {
    const { page } = session;
    const first = await stored(page);
    assert.equal(first.base.kind, 'packed');
    await page.evaluate(() => { window.__ipam.add(1, [1025, 1026], 'hq-loadbalance'); });
    await page.waitForSelector('body[data-state="done"]');
    const one = await stored(page);
    assert.deepEqual(one.base, first.base, 'the base is not written again');
    assert.equal(one.journal.length, 1);
    const bytes = JSON.stringify(one.journal[0]).length + JSON.stringify(one.head).length;
    assert.ok(bytes < 400, `a 2-scope change wrote about ${bytes} bytes`);

    // A change whose replay would be costly (more than 200,000 scope ids journaled) is
    // folded into a new base at once. (More than 200 records does the same; 200 strictly
    // durable writes take minutes on a loaded machine, so this test takes the other trigger.)
    await page.evaluate(() => {
      const ids = Array.from({ length: 200_001 }, (_, i) => 5_000_000 + i);
      window.__ipam.add(1, ids, 'hq-loadbalance');
    });
    await page.waitForSelector('#preflight-dialog[open]');
    await page.check('#preflight-ack');
    await page.click('#preflight-stage');
    await page.waitForSelector('body[data-state="done"]', { timeout: 60000 });
    assert.equal(await page.textContent('#outcome'),
      'Added 200,001 scopes to hq-loadbalance in the working copy; 0 were already in this relationship.');
    const text = await page.evaluate(() => window.__ipam.snapshot());
    // The compaction runs once the worker has had no request for 1.5 s: wait until the journal is folded.
    let compacted;
    for (let i = 0; i < 300; i++) {
      compacted = await stored(page);
      if (compacted.base.upToSeq === compacted.head.seq) break;
      await page.waitForTimeout(50);
    }
    assert.equal(compacted.base.kind, 'packed');
    assert.ok(compacted.base.length > first.base.length, 'the new base holds the 200,001 pairs');
    // Stored in pieces of about a megabyte, one record each (["base", i]).
    assert.equal(first.base.pieces, 1);
    assert.ok(compacted.base.pieces >= 3 && compacted.base.length <= compacted.base.pieces * 1_100_000, `${compacted.base.pieces} pieces for ${compacted.base.length} bytes`);
    assert.equal(compacted.base.upToSeq, compacted.head.seq);
    assert.deepEqual(compacted.journal, []);

    await page.reload();
    await waitForPageReady(page);
    assert.equal(await page.evaluate(() => window.__ipam.snapshot()), text, 'restored from the new base exactly');
    assert.deepEqual(await page.evaluate(() => [window.__ipam.canUndo, window.__ipam.canRedo]), [true, false]);

    // A piece that went missing: the copy cannot be read, is set aside whole, never half read.
    await page.evaluate(async () => {
      const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open('ipam-failover');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction('state', 'readwrite');
      tx.objectStore('state').delete(['base', 1]);
      await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
      db.close();
    });
    await page.reload();
    await waitForPageReady(page);
    assert.match(await page.$eval('#storage-alert p', (p) => p.textContent),
      /^A saved working copy could not be read \(INVALID_SNAPSHOT: the saved working copy cannot be read: it is damaged: its checksum does not match its contents\); it was kept aside as damaged-/);
    const after = await readStored(page, { summary: true });
    const [kept] = Object.values(after.aside);
    assert.equal(kept.base.kind, 'packed');
    assert.equal(kept.base.bytes.base64.length > 0, true, 'the pieces that were there are kept');
    assert.equal(after.base.source, 'the built-in sample');
    assert.equal(after.base.pieces, 1, 'the old pieces went with the set-aside copy');
    assertNoProblems(session.problems);
  });

  test('a new base whose writing fails half way leaves everything stored as it was', async () => {
    const { page } = session;
    const before = await readStored(page);
    // The journal module itself, on the page's real IndexedDB: a base whose second piece
    // cannot be made (as if wasm threw while packing) after the first was put.
    const error = await page.evaluate(async () => {
      const { openJournal } = await import('/journal.js');
      const journal = await openJournal();
      journal.adopt(await journal.read());
      try {
        await journal.writeBase((put) => {
          put(new Uint8Array([1, 2, 3]));
          throw new Error('packing failed');
        }, 'a half-written copy');
        return null;
      } catch (e) {
        return String(e.message);
      } finally {
        journal.db.close();
      }
    });
    assert.equal(error, 'packing failed');
    assert.deepEqual(await readStored(page), before, 'base, pieces, head and journal unchanged');
    assertNoProblems(session.problems);
  });
});
