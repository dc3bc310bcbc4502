// The one browser-driving layer of the page tests: Debian's Chromium and Firefox ESR, both
// driven by puppeteer-core (Chromium over the DevTools protocol, Firefox over WebDriver
// BiDi). The tests use only what this file offers, so each flow is written once and runs
// in each browser of BROWSERS.
//
//   BROWSERS=chromium node --test tests/e2e/        (or firefox; default: chromium,firefox)
//
// The page API follows the names the tests already used (goto, click, fill, press, check,
// selectOption, textContent, inputValue, isVisible, waitForSelector with a state, ...), with these
// semantics: actions wait for their element (click: visible, enabled, stable, in view);
// queries (isVisible, isChecked, ...) read the element once; waitForSelector waits for a
// visible element unless told { state: 'attached' | 'hidden' }. A page the test works
// with is first brought to the front, as a person switches to the tab they use: a
// background tab runs no animation frames, so it would never render or answer a
// frame-polled wait.

import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, readlink, realpath, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

export const ALL_BROWSERS = ['chromium', 'firefox'];

/** The browsers to run the flows in: $BROWSERS (comma-separated), else both. */
export const BROWSERS = (() => {
  const wanted = (process.env.BROWSERS ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  if (wanted.length === 0) return ALL_BROWSERS;
  for (const name of wanted) {
    if (!ALL_BROWSERS.includes(name)) throw new Error(`BROWSERS: unknown browser "${name}" (known: ${ALL_BROWSERS.join(', ')})`);
  }
  return wanted;
})();

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];
// Firefox: puppeteer's own prefs already turn off updates, telemetry and most background
// traffic; these stop the rest of what would try to reach the network here.
const FIREFOX_PREFS = {
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'media.gmp-manager.updateEnabled': false,
  // No preloaded new-tab page (a second content process at every start).
  'browser.newtab.preload': false,
  'browser.newtabpage.enabled': false,
  'browser.startup.homepage': 'about:blank',
};

export const VIEWPORT = { width: 1280, height: 900 };
const TIMEOUT = 30000;

// Requests a page (or a terminated worker) gave up on itself: not a failure of the server.
const ABORTED = new Set(['net::ERR_ABORTED', 'NS_BINDING_ABORTED', 'NS_ERROR_ABORT']);

function launchOptions(name, userDataDir) {
  const options = name === 'firefox'
    ? { browser: 'firefox', executablePath: FIREFOX, extraPrefsFirefox: FIREFOX_PREFS }
    : { browser: 'chrome', executablePath: CHROMIUM, args: CHROMIUM_ARGS };
  return { ...options, headless: true, userDataDir, defaultViewport: null, protocolTimeout: 60000 };
}

/**
 * A Firefox profile that has been started once, kept in the temporary directory per
 * Firefox build. Firefox does its first-run work (databases, add-on scan, caches) in a new
 * profile, about 2 of the 5 to 6 seconds a launch takes here; a copy of this one skips it.
 * It holds no site data: nothing but a start and a clean shutdown ever ran in it.
 */
async function firefoxTemplate() {
  const binary = await realpath(FIREFOX);
  const { mtimeMs, size } = await stat(binary);
  const template = path.join(os.tmpdir(), `ipam-failover-e2e-firefox-profile-${Math.round(mtimeMs)}-${size}`);
  if (await stat(path.join(template, 'prefs.js')).then(() => true, () => false)) return template;
  const fresh = await mkdtemp(`${template}.new-`);
  const browser = await puppeteer.launch(launchOptions('firefox', fresh));
  await browser.close();
  // Another run may have made it meanwhile: either copy will do.
  await rename(fresh, template).catch(() => rm(fresh, { recursive: true, force: true }));
  return template;
}

/**
 * Launches `name` headless. With `userDataDir` the browser keeps its profile there (and a
 * relaunch on the same directory finds its storage); without, a fresh temporary profile
 * (for Firefox a copy of firefoxTemplate()), removed when the browser is closed.
 */
export async function launch(name, { userDataDir } = {}) {
  if (!ALL_BROWSERS.includes(name)) throw new Error(`unknown browser ${name}`);
  let profile = userDataDir;
  let temporary = null;
  if (!profile && name === 'firefox') {
    const template = await firefoxTemplate();
    temporary = await mkdtemp(path.join(os.tmpdir(), 'ipam-failover-e2e-firefox-'));
    await cp(template, temporary, { recursive: true });
    profile = temporary;
  }
  try {
    return new Browser(name, await puppeteer.launch(launchOptions(name, profile)), temporary);
  } catch (error) {
    if (temporary) await rm(temporary, { recursive: true, force: true });
    throw error;
  }
}

export class Browser {
  #browser;
  #cleanup = []; // directories to remove on close: download directories, a temporary profile
  /** The page in front (the tab last worked with). */
  front = null;

  constructor(name, browser, temporaryProfile = null) {
    this.name = name;
    this.#browser = browser;
    if (temporaryProfile) this.#cleanup.push(temporaryProfile);
  }

  /** The browser's main process id (what a crash would end). */
  async pid() {
    const pid = this.#browser.process()?.pid;
    assert.ok(pid, 'the browser was launched by this process');
    // Not a wrapper script: the process is the browser itself.
    const exe = path.basename(await readlink(`/proc/${pid}/exe`));
    assert.match(exe, this.name === 'firefox' ? /^firefox/ : /^chrom/, `process ${pid} is ${exe}`);
    return pid;
  }

  /** A fresh context: its own storage (IndexedDB), its own download directory. */
  async newContext({ viewport = VIEWPORT } = {}) {
    const downloads = await mkdtemp(path.join(os.tmpdir(), `ipam-failover-e2e-downloads-${this.name}-`));
    this.#cleanup.push(downloads);
    const context = await this.#browser.createBrowserContext({
      downloadBehavior: { policy: 'allow', downloadPath: downloads },
    });
    return new Context(this, context, viewport, downloads);
  }

  /** The context of the profile (for a browser launched with a userDataDir). */
  defaultContext({ viewport = VIEWPORT } = {}) {
    return new Context(this, this.#browser.defaultBrowserContext(), viewport, null);
  }

  async close() {
    try {
      await this.#browser.close();
    } finally {
      for (const dir of this.#cleanup) await rm(dir, { recursive: true, force: true });
    }
  }
}

export class Context {
  #context;
  #viewport;

  constructor(browser, context, viewport, downloads) {
    this.browser = browser;
    this.#context = context;
    this.#viewport = viewport;
    this.downloads = downloads;
  }

  /** The context's first open page (a profile's start page), else a new one. */
  async firstPage() {
    const [page] = await this.#context.pages();
    return page ? this.#wrap(page) : this.newPage();
  }

  async newPage() {
    return this.#wrap(await this.#context.newPage());
  }

  async #wrap(page) {
    page.setDefaultTimeout(TIMEOUT);
    await page.setViewport(this.#viewport);
    const wrapped = new Page(page, this);
    this.browser.front = wrapped; // a new tab opens in front
    return wrapped;
  }
}

/** Playwright's `text=...` selector, as puppeteer writes it. */
function selectorFor(selector) {
  return selector.startsWith('text=') ? `::-p-text(${selector.slice(5)})` : selector;
}

// Key names puppeteer's BiDi keyboard does not know, as the key value both understand.
const KEY_ALIASES = { Space: ' ' };

/** A modifier chord such as "Control+Shift+Z", as puppeteer key names. */
function chord(keys) {
  const parts = keys.split('+');
  const key = parts.at(-1);
  return { modifiers: parts.slice(0, -1), key: KEY_ALIASES[key] ?? key };
}

export class Page {
  #page;

  constructor(page, context) {
    this.#page = page;
    this.context = context;
    this.keyboard = {
      press: async (keys) => {
        await this.#activate();
        const { modifiers, key } = chord(keys);
        for (const m of modifiers) await page.keyboard.down(m);
        await page.keyboard.press(key);
        for (const m of modifiers.reverse()) await page.keyboard.up(m);
      },
      type: async (text) => {
        await this.#activate();
        await page.keyboard.type(text);
      },
    };
  }

  /** Brings this tab to the front unless it is there already. */
  async #activate() {
    const { browser } = this.context;
    if (browser.front === this) return;
    await this.#page.bringToFront();
    browser.front = this;
  }

  /** The puppeteer page, for what this layer does not cover (browser-specific code only). */
  get raw() { return this.#page; }

  browserName() { return this.context.browser.name; }

  async goto(url) { await (await this.#front()).goto(url, { waitUntil: 'load' }); }
  async reload() { await (await this.#front()).reload({ waitUntil: 'load' }); }
  title() { return this.#page.title(); }
  close() {
    if (this.context.browser.front === this) this.context.browser.front = null;
    return this.#page.close();
  }
  waitForTimeout(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }

  /** Runs `script` (a function) in every document the page loads, before its own scripts. */
  async addInitScript(script, arg) { await this.#page.evaluateOnNewDocument(script, arg); }

  /** The puppeteer page, brought to the front first. */
  async #front() {
    await this.#activate();
    return this.#page;
  }

  // ---- reading -----------------------------------------------------------------------

  async evaluate(fn, arg) { return (await this.#front()).evaluate(fn, arg); }
  async $(selector) { return (await this.#front()).$(selectorFor(selector)); }
  async $eval(selector, fn, arg) { return (await this.#front()).$eval(selectorFor(selector), fn, arg); }
  async $$eval(selector, fn, arg) { return (await this.#front()).$$eval(selectorFor(selector), fn, arg); }

  /** Waits for the element to exist, then evaluates `fn` on it. */
  async #on(selector, fn, arg) {
    const handle = await (await this.#front()).waitForSelector(selectorFor(selector));
    try {
      return await handle.evaluate(fn, arg);
    } finally {
      await handle.dispose();
    }
  }

  textContent(selector) { return this.#on(selector, (el) => el.textContent); }
  getAttribute(selector, name) { return this.#on(selector, (el, n) => el.getAttribute(n), name); }
  isChecked(selector) { return this.#on(selector, (el) => el.checked); }
  inputValue(selector) { return this.#on(selector, (el) => el.value); }
  isDisabled(selector) {
    return this.#on(selector, (el) => el.matches(':disabled') || el.getAttribute('aria-disabled') === 'true');
  }

  /** Whether the element exists, has a non-empty box and is not visibility:hidden (no waiting). */
  isVisible(selector) {
    return this.evaluate((s) => {
      const el = document.querySelector(s);
      if (!el) return false;
      if (typeof el.checkVisibility === 'function' && !el.checkVisibility()) return false;
      if (getComputedStyle(el).visibility !== 'visible') return false;
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0;
    }, selector);
  }

  // ---- waiting -----------------------------------------------------------------------

  /** state: 'visible' (default), 'attached', or 'hidden' (absent or not visible). */
  async waitForSelector(selector, { state = 'visible', timeout } = {}) {
    const options = { timeout, visible: state === 'visible', hidden: state === 'hidden' };
    const handle = await (await this.#front()).waitForSelector(selectorFor(selector), options);
    await handle?.dispose();
  }

  /** Waits until `fn(arg)` is truthy in the page; options: { timeout, polling }. */
  async waitForFunction(fn, arg, { timeout, polling } = {}) {
    const handle = await (await this.#front()).waitForFunction(fn, { timeout, polling }, arg);
    await handle.dispose();
  }

  // ---- acting ------------------------------------------------------------------------

  async click(selector, { timeout } = {}) {
    const locator = (await this.#front()).locator(selectorFor(selector));
    if (timeout !== undefined) locator.setTimeout(timeout);
    await locator.click();
  }

  async focus(selector) { await (await this.#front()).focus(selectorFor(selector)); }

  /** Focuses the element, then presses `keys` ("Enter", "Control+Z", ...) as keyboard.press does. */
  async press(selector, keys) {
    await this.focus(selector);
    await this.keyboard.press(keys);
  }

  /**
   * Replaces the text of an input with `value` as typing would: the field is focused, its
   * text selected and replaced through the editing commands, so the page gets an `input`
   * event (an empty value deletes the text).
   */
  async fill(selector, value) {
    await this.focus(selector);
    const changed = await this.#on(selector, (el, v) => {
      if (el.value === v) return false;
      el.select();
      return v === '' ? document.execCommand('delete') : document.execCommand('insertText', false, v);
    }, value);
    const now = await this.#on(selector, (el) => el.value);
    assert.equal(now, value, `fill ${selector}: the field holds "${now}" (execCommand ${changed})`);
  }

  async #setChecked(selector, checked) {
    if ((await this.isChecked(selector)) !== checked) await this.click(selector);
    assert.equal(await this.isChecked(selector), checked, `${selector} did not become ${checked ? 'checked' : 'unchecked'}`);
  }

  check(selector) { return this.#setChecked(selector, true); }
  uncheck(selector) { return this.#setChecked(selector, false); }

  /**
   * Chooses an <option>: by its text (`{ label }`) or by its value (a string, or
   * `{ value }`), with input and change events, as a user would.
   */
  async selectOption(selector, choice) {
    const wanted = typeof choice === 'string' ? { value: choice } : choice;
    const value = await this.#on(selector, (el, w) => [...el.options]
      .find((o) => ('label' in w ? o.textContent === w.label : o.value === w.value))?.value, wanted);
    assert.notEqual(value, undefined, `${selector} has no option ${JSON.stringify(wanted)}`);
    await (await this.#front()).select(selectorFor(selector), value);
  }

  /** Gives a file input `files` (a path, or an array of paths for a multiple input), as the file picker would. */
  async setInputFiles(selector, files) {
    const handle = await (await this.#front()).waitForSelector(selectorFor(selector));
    try {
      await handle.uploadFile(...[files].flat());
    } finally {
      await handle.dispose();
    }
  }

  async addScriptTag({ path: file }) { await (await this.#front()).addScriptTag({ path: file }); }

  async screenshot({ path: file, fullPage }) { return (await this.#front()).screenshot({ path: file, fullPage }); }

  /**
   * Clicks `selector` and returns the file the browser then saves in this context's
   * download directory: { name (the file name the browser chose), bytes, text (UTF-8,
   * byte order mark kept) }. The file is read from disk once the browser has finished
   * writing it, then removed (so the next download of the same name gets that name too).
   */
  async download(selector, { timeout = 15000 } = {}) {
    const dir = this.context.downloads;
    assert.ok(dir, 'downloads need a context from newContext()');
    const before = new Set(await readdir(dir));
    assert.deepEqual([...before], [], `the download directory is empty before a download: ${[...before]}`);
    await this.click(selector);
    // Chromium writes <name>.crdownload (or "Unconfirmed N.crdownload") and renames it;
    // Firefox reserves <name> empty, writes <name>.part and renames it over <name>, and at
    // times writes a randomly named file first and renames that. So a download is done
    // when one file has kept the same name and the same size over three looks, and a file
    // renamed away between two looks is simply looked for again.
    const partial = (f) => f.endsWith('.crdownload') || f.endsWith('.part');
    const end = Date.now() + timeout;
    let files = [];
    let last = '';
    let steady = 0;
    for (;;) {
      files = await readdir(dir);
      const size = files.length === 1 && !partial(files[0])
        ? await stat(path.join(dir, files[0])).then((s) => s.size, () => 0)
        : 0;
      const now = size > 0 ? `${files[0]} ${size}` : '';
      steady = now && now === last ? steady + 1 : 0;
      last = now;
      if (steady >= 2) break;
      if (Date.now() > end) assert.fail(`no finished download in ${dir} after ${timeout} ms: [${files.join(', ')}]`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const file = path.join(dir, files[0]);
    const bytes = await readFile(file);
    await rm(file);
    return { name: files[0], bytes, text: bytes.toString('utf8') };
  }

  // ---- watching ----------------------------------------------------------------------

  /**
   * Records every page error, console error (the page's and its workers'), uncaught
   * worker error, failed request and HTTP error response in `problems`, and every worker
   * the page starts in `workers` as { url, closed }.
   */
  watch(problems = [], workers = []) {
    const page = this.#page;
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    const records = new Map();
    page.on('workercreated', (worker) => {
      const record = { url: worker.url(), closed: false };
      records.set(worker, record);
      workers.push(record);
    });
    page.on('workerdestroyed', (worker) => {
      const record = records.get(worker);
      if (record) record.closed = true;
    });
    page.on('requestfailed', (request) => {
      const reason = request.failure()?.errorText;
      // A terminated worker's in-flight requests are aborted on purpose (Cancel).
      if (ABORTED.has(reason)) return;
      problems.push(`request failed: ${request.url()} ${reason}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    return { problems, workers };
  }
}
