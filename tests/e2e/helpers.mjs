// Shared set-up for the browser tests: the static server in-process on a free port,
// Debian's Chromium through playwright-core, a page that records every page error,
// console error and failed request (each test ends by asserting there were none), and
// screenshots saved to tests/e2e/artifacts/<flow>.png.

import assert from 'node:assert/strict';
import { mkdir, writeFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
export const ARTIFACTS = path.join(here, 'artifacts');
export const AXE_PATH = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];

/**
 * Starts the server and the browser and opens the admin page, waiting until the sample
 * is shown and the wasm engine is ready. Returns { page, problems, workers, close() }.
 */
export async function openAdminPage({ viewport = { width: 1280, height: 900 } } = {}) {
  try {
    await stat(path.join(ROOT, 'www', 'pkg', 'ipam_failover.js'));
  } catch {
    throw new Error('www/pkg/ipam_failover.js is missing: run "bash scripts/build.sh" first');
  }
  const server = await startServer({ root: path.join(ROOT, 'www'), port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();

  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  // Every worker the page starts, and whether it has been terminated (Cancel must do so).
  const workers = [];
  page.on('worker', (worker) => {
    const record = { url: worker.url(), closed: false };
    workers.push(record);
    worker.on('close', () => { record.closed = true; });
    worker.on('console', (message) => {
      if (message.type() === 'error') problems.push(`worker console error: ${message.text()}`);
    });
  });
  page.on('requestfailed', (request) => {
    // A terminated worker's in-flight requests are aborted on purpose (Cancel).
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });

  await page.goto(server.url);
  await page.waitForSelector('body[data-engine="ready"][data-state="idle"]', { timeout: 15000 });

  return {
    page,
    problems,
    workers,
    url: server.url,
    async close() {
      await browser.close();
      await server.close();
    },
  };
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

/** Saves a full-page screenshot as tests/e2e/artifacts/<name>.png. */
export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  // From the top, so the sticky add panel sits where a reader expects it in a full-page shot.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Writes `value` as JSON to a temporary file and returns its path (for setInputFiles). */
export async function writeJsonFile(name, value) {
  const dir = path.join(os.tmpdir(), 'ipam-failover-e2e');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, name);
  await writeFile(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

/** The page's current tables, read back through the window.__ipam hook. */
export function readTables(page) {
  return page.evaluate(() => JSON.parse(JSON.stringify(window.__ipam.tables)));
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

/** Sets the filter box and waits for the table to reflect it. */
export async function filterScopes(page, query) {
  await page.fill('#filter-input', query);
  await page.waitForFunction((q) => document.querySelector('#scopes-body').dataset.filter === q.trim(), query);
}
