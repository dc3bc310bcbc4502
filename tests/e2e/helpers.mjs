// Shared set-up for the browser tests: the static server in-process on a free port, a
// headless browser (Debian's Chromium or Firefox ESR, through ./driver.mjs), a page that
// records every page error, console error, worker error and failed request (each test
// ends by asserting there were none), and screenshots saved to
// tests/e2e/artifacts/<browser>/<flow>.png.

import assert from 'node:assert/strict';
import { mkdir, writeFile, stat, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';
import { launch, VIEWPORT } from './driver.mjs';

export { BROWSERS, launch, CHROMIUM, CHROMIUM_ARGS, FIREFOX } from './driver.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
export const ARTIFACTS = path.join(here, 'artifacts');
export const AXE_PATH = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

async function assertBuilt() {
  try {
    await stat(path.join(ROOT, 'www', 'pkg', 'ipam_failover.js'));
  } catch {
    throw new Error('www/pkg/ipam_failover.js is missing: run "bash scripts/build.sh" first');
  }
}

/**
 * The static server for www/, in-process on a free port; `{ isolate: false }` leaves out
 * COOP/COEP; `root` serves another directory (a test's copy of www/).
 */
export async function startWww({ isolate = true, root = path.join(ROOT, 'www') } = {}) {
  await assertBuilt();
  return startServer({ root, port: 0, isolate });
}

/**
 * Starts the server and `browserName` ('chromium' or 'firefox'; Chromium when left out, so
 * a test file written for one browser runs as it is) and opens the admin page in a fresh
 * browser context (so a fresh, empty IndexedDB), waiting until the working copy is shown
 * and the wasm engine is ready. `beforeLoad(page)` may prepare the page before it loads
 * (an init script); `isolate: false` serves it without COOP/COEP; `root` serves another
 * directory. Returns { page, context, browser, problems, workers, url, close() }.
 */
export async function openAdminPage(browserName = 'chromium', { viewport = VIEWPORT, beforeLoad, isolate = true, root } = {}) {
  if (typeof browserName === 'object' && browserName !== null) return openAdminPage('chromium', browserName);
  const server = await startWww({ isolate, root });
  const browser = await launch(browserName);
  let context;
  let page;
  let watched;
  try {
    context = await browser.newContext({ viewport });
    page = await context.newPage();
    watched = watchPage(page);
    if (beforeLoad) await beforeLoad(page);
    await page.goto(server.url);
    await waitForPageReady(page);
  } catch (error) {
    await browser.close().catch(() => {});
    await server.close();
    throw error;
  }
  const { problems, workers } = watched;

  return {
    page,
    context,
    browser,
    problems,
    workers,
    url: server.url,
    /** The node:http server: its 'request' events see what the page and its workers fetch, in every browser. */
    server: server.server,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Waits until the page shows its working copy and the wasm engine is ready. */
export async function waitForPageReady(page) {
  await page.waitForSelector('body[data-engine="ready"][data-state="idle"]', { timeout: 15000 });
}

/**
 * Records every page error, console error and failed request of `page` (and of the
 * workers it starts) in `problems`, and every worker in `workers` with whether it closed
 * (Cancel must terminate the running one).
 */
export function watchPage(page, problems = [], workers = []) {
  return page.watch(problems, workers);
}

/** Polls `check` (a sync or async predicate) until it holds; fails after `timeout` ms. */
export async function waitUntil(check, message, timeout = 5000) {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`timed out waiting until ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Fails with the list when the page logged an error, threw, or a request failed. */
export function assertNoProblems(problems) {
  assert.deepEqual(problems, [], `the page reported problems:\n${problems.join('\n')}`);
}

/**
 * Saves a screenshot as tests/e2e/artifacts/<browser>/<name>.png: the full page, or with
 * { fullPage: false } the viewport (for a modal dialog, whose backdrop covers only that).
 */
export async function screenshot(page, name, { fullPage = true } = {}) {
  const dir = path.join(ARTIFACTS, page.browserName());
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  // From the top, so the sticky add panel sits where a reader expects it in a full-page shot.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  // The cards and long lists have `content-visibility: auto`: a browser skips painting them
  // while they are far from the viewport, so a full-page shot would show them empty where a
  // reader who scrolls there sees them filled. Painted for the shot (CSSOM, which the CSP
  // allows), then as before.
  const marked = fullPage ? await page.evaluate(() => {
    const skipped = [...document.querySelectorAll('*')].filter((e) => getComputedStyle(e).contentVisibility === 'auto');
    for (const e of skipped) { e.dataset.shotVisible = ''; e.style.contentVisibility = 'visible'; }
    return skipped.length;
  }) : 0;
  try {
    await page.screenshot({ path: file, fullPage });
  } finally {
    if (marked) {
      await page.evaluate(() => {
        for (const e of document.querySelectorAll('[data-shot-visible]')) {
          delete e.dataset.shotVisible;
          e.style.contentVisibility = '';
          if (!e.getAttribute('style')) e.removeAttribute('style');
        }
      });
    }
  }
  return file;
}

/** Writes `value` (JSON, or text or bytes as they are) to a temporary file and returns its path (for setInputFiles). */
export async function writeJsonFile(name, value) {
  const dir = path.join(os.tmpdir(), 'ipam-failover-e2e');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, name);
  await writeFile(file, typeof value === 'string' || Buffer.isBuffer(value) ? value : JSON.stringify(value));
  return file;
}

/**
 * What the page's worker stored in IndexedDB, read from the page: { head, base, journal,
 * aside } (aside: the damaged copies set aside, by key). A packed base's bytes come back as
 * { base64 }, as the damaged-copy download writes them. With `summary`, the base's text or
 * bytes stay in the page and only their `length` comes back (a large copy is megabytes).
 */
export function readStored(page, { summary = false } = {}) {
  return page.evaluate(async (short) => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('ipam-failover');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction(['state', 'journal', 'workspace']);
    const all = (store) => Promise.all([tx.objectStore(store).getAllKeys(), tx.objectStore(store).getAll()]
      .map((r) => new Promise((resolve) => { r.onsuccess = () => resolve(r.result); })));
    const [[stateKeys, state], [, journal], [asideKeys, aside]] = await Promise.all([all('state'), all('journal'), all('workspace')]);
    db.close();
    const base64 = (bytes) => {
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(binary);
    };
    const join = (pieces) => {
      const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
      pieces.reduce((at, p) => { out.set(p, at); return at + p.length; }, 0);
      return out;
    };
    // A base's bytes, whole: as stored by earlier versions, joined from its pieces (the
    // ["base", i] records), or the pieces a set-aside record holds.
    const bytesOf = (base, pieces) => {
      if (base?.bytes instanceof Uint8Array) return base.bytes;
      if (Array.isArray(base?.bytes)) return join(base.bytes);
      if (base?.kind === 'packed' && Number.isSafeInteger(base.pieces)) return join(pieces);
      return null;
    };
    // As the bytes were one record: { kind, bytes: { base64 }, source, upToSeq }.
    const plain = (base, pieces = []) => {
      const bytes = bytesOf(base, pieces);
      if (!bytes) return base;
      const { pieces: _, ...rest } = base;
      return { ...rest, bytes: { base64: base64(bytes) } };
    };
    const pieces = stateKeys.map((k, i) => [k, state[i]]).filter(([k]) => Array.isArray(k) && k[0] === 'base')
      .sort(([a], [b]) => a[1] - b[1]).map(([, v]) => v);
    const byKey = (keys, values) => Object.fromEntries(keys.map((k, i) => [k, values[i]]).filter(([k]) => !Array.isArray(k)));
    const { head, base } = byKey(stateKeys, state);
    const shown = short && base
      ? { kind: base.kind, upToSeq: base.upToSeq, source: base.source, length: base.text?.length ?? bytesOf(base, pieces)?.length, pieces: base.pieces }
      : plain(base, pieces);
    const kept = byKey(asideKeys, aside.map((record) => (record?.base ? { ...record, base: plain(record.base) } : record)));
    return { head, base: shown, journal, aside: kept };
  }, summary);
}

/** A packed base's bytes as readStored gives them ({ base64 }), as a Buffer. */
export function packedBytes(base) {
  return Buffer.from(base.bytes.base64, 'base64');
}

/** The working tables, read back from the worker through the window.__ipam hook. */
export function readTables(page) {
  return page.evaluate(async () => JSON.parse(JSON.stringify(await window.__ipam.tables())));
}

/** The relationship names shown in each scope row, by address, for the current page. */
export function scopeRows(page) {
  return page.$$eval('#scopes-body tr', (rows) => rows.map((row) => {
    const cells = row.querySelectorAll('td');
    return {
      address: cells[1].textContent,
      name: cells[2].textContent,
      relationships: [...cells[4].querySelectorAll('.tag')].map((tag) => tag.textContent),
      checked: cells[0].querySelector('input').checked,
    };
  }));
}

/**
 * Makes the relationship named `name` the target of Add and Remove by typing its name in
 * the add panel's name box and pressing Enter; waits until the panel names it.
 */
export async function chooseRelationship(page, name) {
  await page.fill('#relationship-input', name);
  await page.press('#relationship-input', 'Enter');
  await page.waitForFunction((n) => document.querySelector('#relationship-target').textContent.startsWith(`${n} (`), name);
}

/** The target relationship as the add panel names it: "hq-loadbalance (LoadBalance)". */
export function targetRelationship(page) {
  return page.textContent('#relationship-target');
}

/** Sets the filter box and waits for the table to reflect it. */
export async function filterScopes(page, query) {
  await page.fill('#filter-input', query);
  await page.waitForFunction((q) => document.querySelector('#scopes-body').dataset.filter === q.trim(), query);
}

/**
 * After a click on Add: waits for the preflight dialog, confirms it (ticking "I understand…"
 * when there are errors) and returns the dialog's summary line.
 */
export async function confirmPreflight(page) {
  await page.waitForSelector('#preflight-dialog[open]');
  const summary = await page.textContent('#preflight-summary');
  if (await page.isVisible('#preflight-ack')) await page.check('#preflight-ack');
  await page.click('#preflight-stage');
  await page.waitForSelector('#preflight-dialog:not([open])', { state: 'attached' });
  return summary;
}

/** The preflight dialog's findings: [{ scope, findings: [text of each finding] }]. */
export function preflightFindings(page) {
  return page.$$eval('#preflight-findings .finding-group', (groups) => groups.map((g) => ({
    scope: g.querySelector('.finding-scope').textContent,
    findings: [...g.querySelectorAll('.finding')].map((f) => f.textContent),
  })));
}

/**
 * Clicks `selector` and returns the file the browser downloads, read back from its
 * download directory: { name (the file name the browser gave it), bytes (a Buffer),
 * text (UTF-8, byte order mark kept) }.
 */
export function downloadFrom(page, selector) {
  return page.download(selector);
}

/** The pending-changes counts as [relationship, "+N / −M"] rows. */
export function pendingCounts(page) {
  return page.$$eval('#pending-body tr', (rows) => rows.map((row) => [row.cells[0].textContent, row.cells[1].textContent]));
}

/** The pending added and removed pairs as listed. */
export async function pendingPairs(page) {
  const items = (id) => page.$$eval(`#${id} li`, (lis) => lis.map((li) => li.textContent));
  return { added: await items('pending-added-list'), removed: await items('pending-removed-list') };
}

/** Sets the filter, selects every scope it matches (after clearing the selection), and waits until the page shows them selected. */
export async function selectByFilter(page, query) {
  if (!(await page.isDisabled('#clear-selection-button'))) await page.click('#clear-selection-button');
  await filterScopes(page, query);
  // "Select all N matching": the selection is the worker's to make, so wait until the page
  // shows N selected (the count, the Add and Remove labels change together).
  const matching = /^Select all ([\d,]+) matching$/.exec(await page.textContent('#select-shown-button'))?.[1];
  await page.click('#select-shown-button');
  if (matching) {
    await page.waitForFunction((n) => document.querySelector('#selection-count').textContent.startsWith(`${n} scope`), matching);
  }
}

/** Waits until the page has finished a change and saved it (its revision moved past `revision`). */
export async function waitForRevisionAbove(page, revision) {
  await page.waitForFunction((r) => Number(document.body.dataset.revision) > r, revision);
}

/** Runs axe-core (from npm) on the page and returns its violations, summarised for a failure message. */
export async function axeViolations(page) {
  // Evaluated rather than added as a <script>: the page's CSP (rightly) refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${await readFile(AXE_PATH, 'utf8')}\n;void 0`);
  const violations = await page.evaluate(async () => (await window.axe.run(document)).violations);
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
}
