// Flow: the admin loads 100,000 scopes, selects them all and starts adding them (past the
// preflight findings); the page stays responsive with a moving progress bar; Cancel stops
// the run through the shared flag the progress callback reads (the page is cross-origin
// isolated), so the same worker keeps the working copy, unchanged, and nothing new is
// stored. A second run then completes in that worker, without freezing the page. Without
// isolation, Cancel restarts the engine, says so beforehand, and loses nothing either.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  openAdminPage, assertNoProblems, screenshot, writeJsonFile, waitUntil, confirmPreflight, readStored, BROWSERS,
} from './helpers.mjs';

const SCOPES = 100_000;
// Every twentieth scope is in dc-hotstandby (refused, 20113) and every twentieth in
// dc-loadbalance already; 100,000 in one call is more than the 400 a server takes.
const PREFLIGHT = 'Of 100,000 selected scopes: 5,000 scopes would be refused by the DHCP server; 1 warning; '
  + '5,000 already in this relationship (nothing to do).';

/** 100,000 /28 scopes; every tenth is already in a relationship. */
function largeTables() {
  const tables = {
    ADM_DhcpFailoverTable: [
      {
        RecordId: 1, RelationshipName: 'dc-loadbalance', Mode: 'LoadBalance', Server1RecordId: 31, Server2RecordId: 32,
        Server1Name: 'dhcp-dc-01.corp.example', Server2Name: 'dhcp-dc-02.corp.example', Server1Percentage: 50,
      },
      {
        RecordId: 2, RelationshipName: 'dc-hotstandby', Mode: 'HotStandby', Server1RecordId: 31, Server2RecordId: 32,
        Server1Name: 'dhcp-dc-01.corp.example', Server2Name: 'dhcp-dc-02.corp.example', Server1Percentage: 5,
      },
    ],
    ADM_DhcpScopeFailoverTable: [],
    ADM_DHCPScopesTable: [],
  };
  for (let i = 0; i < SCOPES; i++) {
    const id = 500_000 + i;
    const n = i * 16;
    const address = `10.${64 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
    tables.ADM_DHCPScopesTable.push({
      RecordId: id, ScopeId: address, ScopeName: `Rack ${i >> 4} segment ${i & 15}`,
      SubnetMask: '255.255.255.240', DHCPServerRecordId: 31,
    });
    if (i % 10 === 0) tables.ADM_DhcpScopeFailoverTable.push({ ScopeId: id, FailoverRelationId: i % 20 === 0 ? 1 : 2 });
  }
  return tables;
}

/** The length and a hash of the worker's ws.toJSON() (about 14 MB here: it stays in the page). */
/**
 * The workers that keep the working copy (worker.js), not the output worker the snapshot
 * reads start and end (output-worker.js).
 */
function engines(workers) {
  return workers.filter((w) => new URL(w.url).pathname.endsWith('/worker.js'));
}

function snapshotFingerprint(page) {
  return page.evaluate(async () => {
    const text = await window.__ipam.snapshot();
    let hash = 0;
    for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
    return { length: text.length, hash };
  });
}

/** A fingerprint of the working pair table, computed in the page (100,000 rows stay there). */
function pairFingerprint(page) {
  return page.evaluate(async () => {
    const rows = (await window.__ipam.tables()).ADM_DhcpScopeFailoverTable;
    let hash = 0;
    for (const row of rows) hash = (Math.imul(hash, 31) + row.ScopeId * 7 + row.FailoverRelationId) | 0;
    return { length: rows.length, hash, last: rows.at(-1) };
  });
}

/** The journal's head and record count, read from the page. */
async function storedHead(page) {
  const { head, journal } = await readStored(page, { summary: true });
  return { revision: head.revision, seq: head.seq, records: journal.length };
}

/** Loads the 100,000 scopes, selects them all and starts adding them; resolves once the bar moves. */
async function startLargeAdd(page, { load = true } = {}) {
  if (load) {
    await page.setInputFiles('#file-input', await writeJsonFile('large.json', largeTables()));
    await page.waitForFunction(() => document.querySelector('#load-status').textContent === 'Loaded “large.json”.', null, { timeout: 30000 });
    await page.click('#select-shown-button');
    await page.waitForFunction(() => document.querySelector('#selection-count').textContent === '100,000 scopes selected.');
  }
  // The run takes a fraction of a second: the page clicks Cancel itself on the worker's
  // first progress report of the run (the first value the bar is given once the page says
  // "running"; it sets 0 itself just before), which the worker posts once the core has
  // started. The values the check before it gives the bar are not counted.
  await page.evaluate(() => {
    const bar = document.querySelector('#progress');
    const set = Object.getOwnPropertyDescriptor(HTMLProgressElement.prototype, 'value').set;
    window.__cancelledAt = null;
    let sets = 0;
    Object.defineProperty(bar, 'value', {
      configurable: true,
      get() { return Number(bar.getAttribute('value')); },
      set(v) {
        set.call(bar, v);
        if (document.body.dataset.state !== 'running') return;
        sets += 1;
        if (window.__cancelAtProgress && window.__cancelledAt === null && sets === 1 && v < 100) {
          window.__cancelledAt = { value: v, text: document.querySelector('#progress-text').textContent };
          document.querySelector('#cancel-button').click();
        }
      },
    });
    window.__cancelAtProgress = true;
  });
  await page.click('#add-button');
  assert.equal(await confirmPreflight(page), PREFLIGHT);
  await page.waitForFunction(() => window.__cancelledAt !== null || document.body.dataset.state === 'done', null, { timeout: 20000 });
  await page.evaluate(() => { window.__cancelAtProgress = false; });
  return page.evaluate(() => window.__cancelledAt);
}

for (const browser of BROWSERS) describe(browser, () => {
  let session;
  before(async () => { session = await openAdminPage(browser); });
  after(async () => { await session?.close(); });

  test('Cancel during a 100,000-scope run leaves the copy and storage unchanged, in the same worker', async () => {
    const { page } = session;
    assert.equal(await page.evaluate(() => window.crossOriginIsolated), true);
    assert.equal(await page.evaluate(() => window.__ipam.cancellable), true);
    assert.equal(await page.isVisible('#cancel-note'), false, 'no "Cancel restarts the engine" note');
    await page.setInputFiles('#file-input', await writeJsonFile('large.json', largeTables()));
    await page.waitForFunction(() => document.querySelector('#load-status').textContent === 'Loaded “large.json”.', null, { timeout: 30000 });
    assert.match(await page.textContent('#data-summary'), /2 failover relationships, 100,000 scopes \(10,000 already in a relationship\)/);

    const before = await pairFingerprint(page);
    assert.equal(before.length, 10_000);
    const saved = await snapshotFingerprint(page);
    const stored = await storedHead(page);
    const counts = () => page.$$eval('#relationships-body tr', (rows) => rows.map((row) => row.lastElementChild.textContent));
    const countsBefore = await counts();

    await page.click('#select-shown-button');
    await page.waitForFunction(() => document.querySelector('#selection-count').textContent === '100,000 scopes selected.');
    const workersBefore = engines(session.workers).length;
    assert.equal(engines(session.workers).filter((w) => !w.closed).length, 1, 'one live worker');
    const at = await startLargeAdd(page, { load: false });
    assert.ok(at, 'the bar moved before the run ended, and Cancel was clicked then');
    assert.equal(await page.getAttribute('#progress', 'max'), '100');
    assert.match(at.text, /^[\d,]+ of 100,000 scopes \(\d+%\)$/);

    await page.waitForSelector('body[data-state="cancelled"]');
    assert.equal(await page.textContent('#outcome'), 'Cancelled; no changes were made.');
    assert.equal(await page.textContent('#live'), 'Cancelled; no changes were made.');
    assert.equal(await page.isVisible('#progress-area'), false);
    // The page moves the focus in the frame after the outcome shows: wait for that frame.
    await page.waitForFunction(() => document.activeElement?.id === 'add-button', null, { timeout: 5000 }).catch(() => {});
    assert.equal(await page.evaluate(() => document.activeElement.id), 'add-button', 'focus returns to the Add button');
    // Long enough for the stopped run to have finished had it gone on: nothing arrives.
    await page.waitForTimeout(1500);
    assert.equal(await page.evaluate(() => document.body.dataset.state), 'cancelled');
    // The same worker, still alive: no restart, no rebuild.
    assert.equal(engines(session.workers).length, workersBefore, 'no new worker was started');
    assert.equal(engines(session.workers).filter((w) => !w.closed).length, 1);
    assert.deepEqual(await pairFingerprint(page), before);
    assert.deepEqual(await counts(), countsBefore);
    assert.equal(await page.isVisible('#results'), false);
    assert.deepEqual(await snapshotFingerprint(page), saved, 'the working copy, history and all, is as before');
    assert.deepEqual(await storedHead(page), stored, 'nothing was written');
    assert.deepEqual(await page.evaluate(() => [window.__ipam.canUndo, window.__ipam.canRedo]), [false, false]);
    assert.equal(await page.textContent('#pending-summary'), 'No pending changes: the working copy matches the loaded tables.');
    await screenshot(page, 'cancel');
    assertNoProblems(session.problems);
  });

  test('after a cancel the same worker completes 100,000 scopes without freezing the page', async (t) => {
    const { page } = session;
    const before = await pairFingerprint(page);
    const workersBefore = engines(session.workers).length;
    // Record long tasks on the page's thread while the run goes on. Firefox has no Long
    // Tasks API (no 'longtask' entry type), so in both browsers a 50 ms timer also
    // records the longest gap between its ticks: a blocked thread delays the timer.
    // The longest block comes when the run ends and the page takes in the 105,000-pair
    // result: about 650 to 800 ms on a quiet machine in both browsers, so on a machine busy
    // with other work this check can exceed its 1 s (it did so before Firefox came in too).
    const hasLongTasks = await page.evaluate(() => {
      window.__longTasks = [];
      window.__gaps = { last: performance.now(), max: 0 };
      window.__gapTimer = setInterval(() => {
        const now = performance.now();
        window.__gaps.max = Math.max(window.__gaps.max, now - window.__gaps.last);
        window.__gaps.last = now;
      }, 50);
      if (!PerformanceObserver.supportedEntryTypes.includes('longtask')) return false;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longTasks.push(Math.round(entry.duration));
      }).observe({ type: 'longtask' });
      return true;
    });
    assert.equal(hasLongTasks, browser === 'chromium', 'Chromium has the Long Tasks API, Firefox does not');
    await page.click('#add-button');
    assert.equal(await confirmPreflight(page), PREFLIGHT);
    await page.waitForFunction(() => document.querySelector('#progress').value >= 1, null, { polling: 'raf', timeout: 20000 });
    await screenshot(page, 'progress');
    await page.waitForSelector('body[data-state="done"]', { timeout: 30000 });
    // Read now: the checks below copy 100,000 rows into the page on purpose.
    const longTasks = await page.evaluate(() => window.__longTasks);
    const gap = await page.evaluate(() => { clearInterval(window.__gapTimer); return Math.round(window.__gaps.max); });
    t.diagnostic(`long tasks on the page's thread during the run (ms): ${longTasks.join(', ') || 'none'}; longest timer gap ${gap} ms`);
    assert.ok(Math.max(0, ...longTasks) < 1000, `the page's thread was blocked for ${Math.max(...longTasks)} ms`);
    assert.ok(gap < 1000, `a 50 ms timer on the page's thread waited ${gap} ms`);

    assert.equal(await page.textContent('#progress-text'), '100,000 of 100,000 scopes (100%)');
    assert.equal(await page.textContent('#outcome'), 'Added 95,000 scopes to dc-loadbalance in the working copy; 5,000 were already in this relationship.');
    const after = await pairFingerprint(page);
    assert.equal(after.length, before.length + 95_000);
    assert.deepEqual(after.last, { ScopeId: 500_000 + SCOPES - 1, FailoverRelationId: 1 });
    assert.deepEqual(await page.$$eval('#relationships-body tr', (rows) => rows.map((r) => r.lastElementChild.textContent)), ['100,000', '5,000']);
    assert.equal(engines(session.workers).length, workersBefore, 'no new worker was started');
    // The list fills over a few frames (www/chunked.js): all 200 once it settles.
    await page.waitForFunction(() => document.querySelectorAll('#results-list li').length >= 200, null, { timeout: 5000 }).catch(() => {});
    assert.equal(await page.$$eval('#results-list li', (items) => items.length), 200);
    assert.equal(await page.textContent('#results-note'), 'Showing the first 200 of 100,000 scopes.');

    assertNoProblems(session.problems);
  });

  test('without cross-origin isolation Cancel restarts the engine, says so, and loses nothing', async () => {
    // Served without COOP/COEP: neither browser then offers SharedArrayBuffer to the page
    // (Firefox and Chromium both gate it on crossOriginIsolated).
    const plain = await openAdminPage(browser, { isolate: false });
    try {
      const { page, problems, workers } = plain;
      assert.equal(await page.evaluate(() => window.crossOriginIsolated), false);
      assert.equal(await page.evaluate(() => window.__ipam.cancellable), false);
      // A staged change first, to see it survive the restart.
      await page.evaluate(() => window.__ipam.add(1, [1025, 1026], 'hq-loadbalance'));
      await page.waitForSelector('body[data-state="done"]');
      const saved = await snapshotFingerprint(page);

      // The large file replaces the sample (with its pending change, after asking).
      await page.setInputFiles('#file-input', await writeJsonFile('large.json', largeTables()));
      await page.click('#confirm-ok');
      await page.waitForFunction(() => document.querySelector('#load-status').textContent === 'Loaded “large.json”.', null, { timeout: 30000 });
      const loaded = await snapshotFingerprint(page);
      assert.notDeepEqual(loaded, saved);
      const stored = await storedHead(page);
      await page.click('#select-shown-button');
      await page.waitForFunction(() => document.querySelector('#selection-count').textContent === '100,000 scopes selected.');
      const workersBefore = engines(workers).length;
      await page.evaluate(() => { document.querySelector('#progress-area').hidden = false; });
      assert.equal(await page.isVisible('#cancel-note'), true, 'said before any run');
      assert.match(await page.textContent('#cancel-note'), /^Cancel restarts the engine/);
      assert.ok(await startLargeAdd(page, { load: false }), 'Cancel was clicked while the run went on');
      await page.waitForSelector('body[data-state="cancelled"]');
      await waitUntil(() => engines(workers).slice(0, workersBefore).every((w) => w.closed), 'the running worker is terminated');
      await page.waitForFunction(() => document.body.dataset.engine === 'ready');
      assert.equal(engines(workers).length, workersBefore + 1, 'a fresh worker was started');
      assert.equal(await page.textContent('#outcome'), 'Cancelled; no changes were made.');
      // The fresh worker restored the copy from the journal: exactly what was there.
      // (The selection lived in the terminated worker: it starts empty again.)
      await page.waitForFunction(() => !document.querySelector('#sample-button').disabled);
      assert.equal(await page.textContent('#selection-count'), 'No scope selected.');
      assert.deepEqual(await snapshotFingerprint(page), loaded);
      assert.deepEqual(await storedHead(page), stored);
      assert.match(await page.textContent('#data-summary'), /100,000 scopes/);
      assertNoProblems(problems);
    } finally {
      await plain.close();
    }
  });
});
