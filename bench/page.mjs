#!/usr/bin/env node
// The admin page at enterprise scale (issues 8 and 11): drives the real page, served by
// scripts/serve.mjs (cross-origin isolated, strict CSP, exactly as users get it), in
// headless Debian Chromium, with generated networks of 1,000, 100,000 and 300,000 scopes
// loaded through the file picker, and prints per size: load, small changes, full adds,
// reload, cancel, bytes written to IndexedDB per change, renderer memory, and the .wasm sizes.
//
//   node bench/page.mjs [--sizes 1000,10000,100000,300000] [--runs 5] [--cancel-min 100000]
//        [--timeout-s 300] [--browser /usr/bin/chromium] [--keep-files]
//
// It drives the page only through stable things: the file picker (#file-input),
// window.__ipam (www/test-hook.js), body[data-state] / body[data-revision], #progress,
// #cancel-button and the preflight dialog through tests/e2e/helpers.mjs's confirmPreflight.
// Times are taken in the page (performance.now() in a MutationObserver on data-state),
// so Playwright's round trips are not counted. Writes bench/results/latest-page.json.
// Exit status: 0 done, 1 a flow failed, 2 setup problem (not built, no npm packages).

import { readFile, stat, mkdir, writeFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

// --- arguments -------------------------------------------------------------------------
const options = { sizes: [1000, 10000, 100000, 300000], runs: 5, cancelMin: 100000, timeoutS: 300, keepFiles: false, profile: false, skip: new Set() };
let browserPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const [flag, inline] = argv[i].split('=', 2);
  const value = () => inline ?? argv[++i];
  switch (flag) {
    case '--sizes': options.sizes = value().split(',').map((s) => Number(s.replace(/[_k]/g, (c) => (c === 'k' ? '000' : '')))); break;
    case '--runs': options.runs = Number(value()); break;
    case '--cancel-min': options.cancelMin = Number(value()); break;
    case '--timeout-s': options.timeoutS = Number(value()); break;
    case '--browser': browserPath = value(); break;
    case '--keep-files': options.keepFiles = true; break;
    case '--profile': options.profile = true; break;
    case '--trace': options.trace = true; break;
    case '--skip': options.skip = new Set(value().split(',')); break;
    case '--root': options.root = path.resolve(value()); break;
    case '--help': case '-h':
      console.log('usage: node bench/page.mjs [--sizes 1000,10000,100000,300000] [--runs 5] [--cancel-min 100000] [--timeout-s 300] [--browser PATH] [--keep-files] [--profile]');
      console.log('  --skip reload,full,cancel,export: leave those flows out (a quick look at load, small changes and memory)');
      console.log('  --root DIR: serve another built copy of www/ (an older build, for a before/after in the same conditions)');
      console.log('  --profile: record the page\'s main thread (CDP Profiler) during the load and the small changes, and print the functions with the most self time (timings are then inflated)');
      console.log('  --trace: record a Chromium trace (devtools.timeline) over the small changes and print the main thread\'s time per event kind (layout, style, script...); also traces the reload and the full flows, taking their long tasks apart');
      console.log('  --runs: rounds of the small changes (add 20, remove 20, undo, redo) per size, at least 3; medians over them');
      console.log('  --cancel-min: the cancel flow runs at sizes from this one up (a 1,000-scope add ends before Cancel can be clicked)');
      process.exit(0);
      break;
    default:
      console.error(`unknown option ${argv[i]} (try --help)`);
      process.exit(2);
  }
}
if (options.sizes.some((n) => !Number.isInteger(n) || n < 100) || !(options.runs >= 1)) {
  console.error('--sizes takes scope counts of at least 100, --runs a positive number');
  process.exit(2);
}

// --- prerequisites: say what to run on a fresh clone, rather than crash -----------------
const missing = [];
for (const f of ['www/pkg/ipam_failover.js', 'www/pkg/ipam_failover_bg.wasm']) {
  try { await stat(path.join(root, f)); } catch { missing.push(`${f} (run "bash scripts/build.sh")`); }
}
try { await stat(path.join(root, 'node_modules', 'playwright-core', 'package.json')); } catch {
  missing.push('node_modules/playwright-core (run "bash scripts/setup.sh", or "npm ci")');
}
try { await stat(browserPath); } catch { missing.push(`${browserPath} (run "bash scripts/setup.sh", or set CHROMIUM)`); }
if (missing.length) {
  console.error(`bench/page.mjs: missing ${missing.join('; ')}.`);
  console.error('On a fresh clone: bash scripts/setup.sh && bash scripts/build.sh && node bench/page.mjs');
  process.exit(2);
}
const { chromium } = await import('playwright-core');
const { startWww, writeJsonFile, confirmPreflight, CHROMIUM_ARGS } = await import('../tests/e2e/helpers.mjs');
const { summariseTrace, traceLongTasks } = await import('./page-trace.mjs');
const network = await loadNetwork();

/**
 * bench/view.js's network(scopes), the generator the working-copy benchmark uses. That file
 * runs a browser benchmark when imported, so its function is read from its source.
 */
async function loadNetwork() {
  const source = await readFile(path.join(here, 'view.js'), 'utf8');
  const found = /export function network\(scopes\) \{[\s\S]*?\n\}\n/.exec(source);
  if (!found) {
    console.error('bench/page.mjs: cannot find network(scopes) in bench/view.js');
    process.exit(2);
  }
  return new Function(`${found[0].replace(/^export /, '')}; return network;`)();
}

// --- small helpers ---------------------------------------------------------------------
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const v = xs.filter((x) => x != null && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const max = (xs) => (xs.filter((x) => x != null).length ? Math.max(...xs.filter((x) => x != null)) : null);
const log = (...a) => console.log('bench:', ...a);
const loads = [];
const noteLoad = (when) => loads.push({ when, load1m: os.loadavg()[0] });

/** Resident memory (bytes) of a process, from /proc/PID/status; null when it is gone. */
function rssOf(pid) {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

// --- what the page gets before its own scripts ----------------------------------------
// A longtask observer (buffered from the start), and MutationObservers on every
// data-state / data-revision / data-engine / progress value change and on the scopes
// list's children, each with its performance.now() time.
function initScript() {
  const b = (window.__bench = { longTasks: [], log: [], seq: 0, progress: [], scopesShown: [], fileChosen: [] });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch { b.longTasksUnsupported = true; }
  // Long animation frames (Chromium): which scripts ran in a long task (what invoked them,
  // their forced style and layout) and how long the frame's rendering took, so each long
  // task can be put down to code.
  b.frames = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        b.frames.push({
          start: e.startTime, duration: e.duration, renderStart: e.renderStart, styleAndLayoutStart: e.styleAndLayoutStart,
          scripts: e.scripts.map((s) => ({
            invoker: s.invoker, type: s.invokerType, fn: s.sourceFunctionName, url: s.sourceURL, start: s.startTime,
            duration: s.duration, forced: s.forcedStyleAndLayoutDuration,
          })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch { b.framesUnsupported = true; }
  const mo = new MutationObserver((records) => {
    const t = performance.now();
    for (const r of records) {
      const el = r.target;
      if (r.type === 'attributes') {
        if (el === document.body) b.log.push({ t, n: ++b.seq, attr: r.attributeName, value: el.getAttribute(r.attributeName) });
        else if (el.id === 'progress' && r.attributeName === 'value') {
          b.progress.push({ t, value: el.getAttribute('value') });
          if (b.cancelArmed && b.log.at(-1)?.value === 'running') b.maybeCancel();
        }
      }
    }
  });
  // Attributes only (filtered): a childList observer on the whole document would hear every
  // row the page renders, and its callback would lengthen the page's own tasks.
  mo.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state', 'data-revision', 'data-engine', 'value'] });
  // The scopes list's rows: its own children only.
  document.addEventListener('DOMContentLoaded', () => {
    const list = document.getElementById('scopes-body');
    if (!list) return;
    new MutationObserver(() => {
      if (list.children.length > 0) b.scopesShown.push(performance.now());
    }).observe(list, { childList: true });
  });
  document.addEventListener('change', (e) => {
    if (e.target?.id === 'file-input') b.fileChosen.push(performance.now());
  }, true);
  /** Marks the start of a flow: later log entries belong to it. Runs `fn` without awaiting it. */
  // `fn` runs in a task of its own, so a flow's long tasks are its own, not the bench's.
  b.start = (fn) => new Promise((resolve) => setTimeout(() => {
    const mark = { t: performance.now(), n: b.seq, progressFrom: b.progress.length };
    b.current = mark;
    if (fn) Promise.resolve().then(fn).catch((e) => { b.error = String(e?.stack ?? e); });
    resolve(mark);
  }, 0));
  // Cancel, clicked by the page itself on the worker's first progress report of a run
  // (after 'running', every value the bar takes comes from the worker).
  b.cancelArmed = false;
  const maybeCancel = () => {
    if (!b.cancelArmed || document.body.dataset.state !== 'running') return;
    const v = Number(document.querySelector('#progress')?.getAttribute('value'));
    if (!(v < 100)) return;
    b.cancelArmed = false;
    b.cancelClickedAt = performance.now();
    b.cancelAtValue = v;
    document.querySelector('#cancel-button').click();
  };
  b.maybeCancel = maybeCancel;
  /** The log entries of the current flow. */
  b.since = () => b.log.filter((e) => e.n > (b.current?.n ?? 0));
}

/** Waits until the current flow's log holds a data-state in `states` (after `after` if given); returns that entry. */
async function waitState(page, states, { timeoutS = options.timeoutS, after = null } = {}) {
  const handle = await page.waitForFunction(([wanted, afterN]) => {
    const b = window.__bench;
    if (b.error) return { error: b.error };
    return b.since().find((e) => e.attr === 'data-state' && wanted.includes(e.value) && (afterN === null || e.n > afterN)) ?? false;
  }, [states, after], { timeout: timeoutS * 1000, polling: 20 });
  const hit = await handle.jsonValue();
  if (hit.error) throw new Error(`the page's hook threw: ${hit.error}`);
  return hit;
}

/**
 * The longest main-thread task (ms) that started in [from, to], with how many over 50 ms,
 * and each long task put down to what it did (`tasks`: { ms, what }, longest first): the
 * page's data-state before it and any it set, the scripts that ran in it (their invoker and
 * entry function, with the style and layout they forced) and the frame's rendering when
 * the task held it (style + layout, then paint), from the long-animation-frame entries.
 */
async function longTasks(page, from, to = Infinity) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 60))));
  return page.evaluate(([a, z]) => {
    const b = window.__bench;
    const inside = b.longTasks.filter((e) => e.start >= a - 1 && e.start <= z);
    const top = inside.reduce((m, e) => (m && m.duration >= e.duration ? m : e), null);
    const stateAt = (t) => b.log.filter((e) => e.attr === 'data-state' && e.t <= t).at(-1)?.value ?? null;
    const r = (x) => Math.round(x);
    const file = (url) => (url ? url.replace(/^.*\//, '').replace(/\?.*$/, '') : '');
    const what = (task) => {
      const end = task.start + task.duration;
      const parts = [];
      const set = b.log.filter((e) => e.attr === 'data-state' && e.t >= task.start && e.t <= end).map((e) => e.value);
      parts.push(`state ${stateAt(task.start) ?? '?'}${set.length ? ` -> ${set.join(' -> ')}` : ''}`);
      const frame = b.frames.find((f) => f.start <= end && f.start + f.duration >= task.start);
      if (!frame) return parts.join('; ');
      const scripts = frame.scripts.filter((s) => s.start >= task.start - 1 && s.start <= end);
      for (const s of scripts) {
        const fn = [s.fn, file(s.url)].filter(Boolean).join(' ');
        parts.push(`${s.invoker || s.type}${fn ? ` [${fn}]` : ''} ${r(s.duration)} ms${s.forced >= 1 ? ` (forced style+layout ${r(s.forced)})` : ''}`);
      }
      const frameEnd = frame.start + frame.duration;
      if (frame.renderStart > 0 && frame.renderStart >= task.start - 1 && frame.renderStart <= end) {
        const styleAt = frame.styleAndLayoutStart || frame.renderStart;
        parts.push(`rendering ${r(frameEnd - frame.renderStart)} ms (rAF ${r(styleAt - frame.renderStart)}, style+layout+paint ${r(frameEnd - styleAt)})`);
      }
      if (!scripts.length && !(frame.renderStart >= task.start - 1 && frame.renderStart <= end)) parts.push('no script over 5 ms (message decoding, GC or browser work)');
      return parts.join('; ');
    };
    const tasks = [...inside].sort((x, y) => y.duration - x.duration).map((t) => ({ ms: r(t.duration), what: what(t) }));
    return { longest: top?.duration ?? 0, longestInState: top ? stateAt(top.start) : null, over50: inside.length, over100: inside.filter((e) => e.duration > 100).length,
      all: inside.map((e) => r(e.duration)), tasks };
  }, [from, to]);
}

/** Self time per function (ms) of a CDP CPU profile, highest first. */
function summariseProfile(cpu) {
  const byId = new Map(cpu.nodes.map((node) => [node.id, node]));
  const self = new Map();
  for (let i = 0; i < cpu.samples.length; i++) {
    const f = byId.get(cpu.samples[i]).callFrame;
    const where = f.url ? `${f.url.replace(/^https?:\/\/[^/]+/, '')}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + (cpu.timeDeltas[i + 1] ?? 0) / 1000);
  }
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([fn, ms]) => ({ fn, selfMs: Math.round(ms) }));
}

/** Puts an id list in the page (window.__bench.ids) ahead of a flow: Playwright's argument passing is not the page's cost. */
async function stageIds(page, ids) {
  await page.evaluate((list) => { window.__bench.ids = list; }, ids);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
}

/**
 * Where an add's time went, from the page's log: preflight (start to the dialog or the run),
 * the run until the worker's first progress report, the core's run (to the worker's 100%),
 * and saving + status + the page's update (100% to done). Dialog time is left out.
 */
function flowPhases(page, mark) {
  return page.evaluate((m) => {
    const b = window.__bench;
    const states = b.log.filter((e) => e.n > m.n && e.attr === 'data-state');
    const at = (v) => states.find((e) => e.value === v)?.t ?? null;
    const confirming = at('confirming');
    const running = at('running');
    const done = states.find((e) => ['done', 'cancelled', 'fault'].includes(e.value))?.t ?? null;
    const prog = b.progress.slice(m.progressFrom).filter((p) => running !== null && p.t > running);
    const first = prog[0]?.t ?? null;
    const hundred = prog.find((p) => Number(p.value) === 100)?.t ?? null;
    const d = (a, z) => (a === null || z === null ? null : Math.round(z - a));
    return {
      preflightMs: d(m.t, confirming ?? running), toFirstProgressMs: d(running, first), coreMs: d(first, hundred),
      saveAndUpdateMs: d(hundred, done), progressTimes: prog.map((p) => `${p.value}@${Math.round(p.t - running)}`).join(' '),
    };
  }, mark);
}

/**
 * The journal as stored: the head and the records (with their JSON length); with `base`, the
 * base's kind and size too. The base is the whole file's text: read it only when asked, so the
 * bench does not pull tens of megabytes into the page's heap around every change.
 */
function readStore(page, { base: withBase = false } = {}) {
  return page.evaluate(async (wantBase) => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('ipam-failover');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      const names = [...db.objectStoreNames];
      if (!names.includes('state') || !names.includes('journal')) return { names };
      const tx = db.transaction(['state', 'journal']);
      const get = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
      const [head, base, records] = await Promise.all([
        get(tx.objectStore('state').get('head')), wantBase ? get(tx.objectStore('state').get('base')) : null, get(tx.objectStore('journal').getAll()),
      ]);
      // A packed base's size: its pieces' (the ["base", i] records), or its bytes whole.
      let baseBytes = (base?.text ?? base?.bytes)?.length ?? null;
      if (base && Number.isSafeInteger(base.pieces)) {
        const pieces = await get(db.transaction('state').objectStore('state').getAll(IDBKeyRange.bound(['base', 0], ['base', Infinity])));
        baseBytes = pieces.reduce((n, p) => n + p.length, 0);
      }
      return {
        head,
        headBytes: JSON.stringify(head ?? null).length,
        base: base ? { kind: base.kind, upToSeq: base.upToSeq, pieces: base.pieces ?? null, textBytes: baseBytes } : null,
        records: records.map((r) => ({ seq: r.seq, op: r.op, bytes: JSON.stringify(r).length, ids: r.scopeIds?.length ?? 0 })),
      };
    } finally {
      db.close();
    }
  }, withBase);
}

async function storageUsage(page) {
  return page.evaluate(async () => (await navigator.storage.estimate()).usage ?? null);
}

/** What must not change across a cancel or a reload: revision, history flags, pending counts. */
function copyState(page) {
  return page.evaluate(async () => {
    const h = window.__ipam;
    const diff = await h.diff();
    const count = (x) => (Array.isArray(x) ? x.length : x ?? null);
    return {
      revision: h.revision, canUndo: h.canUndo, canRedo: h.canRedo, running: h.running,
      added: count(diff?.added), removed: count(diff?.removed),
      relationships: JSON.stringify((diff?.relationships ?? []).map((r) => [String(r.FailoverRelationId), r.added, r.removed])),
    };
  });
}

// --- one size --------------------------------------------------------------------------
async function runSize(n, server, files) {
  const out = { scopes: n, fileBytes: files.bytes, inNone: files.inNone.length, flows: {}, memory: {}, storage: {}, notes: [], longTasks: [] };
  /** Keeps a flow's long tasks, each with what it did, for the report's "long tasks per flow". */
  const noteTasks = (flow, lt) => { for (const t of lt.tasks) out.longTasks.push({ flow, ...t }); };
  log(`${n} scopes: launching Chromium (fresh profile)`);
  noteLoad(`${n} start`);
  const browser = await chromium.launch({
    executablePath: browserPath,
    // The e2e flags, plus a gc() in every isolate (the worker's too) for the after-GC figure
    // and an immediate measureUserAgentSpecificMemory() instead of one at the next GC.
    args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc', '--enable-blink-features=ForceEagerMeasureMemory'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(initScript);
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); if (process.env.TLOG && m.text().startsWith('T ')) console.log(m.text()); });
    // Main workers (www/worker.js) started: a rebuild after Cancel would start one. The output
    // and import workers come and go by themselves (they end when idle), so they do not count.
    let workersStarted = 0;
    page.on('worker', (w) => { if (new URL(w.url()).pathname.endsWith('/worker.js')) workersStarted += 1; });
    const browserCdp = await browser.newBrowserCDPSession();
    const pageCdp = await context.newCDPSession(page);

    await page.goto(server.url);
    await page.waitForSelector('body[data-engine="ready"][data-state="idle"]', { timeout: 60000 });
    out.crossOriginIsolated = await page.evaluate(() => window.crossOriginIsolated);
    out.cancellable = await page.evaluate(() => window.__ipam.cancellable);

    const renderers = async () => {
      const { processInfo } = await browserCdp.send('SystemInfo.getProcessInfo');
      return processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
    };
    const rss = async () => {
      const pids = await renderers();
      const each = pids.map((pid) => ({ pid, rss: rssOf(pid) }));
      return { total: each.reduce((s, p) => s + (p.rss ?? 0), 0), renderers: each.length, each };
    };
    const gc = async () => {
      await pageCdp.send('HeapProfiler.collectGarbage');
      for (const w of page.workers()) await w.evaluate(() => globalThis.gc?.()).catch(() => {});
      await pageCdp.send('HeapProfiler.collectGarbage');
      await sleep(300);
    };
    const uaMemory = () => page.evaluate(async () => {
      if (typeof performance.measureUserAgentSpecificMemory !== 'function') return null;
      const r = await Promise.race([performance.measureUserAgentSpecificMemory(), new Promise((res) => setTimeout(() => res(null), 20000))]);
      if (!r) return { timedOut: true };
      const by = {};
      for (const e of r.breakdown) {
        for (const a of e.attribution.length ? e.attribution : [{ scope: 'shared' }]) by[a.scope ?? 'other'] = (by[a.scope ?? 'other'] ?? 0) + e.bytes / Math.max(1, e.attribution.length);
      }
      return { bytes: r.bytes, byScope: by };
    }).catch((e) => ({ error: String(e.message ?? e) }));

    await sleep(500);
    await gc();
    out.memory.beforeLoad = await rss();
    out.memory.uaBeforeLoad = await uaMemory();

    // ---- load ----------------------------------------------------------------------------
    log(`${n} scopes: loading ${(files.bytes / 1048576).toFixed(1)} MB through #file-input`);
    const pids = await renderers();
    let peak = 0;
    const samples = [];
    const sampler = setInterval(() => {
      const total = pids.reduce((s, pid) => s + (rssOf(pid) ?? 0), 0);
      samples.push(total);
      peak = Math.max(peak, total);
    }, 50);
    const revBefore = await page.evaluate(() => window.__ipam.revision);
    const mark = await page.evaluate(() => {
      const m = window.__bench.start();
      document.querySelector('#scopes-body')?.replaceChildren(); // so "rows shown" means the new file's rows
      return m;
    });
    const wallStart = Date.now();
    await page.setInputFiles('#file-input', files.path);
    const idle = await waitState(page, ['idle', 'refused']);
    if (idle.value !== 'idle') throw new Error(`the page refused the ${n}-scope file`);
    await page.waitForFunction((r) => window.__ipam.revision > r, revBefore, { timeout: 60000 });
    const shownOk = await page.waitForFunction(() => {
      const b = window.__bench;
      return b.scopesShown.some((t) => t > b.current.t);
    }, null, { timeout: 30000, polling: 20 }).then(() => true, () => false);
    const wallMs = Date.now() - wallStart;
    const loadInfo = await page.evaluate(() => {
      const b = window.__bench;
      return { chosen: b.fileChosen.at(-1) ?? null, shown: b.scopesShown.filter((t) => t > b.current.t)[0] ?? null };
    });
    const from = loadInfo.chosen ?? mark.t;
    // Answering input: the first frame after the page is idle and shows the rows.
    const answered = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(performance.now()))));
    clearInterval(sampler);
    const lt = await longTasks(page, mark.t);
    noteTasks('load', lt);
    out.flows.load = {
      toIdleMs: idle.t - from, toRowsShownMs: shownOk ? loadInfo.shown - from : null, toFrameMs: answered - from,
      wallMs, longestTaskMs: lt.longest, tasksOver50: lt.over50, tasksMs: lt.all, fromChangeEvent: loadInfo.chosen !== null,
    };
    await sleep(1500);
    out.memory.afterLoad = await rss();
    await gc();
    out.memory.afterLoadGc = await rss();
    out.memory.loadPeak = Math.max(peak, out.memory.afterLoad.total);
    out.memory.loadSamples = samples.length;
    // The base's size is read after the memory figures (see below): reading an 87 MB base
    // into the page would count in them, and the page itself never reads it.
    const stored = await readStore(page);
    out.storage.afterLoad = { baseBytes: null, records: stored.records?.length ?? null };
    out.storage.usageAfterLoad = await storageUsage(page);
    log(`${n} scopes: loaded: ${out.flows.load.toIdleMs.toFixed(0)} ms to idle, longest task ${lt.longest.toFixed(0)} ms`);

    // ---- small changes -------------------------------------------------------------------
    // Round r: add 20 scopes in no relationship to relationship 1, remove 20 of its members,
    // undo (the remove), redo. Each timed from the hook call to body[data-state] saying so.
    const smalls = { add: [], remove: [], undo: [], redo: [] };
    const smallTasks = { add: [], remove: [], undo: [], redo: [] };
    const smallTaskStates = [];
    const bytesPerChange = [];
    const usagePerChange = [];
    let changes = 0;
    const inNone1 = files.inNonePair0;
    const members1 = files.membersOf1;
    if (inNone1.length < 20 * options.runs || members1.length < 20 * options.runs) {
      out.notes.push(`only ${Math.min(Math.floor(inNone1.length / 20), Math.floor(members1.length / 20))} rounds of distinct small changes fit; later rounds repeat scopes`);
    }
    const small = async (kind, args, expect) => {
      const seqBefore = (await readStore(page)).head?.seq ?? 0;
      const usageBefore = await storageUsage(page);
      const revision = await page.evaluate(() => window.__ipam.revision);
      const m = await page.evaluate(([k, a]) => window.__bench.start(() => window.__ipam[k](...a)), [kind, args]);
      const hit = await waitState(page, [expect, 'fault', 'confirming', 'not-staged']);
      if (hit.value !== expect) throw new Error(`${kind} ended in state ${hit.value}`);
      await page.waitForFunction((r) => window.__ipam.revision > r, revision, { timeout: 30000 });
      const lt2 = await longTasks(page, m.t);
      noteTasks(`small ${kind}`, lt2);
      smalls[kind].push(hit.t - m.t);
      smallTasks[kind].push(lt2.longest);
      if (lt2.over50) smallTaskStates.push(`${kind}: ${lt2.all.join('/')} ms (state ${lt2.longestInState})`);
      const after = await readStore(page);
      const fresh = (after.records ?? []).filter((r) => r.seq > seqBefore);
      bytesPerChange.push({ kind, records: fresh.length, bytes: fresh.reduce((s, r) => s + r.bytes, 0) + after.headBytes });
      const usageAfter = await storageUsage(page);
      if (usageBefore != null && usageAfter != null) usagePerChange.push(usageAfter - usageBefore);
      changes += 1;
      if (changes === 10) {
        await sleep(500);
        out.memory.after10Changes = await rss();
        await gc();
        out.memory.after10ChangesGc = await rss();
        out.memory.uaAfter10ChangesGc = await uaMemory();
      }
    };
    const traceEvents = [];
    if (options.trace) {
      pageCdp.on('Tracing.dataCollected', ({ value }) => traceEvents.push(...value));
      await pageCdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.stack', transferMode: 'ReportEvents' });
    }
    if (options.profile) {
      await pageCdp.send('Profiler.enable');
      await pageCdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await pageCdp.send('Profiler.start');
    }
    log(`${n} scopes: ${Math.max(options.runs, 3)} rounds of small changes`);
    for (let r = 0; r < Math.max(options.runs, 3); r++) {
      const pick = (list) => Array.from({ length: 20 }, (_, i) => list[(20 * r + i) % list.length]);
      await small('add', [1, pick(inNone1)], 'done');
      await small('remove', [1, pick(members1)], 'done');
      await small('undo', [], 'undone');
      await small('redo', [], 'redone');
    }
    if (changes < 10) out.notes.push('fewer than 10 small changes: no after-10-changes memory figure');
    // Small changes leave the base as the load wrote it (a compaction needs 200 records).
    out.storage.afterLoad.baseBytes = (await readStore(page, { base: true })).base?.textBytes ?? null;
    await gc();
    out.flows.small = Object.fromEntries(Object.keys(smalls).map((k) => [k, {
      medianMs: median(smalls[k]), runsMs: smalls[k], longestTaskMs: max(smallTasks[k]),
    }]));
    out.flows.smallLongTasks = smallTaskStates;
    if (options.profile) {
      const { profile } = await pageCdp.send('Profiler.stop');
      out.profileSmallChanges = summariseProfile(profile);
    }
    if (options.trace) {
      const done = new Promise((resolve) => pageCdp.once('Tracing.tracingComplete', resolve));
      await pageCdp.send('Tracing.end');
      await done;
      out.traceSmallChanges = summariseTrace(traceEvents);
      out.traceSmallLongTasks = traceLongTasks(traceEvents);
      await writeFile(path.join(root, 'bench', 'results', `trace-${n}.json`), JSON.stringify({ traceEvents }));
    }
    out.storage.perSmallChange = bytesPerChange;
    out.storage.usageDeltaPerChange = usagePerChange;
    log(`${n} scopes: small add ${median(smalls.add).toFixed(0)} ms, remove ${median(smalls.remove).toFixed(0)} ms (medians)`);

    // ---- reload ----------------------------------------------------------------------------
    if (!options.skip.has('reload')) {
    const beforeReload = await copyState(page);
    const journal = await readStore(page, { base: true });
    const reloadTrace = [];
    if (options.trace) {
      pageCdp.removeAllListeners('Tracing.dataCollected');
      pageCdp.on('Tracing.dataCollected', ({ value }) => reloadTrace.push(...value));
      await pageCdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.stack', transferMode: 'ReportEvents' });
    }
    const reloadStart = Date.now();
    await page.reload();
    await page.waitForSelector('body[data-engine="ready"][data-state="idle"]', { timeout: options.timeoutS * 1000 });
    const reloadWall = Date.now() - reloadStart;
    if (options.trace) {
      await sleep(500); // the first paints after idle belong to the reload
      const done = new Promise((resolve) => pageCdp.once('Tracing.tracingComplete', resolve));
      await pageCdp.send('Tracing.end');
      await done;
      out.traceReloadLongTasks = traceLongTasks(reloadTrace);
      await writeFile(path.join(root, 'bench', 'results', `trace-${n}-reload.json`), JSON.stringify({ traceEvents: reloadTrace }));
    }
    const reloadInfo = await page.evaluate(() => {
      const idleAt = window.__bench.log.find((e) => e.attr === 'data-state' && e.value === 'idle');
      // www/app.js's start-up marks (ms since navigation), worker ones included.
      return { idleSinceNavigation: idleAt?.t ?? null, phases: window.__ipamTiming ?? null };
    });
    const ltReload = await longTasks(page, 0);
    noteTasks('reload', ltReload);
    const afterReload = await copyState(page);
    out.flows.reload = {
      toIdleMs: reloadInfo.idleSinceNavigation, wallMs: reloadWall, longestTaskMs: ltReload.longest, tasksOver50: ltReload.over50, tasksMs: ltReload.all,
      journalRecords: journal.records?.length ?? null, baseKind: journal.base?.kind ?? null,
      restoredSame: JSON.stringify(beforeReload) === JSON.stringify(afterReload), phases: reloadInfo.phases,
    };
    if (!out.flows.reload.restoredSame) out.notes.push(`reload: before ${JSON.stringify(beforeReload)} after ${JSON.stringify(afterReload)}`);
    log(`${n} scopes: reload ${reloadInfo.idleSinceNavigation?.toFixed(0)} ms from navigation to idle (${journal.records?.length} journal records)`);
    if (reloadInfo.phases) log(`${n} scopes: reload marks (ms since navigation): ${Object.entries(reloadInfo.phases).map(([k, t]) => `${k} ${t}`).join(', ')}`);
    }

    // ---- full adds -------------------------------------------------------------------------
    const fullAdd = async (name, ids) => {
      const revision = await page.evaluate(() => window.__ipam.revision);
      await stageIds(page, ids);
      const m = await page.evaluate(() => window.__bench.start(() => window.__ipam.add(1, window.__bench.ids)));
      let hit = await waitState(page, ['done', 'confirming', 'fault']);
      let dialogMs = 0;
      let preflight = null;
      if (hit.value === 'confirming') {
        preflight = await confirmPreflight(page);
        const left = await page.evaluate((n0) => window.__bench.log.find((e) => e.n > n0 && e.attr === 'data-state' && e.value !== 'confirming'), hit.n);
        hit = await waitState(page, ['done', 'fault'], { after: hit.n });
        const confirmingAt = (await page.evaluate((mm) => window.__bench.since().find((e) => e.attr === 'data-state' && e.value === 'confirming'), m)).t;
        dialogMs = (left?.t ?? hit.t) - confirmingAt;
      }
      if (hit.value !== 'done') throw new Error(`${name} ended in state ${hit.value}`);
      await page.waitForFunction((r) => window.__ipam.revision > r, revision, { timeout: 60000 });
      const lt3 = await longTasks(page, m.t);
      noteTasks(name, lt3);
      const prog = await page.evaluate((from) => window.__bench.progress.slice(from).map((p) => p.value), m.progressFrom);
      const phases = await flowPhases(page, m);
      const result = {
        clickToDoneMs: hit.t - m.t - dialogMs, dialogMs, longestTaskMs: lt3.longest, longestInState: lt3.longestInState, tasksOver50: lt3.over50, tasksOver100: lt3.over100, tasksMs: lt3.all,
        progressDistinct: new Set(prog).size, progressSets: prog.length, scopes: ids.length, preflight, phases,
      };
      // Undo it, timed as well: the copy goes back for the next flow.
      const revision2 = await page.evaluate(() => window.__ipam.revision);
      const u = await page.evaluate(() => window.__bench.start(() => window.__ipam.undo()));
      const uh = await waitState(page, ['undone', 'fault']);
      await page.waitForFunction((r) => window.__ipam.revision > r, revision2, { timeout: 60000 });
      const ltu = await longTasks(page, u.t);
      noteTasks(`undo of ${name}`, ltu);
      result.undoMs = uh.t - u.t;
      result.undoLongestTaskMs = ltu.longest;
      // The worker may compact its journal after the reply: wait for its queue to drain.
      const q = Date.now();
      await page.evaluate(() => window.__ipam.diff().then(() => null));
      result.queueDrainMs = Date.now() - q;
      log(`${n} scopes: ${name}: ${result.clickToDoneMs.toFixed(0)} ms click to done (dialog ${dialogMs.toFixed(0)} ms excluded), longest task ${lt3.longest.toFixed(0)} ms, progress took ${result.progressDistinct} values`);
      return result;
    };
    // --trace: a second trace over the full adds, the full remove and the exports.
    const fullTrace = [];
    const traceFull = options.trace && !(options.skip.has('full') && options.skip.has('export'));
    if (options.profile) {
      await pageCdp.send('Profiler.start');
    }
    if (traceFull) {
      pageCdp.removeAllListeners('Tracing.dataCollected');
      pageCdp.on('Tracing.dataCollected', ({ value }) => fullTrace.push(...value));
      await pageCdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.stack', transferMode: 'ReportEvents' });
    }
    if (!options.skip.has('full')) {
      out.flows.addInNone = await fullAdd(`add the ${files.inNone.length} scopes in no relationship`, files.inNone);
      out.flows.addAll = await fullAdd(`add all ${n}`, files.all);
      // Remove every scope from every relationship (two thirds of them are in one), then undo it.
      await stageIds(page, files.all);
      const revision = await page.evaluate(() => window.__ipam.revision);
      const m = await page.evaluate(() => window.__bench.start(() => window.__ipam.remove(null, window.__bench.ids)));
      const hit = await waitState(page, ['done', 'fault']);
      if (hit.value !== 'done') throw new Error(`remove all ended in state ${hit.value}`);
      await page.waitForFunction((r) => window.__ipam.revision > r, revision, { timeout: 60000 });
      const ltr = await longTasks(page, m.t);
      noteTasks(`remove all ${n} from every relationship`, ltr);
      const revision2 = await page.evaluate(() => window.__ipam.revision);
      const u = await page.evaluate(() => window.__bench.start(() => window.__ipam.undo()));
      const uh = await waitState(page, ['undone', 'fault']);
      await page.waitForFunction((r) => window.__ipam.revision > r, revision2, { timeout: 60000 });
      const ltu = await longTasks(page, u.t);
      noteTasks(`undo of remove all ${n}`, ltu);
      await page.evaluate(() => window.__ipam.diff().then(() => null));
      out.flows.removeAll = { clickToDoneMs: hit.t - m.t, longestTaskMs: ltr.longest, undoMs: uh.t - u.t, undoLongestTaskMs: ltu.longest };
      log(`${n} scopes: remove all: ${out.flows.removeAll.clickToDoneMs.toFixed(0)} ms click to done, longest task ${ltr.longest.toFixed(0)} ms; undo ${out.flows.removeAll.undoMs.toFixed(0)} ms`);
    }

    // ---- exports ---------------------------------------------------------------------------
    // The working tables (the largest text) and the PowerShell script (the change set of the
    // small changes), each from the hook call until the file is handed to the browser.
    if (!options.skip.has('export')) {
      out.flows.exports = {};
      for (const format of ['tables', 'powershell']) {
        // The button, as a user does it (works on older builds too); done when #export-status says so.
        const m = await page.evaluate((id) => window.__bench.start(() => {
          const status = document.getElementById('export-status');
          status.textContent = '';
          new MutationObserver((_, mo) => { mo.disconnect(); window.__bench.exported = performance.now(); }).observe(status, { childList: true, characterData: true, subtree: true });
          document.getElementById(id).click();
        }), format === 'tables' ? 'export-tables' : 'export-ps1');
        const done = await (await page.waitForFunction((t) => window.__bench.error ?? (window.__bench.exported > t ? window.__bench.exported : false), m.t,
          { timeout: options.timeoutS * 1000, polling: 20 })).jsonValue();
        if (typeof done !== 'number') throw new Error(`export ${format}: ${done}`);
        const lte = await longTasks(page, m.t);
        noteTasks(`export ${format}`, lte);
        out.flows.exports[format] = { ms: done - m.t, longestTaskMs: lte.longest };
        log(`${n} scopes: export ${format}: ${(done - m.t).toFixed(0)} ms, longest task ${lte.longest.toFixed(0)} ms`);
      }
    }

    if (options.profile) {
      const { profile } = await pageCdp.send('Profiler.stop');
      out.profileFull = summariseProfile(profile);
    }
    if (traceFull) {
      const done = new Promise((resolve) => pageCdp.once('Tracing.tracingComplete', resolve));
      await pageCdp.send('Tracing.end');
      await done;
      out.traceFullLongTasks = traceLongTasks(fullTrace);
      await writeFile(path.join(root, 'bench', 'results', `trace-${n}-full.json`), JSON.stringify({ traceEvents: fullTrace }));
    }

    // ---- cancel --------------------------------------------------------------------------
    if (n >= options.cancelMin && !options.skip.has('cancel')) {
      log(`${n} scopes: cancel a running add of all ${n}`);
      const before = await copyState(page);
      const storedBefore = await readStore(page);
      const workersBefore = workersStarted;
      await stageIds(page, files.all);
      await page.evaluate(() => { window.__bench.cancelArmed = true; window.__bench.cancelClickedAt = null; });
      const m = await page.evaluate(() => window.__bench.start(() => window.__ipam.add(1, window.__bench.ids)));
      let hit = await waitState(page, ['running', 'confirming', 'done', 'fault']);
      if (hit.value === 'confirming') {
        await confirmPreflight(page);
        hit = await waitState(page, ['running', 'done', 'fault'], { after: hit.n });
      }
      const end = await waitState(page, ['cancelled', 'done', 'fault'], { after: hit.n });
      const clicked = await page.evaluate(() => ({ at: window.__bench.cancelClickedAt, value: window.__bench.cancelAtValue }));
      await page.evaluate(() => { window.__bench.cancelArmed = false; });
      const cancelPhases = await flowPhases(page, m);
      const ltc = await longTasks(page, clicked.at ?? m.t);
      noteTasks('cancel', ltc);
      await sleep(1500); // long enough for a run that went on to finish: nothing must arrive
      const after = await copyState(page);
      const storedAfter = await readStore(page);
      const stateAfter = await page.evaluate(() => document.body.dataset.state);
      out.flows.cancel = {
        ended: end.value, clickToIdleMs: clicked.at != null ? end.t - clicked.at : null, atProgress: clicked.value ?? null, phases: cancelPhases,
        longestTaskMs: ltc.longest, longestInState: ltc.longestInState, tasksMs: ltc.all, stateAfterWait: stateAfter,
        copyUnchanged: JSON.stringify(before) === JSON.stringify(after),
        // Nothing written for the cancelled change: the same revision and journal position (a
        // compaction in between rewrites the base and the head's savedAt, not the copy).
        storageUnchanged: storedBefore.head?.revision === storedAfter.head?.revision && storedBefore.head?.seq === storedAfter.head?.seq,
        revision: [before.revision, after.revision], pending: [[before.added, before.removed], [after.added, after.removed]],
      };
      if (end.value === 'done') {
        out.notes.push('cancel: the run ended before Cancel took effect; undone');
        const rev = await page.evaluate(() => window.__ipam.revision);
        await page.evaluate(() => window.__bench.start(() => window.__ipam.undo()));
        await waitState(page, ['undone', 'fault']);
        await page.waitForFunction((r) => window.__ipam.revision > r, rev, { timeout: 60000 });
      }
      // The next action: a small add in the same worker (no rebuild), timed.
      const revision = await page.evaluate(() => window.__ipam.revision);
      const s = await page.evaluate((ids) => window.__bench.start(() => window.__ipam.add(1, ids)), files.inNonePair0.slice(-20));
      const sh = await waitState(page, ['done', 'fault', 'confirming']);
      await page.waitForFunction((r) => window.__ipam.revision > r, revision, { timeout: 30000 }).catch(() => {});
      out.flows.cancel.nextSmallAddMs = sh.value === 'done' ? sh.t - s.t : null;
      out.flows.cancel.workersStarted = workersStarted - workersBefore;
      log(`${n} scopes: cancel ended "${end.value}" ${out.flows.cancel.clickToIdleMs?.toFixed(0)} ms after the click; copy unchanged: ${out.flows.cancel.copyUnchanged}`);
    }

    await sleep(500);
    out.memory.end = await rss();
    await gc();
    out.memory.endGc = await rss();
    out.memory.uaEnd = await uaMemory();
    out.problems = problems;
  } finally {
    await browser.close();
    noteLoad(`${n} end`);
  }
  return out;
}

// --- the networks ----------------------------------------------------------------------
async function makeFiles(n) {
  const tables = network(n);
  const text = JSON.stringify(tables);
  const file = await writeJsonFile(`bench-page-${n}.json`, text);
  const paired = new Set(tables.ADM_DhcpScopeFailoverTable.map((p) => p.ScopeId));
  const all = tables.ADM_DHCPScopesTable.map((s) => s.RecordId);
  const inNone = all.filter((id) => !paired.has(id));
  // Relationship 1 is on pair 0's servers: its in-none scopes and members make clean small changes.
  const pair0 = new Set(tables.ADM_DHCPScopesTable.filter((s) => s.DHCPServerRecordId === 1000 || s.DHCPServerRecordId === 1001).map((s) => s.RecordId));
  return {
    path: file, bytes: Buffer.byteLength(text), all, inNone,
    inNonePair0: inNone.filter((id) => pair0.has(id)),
    membersOf1: tables.ADM_DhcpScopeFailoverTable.filter((p) => p.FailoverRelationId === 1).map((p) => p.ScopeId),
  };
}

// --- run -------------------------------------------------------------------------------
const started = Date.now();
noteLoad('start');
if (os.loadavg()[0] > 0.5 * os.cpus().length) {
  log(`warning: load average ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} cores; timings are noisy (compare ratios within the run)`);
}
const server = await startWww(options.root ? { root: options.root } : {});
const results = [];
let failed = false;
try {
  for (const n of options.sizes) {
    const files = await makeFiles(n);
    try {
      results.push(await runSize(n, server, files));
    } catch (e) {
      failed = true;
      console.error(`bench: ${n} scopes failed: ${e?.stack ?? e}`);
      results.push({ scopes: n, error: String(e?.message ?? e) });
    } finally {
      if (!options.keepFiles) await rm(files.path, { force: true });
    }
  }
} finally {
  await server.close();
}

const wasmSize = (dir) => {
  try {
    const bytes = readFileSync(path.join(root, 'www', dir, 'ipam_failover_bg.wasm'));
    return { raw: bytes.length, gzip9: gzipSync(bytes, { level: 9 }).length };
  } catch {
    return null;
  }
};
const payload = {
  options, chromium: null, node: process.version, wallClockS: Math.round((Date.now() - started) / 1000),
  load: { samples: loads, cores: os.cpus().length }, sizes: { pkg: wasmSize('pkg'), pkgImport: wasmSize('pkg-import') }, results,
};
try {
  payload.git = execFileSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
} catch { payload.git = null; }
await mkdir(path.join(here, 'results'), { recursive: true });
const outFile = path.join(here, 'results', 'latest-page.json');
await writeFile(outFile, JSON.stringify(payload, null, 2) + '\n');

// --- report ----------------------------------------------------------------------------
const { report } = await import('./page-report.mjs');
console.log(report(payload));
console.log(`results: ${path.relative(process.cwd(), outFile)}${failed ? ' (FAILED)' : ''}`);
process.exit(failed ? 1 : 0);
