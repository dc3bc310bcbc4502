// Flow: a browser without IndexedDB (a locked-down profile, an embedded browser). The page
// says, visibly, that the working copy lasts only while it is open, and everything else
// still works: an add is staged and shown, and undone. (The other thing the page may lack,
// SharedArrayBuffer without cross-origin isolation, is the last case of cancel.test.mjs:
// the page says beforehand that Cancel restarts the engine, and the restarted engine
// restores the copy from the journal, exactly; in both browsers too.)
//
// How IndexedDB is taken away: an init script that runs before any of the page's own
// scripts removes `indexedDB` from the window, and makes the page's `new Worker(url)` start
// a small module worker that removes it from the worker's global scope and then imports
// the page's worker module. Init scripts reach only documents, not workers, in both
// browsers (checked: a marker set by one is not seen in the worker), hence the Worker
// wrapper. The wrapper is served from the page's own origin (www/ served unchanged, each
// entry a symbolic link, plus a __test/ folder), not from a blob: URL: under the page's CSP
// (script-src 'self', which worker-src falls back to) Chromium refuses a blob: worker and
// the page never gets its engine (checked; Firefox ESR 153 started one). The page itself is
// unchanged and has no switch for this.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  openAdminPage, assertNoProblems, screenshot, selectByFilter, pendingCounts, BROWSERS, ROOT,
} from './helpers.mjs';

/**
 * A directory serving www/ unchanged (symbolic links) plus __test/worker.js: a module worker
 * whose first import removes indexedDB and whose second is the page's worker. Static imports
 * evaluate in order, so the page's worker module runs (and registers its message handler) in
 * the same turn as usual; a dynamic import() would let the page's first messages arrive
 * before that handler exists.
 */
async function rootWithoutIndexedDB() {
  const www = path.join(ROOT, 'www');
  const root = await mkdtemp(path.join(os.tmpdir(), 'ipam-failover-e2e-www-'));
  for (const entry of await readdir(www)) await symlink(path.join(www, entry), path.join(root, entry));
  await mkdir(path.join(root, '__test'));
  await writeFile(path.join(root, '__test', 'strip-indexeddb.js'), `(${removeIndexedDB})(self);\n`);
  await writeFile(path.join(root, '__test', 'worker.js'), "import './strip-indexeddb.js';\nimport '../worker.js';\n");
  return root;
}

/**
 * Removes `indexedDB` from a global scope, wherever on its prototype chain it is defined.
 * Run in the page (as an init script, before the page's scripts; `global` is then the
 * window) it also makes the page's worker start as /__test/worker.js, which runs this same
 * function in the worker's scope before it imports the page's worker module.
 */
function removeIndexedDB(global = globalThis) {
  for (let o = global; o; o = Object.getPrototypeOf(o)) {
    if (Object.getOwnPropertyDescriptor(o, 'indexedDB')) delete o.indexedDB;
  }
  if (typeof global.indexedDB !== 'undefined') throw new Error('indexedDB could not be removed');
  global.__withoutIndexedDB = true;
  if (typeof global.document === 'undefined') return; // a worker
  const PageWorker = global.Worker;
  global.Worker = class extends PageWorker {
    constructor(url, options = {}) {
      const target = new URL(url, location.href);
      if (target.pathname !== '/worker.js' || options.type !== 'module') throw new Error(`unexpected worker ${target} (${options.type})`);
      super(new URL('/__test/worker.js', location.href), options);
    }
  };
}

for (const browser of BROWSERS) describe(browser, () => {
  let session;
  let root;
  before(async () => { root = await rootWithoutIndexedDB(); });
  after(async () => {
    await session?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  test('without IndexedDB the page says the copy cannot be kept, and still works', async () => {
    session = await openAdminPage(browser, { root, beforeLoad: (page) => page.addInitScript(removeIndexedDB) });
    const { page } = session;
    assert.equal(await page.evaluate(() => [typeof indexedDB, window.__withoutIndexedDB]).then(JSON.stringify),
      JSON.stringify(['undefined', true]), 'the init script ran before the page');
    assert.ok(session.workers.some((w) => new URL(w.url).pathname === '/__test/worker.js'), 'the page\'s worker runs without IndexedDB');

    assert.equal(await page.isVisible('#storage-alert'), true);
    assert.equal(await page.textContent('#storage-title'), 'Changes cannot be saved in this browser');
    assert.equal(await page.$eval('#storage-alert p', (p) => p.textContent),
      'The working copy cannot be stored here (this browser offers no IndexedDB here). It lasts only while this page '
      + 'is open: export the change set before you close it.');
    assert.equal(await page.textContent('#save-status'), 'Not saved: this browser cannot store the working copy.');

    await selectByFilter(page, 'HQ Floor 7 W');
    await page.click('#add-button');
    await page.waitForSelector('body[data-state="done"]');
    assert.equal(await page.textContent('#outcome'), 'Added 2 scopes to hq-loadbalance in the working copy; 0 were already in this relationship.');
    assert.deepEqual(await pendingCounts(page), [['hq-loadbalance', '+2 / −0']]);
    assert.equal(await page.isVisible('#storage-alert'), true, 'the notice stays');
    await screenshot(page, 'degrade-no-indexeddb');
    await page.click('#undo-button');
    await page.waitForSelector('body[data-state="undone"]');
    assert.deepEqual(await pendingCounts(page), []);
    assert.equal(await page.textContent('#outcome'), 'Undone: 2 scopes out of hq-loadbalance.');
    assertNoProblems(session.problems);
  });
});
