// Flow: a browser without IndexedDB (a locked-down profile, an embedded browser). The page
// says, visibly, that the working copy lasts only while it is open, and everything else
// still works: an add is staged and shown, and undone.
//
// How IndexedDB is taken away: an init script that runs before any of the page's own
// scripts removes `indexedDB` from the window, and makes every dedicated worker the page
// starts remove it from the worker's global scope before the worker's own module loads
// (the page's `new Worker(url)` then starts a small module that deletes `indexedDB` and
// imports `url`). Init scripts reach only documents, not workers, in both browsers (checked:
// a marker set by one is not seen in the worker), hence the Worker wrapper. The page itself
// is served unchanged and has no switch for this.

import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  openAdminPage, assertNoProblems, screenshot, selectByFilter, pendingCounts, BROWSERS,
} from './helpers.mjs';

/** Runs in the page before its scripts: no IndexedDB in the window or in its workers. */
function removeIndexedDB() {
  const strip = (global) => {
    for (let o = global; o; o = Object.getPrototypeOf(o)) {
      if (Object.getOwnPropertyDescriptor(o, 'indexedDB')) delete o.indexedDB;
    }
    if (typeof global.indexedDB !== 'undefined') throw new Error('indexedDB could not be removed');
  };
  strip(window);
  const PageWorker = window.Worker;
  const script = (text) => URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
  window.Worker = class extends PageWorker {
    constructor(url, options = {}) {
      const target = JSON.stringify(new URL(url, location.href).href);
      const prelude = `(${strip})(self);`;
      // A module worker: static imports, evaluated in order, so the worker's module runs
      // (and registers its message handler) in the same turn as usual. A dynamic import()
      // would let the page's first messages arrive before that handler exists.
      const source = options.type === 'module'
        ? `import ${JSON.stringify(script(prelude))};\nimport ${target};`
        : `${prelude}\nimportScripts(${target});`;
      super(script(source), options);
    }
  };
  window.__workersWithoutIndexedDB = true;
}

for (const browser of BROWSERS) describe(browser, () => {
  let session;
  after(async () => { await session?.close(); });

  test('without IndexedDB the page says the copy cannot be kept, and still works', async () => {
    session = await openAdminPage(browser, { beforeLoad: (page) => page.addInitScript(removeIndexedDB) });
    const { page } = session;
    assert.equal(await page.evaluate(() => [typeof indexedDB, window.__workersWithoutIndexedDB]).then(JSON.stringify),
      JSON.stringify(['undefined', true]), 'the init script ran before the page');

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
