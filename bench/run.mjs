#!/usr/bin/env node
// Runs bench/index.html in headless Chromium and prints the figures.
//
//   bash scripts/setup.sh && bash scripts/build.sh && node bench/run.mjs [--runs 7] [--warmup 2] [--rows 1000000]
//        [--scopes 100000] [--relationships 4] [--seed N] [--settleMs 100] [--timeout-s 900] [--profile]
//
// Serves the repository root on 127.0.0.1 (a free port) so the page can import
// /www/pkg-import/ipam_failover.js (the whole API, with the stateless addScopes), waits for
// #results[data-state], prints a table and the size of www/pkg's .wasm (the page's first
// module; raw and gzip -9), and writes bench/results/latest.json (git-ignored).
// Exit status: 0 done, 1 the page failed or the implementations disagree, 2 setup problem.

import http from 'node:http';
import { readFile, stat, mkdir, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const pkgDir = path.join(root, 'www', 'pkg');
const wasmPath = path.join(pkgDir, 'ipam_failover_bg.wasm');
const gluePath = path.join(pkgDir, 'ipam_failover.js');

// --- arguments -------------------------------------------------------------------------
const PAGE_OPTIONS = ['runs', 'warmup', 'rows', 'scopes', 'relationships', 'seed', 'settleMs', 'sizes'];
const args = process.argv.slice(2);
const pageQuery = new URLSearchParams();
let timeoutS = 900;
let browserPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
let profile = false;
let pageName = 'index';
for (let i = 0; i < args.length; i++) {
  const [flag, inline] = args[i].split('=', 2);
  const value = () => inline ?? args[++i];
  const name = flag.replace(/^--/, '');
  if (PAGE_OPTIONS.includes(name)) pageQuery.set(name, value());
  else if (name === 'timeout-s') timeoutS = Number(value());
  else if (name === 'browser') browserPath = value();
  else if (name === 'profile') profile = true;
  else if (name === 'page') pageName = value();
  else if (name === 'pkg') pageQuery.set('pkg', value());
  else if (name === 'help' || name === 'h') {
    console.log(`usage: node bench/run.mjs [--page index|workspace|view|import] [--${PAGE_OPTIONS.join(' N] [--')} N] [--timeout-s N] [--browser PATH] [--profile] [--pkg /URL/PATH.js]`);
    console.log('  --page workspace: repeated operations on a resident Workspace against per-call plain JS, at several table sizes');
    console.log('  --page view: the working copy at 10k/100k/300k scopes (fromText, queries, selection, changes, memory) against plain JS on the parsed tables');
    console.log('  --page import: importDhcp of a 100k-scope, 2,000-relationship collection against JSON.parse of the same file');
    console.log('  --profile: also record a CPU profile of the whole page and print the functions with the most self time');
    console.log('  --pkg: the wasm package the page imports (a path under the repository root); sizes are always www/pkg\'s');
    process.exit(0);
  } else {
    console.error(`unknown option ${args[i]} (try --help)`);
    process.exit(2);
  }
}

// On a fresh clone nothing is built or installed yet: say what to run, rather than crash.
for (const f of [gluePath, wasmPath]) {
  try {
    await stat(f);
  } catch {
    console.error(`${path.relative(root, f)} is missing: run "bash scripts/build.sh" first`
      + ' (on a fresh clone: bash scripts/setup.sh && bash scripts/build.sh && node bench/run.mjs).');
    process.exit(2);
  }
}
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  console.error('playwright-core is not installed: run "bash scripts/setup.sh" (or "npm ci") first.');
  process.exit(2);
}
try {
  await stat(browserPath);
} catch {
  console.error(`${browserPath} is missing: run "bash scripts/setup.sh" (it installs Debian's Chromium), or pass --browser PATH.`);
  process.exit(2);
}

// Other work on the machine skews the figures: note the load before and after.
const loadBefore = os.loadavg()[0];
if (loadBefore > 0.5 * os.cpus().length) {
  console.log(`bench: warning: load average ${loadBefore.toFixed(2)} on ${os.cpus().length} cores; other work will skew the timings`);
}

// --- static server ---------------------------------------------------------------------
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.css': 'text/css',
  '.map': 'application/json',
  '.ts': 'text/plain; charset=utf-8',
};
const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
    if (file !== root && !file.startsWith(root + path.sep)) throw Object.assign(new Error('outside'), { status: 403 });
    if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      // Cross-origin isolation: lets the page call performance.measureUserAgentSpecificMemory().
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cross-origin-resource-policy': 'same-origin',
    });
    res.end(body);
  } catch (e) {
    res.writeHead(e.status ?? (e.code === 'ENOENT' ? 404 : 500), { 'content-type': 'text/plain' });
    res.end(String(e.message));
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

// --- browser ---------------------------------------------------------------------------
const browser = await chromium.launch({
  executablePath: browserPath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--js-flags=--expose-gc',
    '--enable-precise-memory-info',
  ],
});
let exitCode = 1;
let payload = null;
let profileSummary = null;

/** Self time per function (ms), highest first. */
function summariseProfile(cpu) {
  const byId = new Map(cpu.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const deltas = cpu.timeDeltas;
  for (let i = 0; i < cpu.samples.length; i++) {
    const node = byId.get(cpu.samples[i]);
    const f = node.callFrame;
    const where = f.url ? `${f.url.replace(/^https?:\/\/[^/]+/, '')}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'}  ${where}`.trim();
    const dt = (deltas[i + 1] ?? 0) / 1000;
    self.set(key, (self.get(key) ?? 0) + dt);
  }
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([fn, ms]) => ({ fn, selfMs: Math.round(ms) }));
}
try {
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e?.stack ?? e)));
  page.on('console', (m) => {
    const text = m.text();
    if (text.startsWith('[bench] RESULT')) return; // printed below, formatted
    if (text.startsWith('[bench]') || m.type() === 'error' || m.type() === 'warning') {
      console.log(`  page ${m.type() === 'log' ? '' : m.type() + ' '}${text}`);
    }
  });
  const url = `${origin}/bench/${pageName}.html${pageQuery.size ? `?${pageQuery}` : ''}`;
  console.log(`bench: ${url}`);
  const started = Date.now();
  let cdp = null;
  if (profile) {
    cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await page.goto(url);
  await page.waitForSelector('#results[data-state="done"], #results[data-state="error"]', {
    state: 'attached',
    timeout: timeoutS * 1000,
  });
  if (cdp) {
    const { profile: cpu } = await cdp.send('Profiler.stop');
    await mkdir(path.join(here, 'results'), { recursive: true });
    await writeFile(path.join(here, 'results', 'latest.cpuprofile'), JSON.stringify(cpu));
    profileSummary = summariseProfile(cpu);
  }
  const state = await page.getAttribute('#results', 'data-state');
  payload = JSON.parse(await page.textContent('#results'));
  payload.browserVersion = browser.version();
  payload.wallClockS = Math.round((Date.now() - started) / 1000);
  if (pageErrors.length) {
    payload.pageErrors = pageErrors;
  }
  exitCode = state === 'done' && payload.ok && pageErrors.length === 0 ? 0 : 1;
} catch (e) {
  console.error(`bench: ${e?.stack ?? e}`);
  payload ??= { ok: false, error: String(e?.stack ?? e) };
} finally {
  await browser.close();
  server.close();
}

// --- sizes -----------------------------------------------------------------------------
const wasm = await readFile(wasmPath);
const glue = await readFile(gluePath);
const sizes = {
  wasmRawBytes: wasm.length,
  wasmGzip9Bytes: gzipSync(wasm, { level: 9 }).length,
  glueJsRawBytes: glue.length,
  glueJsGzip9Bytes: gzipSync(glue, { level: 9 }).length,
};
payload.sizes = sizes;
try {
  const rev = execFileSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['-C', root, 'status', '--porcelain', '--', 'src', 'Cargo.toml', 'Cargo.lock'], { encoding: 'utf8' }).trim() !== '';
  payload.git = { commit: rev, sourceChangedSinceCommit: dirty };
} catch {
  payload.git = null;
}
payload.node = process.version;
payload.loadAverage1m = { before: loadBefore, after: os.loadavg()[0], cores: os.cpus().length };

await mkdir(path.join(here, 'results'), { recursive: true });
// A profiled run's timings are inflated by the profiler: keep them apart.
const out = path.join(here, 'results', `${pageName === 'index' ? 'latest' : `latest-${pageName}`}${profile ? '-profiled' : ''}.json`);
await writeFile(out, JSON.stringify(payload, null, 2) + '\n');

// --- report ----------------------------------------------------------------------------
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const mib = (n) => (n == null ? 'n/a' : `${(n / 1048576).toFixed(1)} MiB`);
const pad = (s, n) => String(s ?? '').padEnd(n);
const lpad = (s, n) => String(s ?? '').padStart(n);

console.log('');
if (payload.data) {
  const d = payload.data;
  console.log(
    `data: ${d.rows} scope-failover rows over ${d.relationships} relationships (${d.rowsInTargetRelationship} in the target); ` +
      `${d.requested} ScopeIds: ${d.alreadyPaired} already paired, ${d.pairedWithAnotherRelationship} in another relationship, ` +
      `${d.notInTable} new -> ${d.expectedAppended} rows appended`,
  );
  console.log(`runs: ${payload.options.runs} measured + ${payload.options.warmup} warm-up per implementation, alternating; ${payload.browserVersion ? `Chromium ${payload.browserVersion}` : ''}`);
  console.log('');
}
if (payload.scenarios?.length) {
  console.log(`${pad('scenario', 20)}${pad('impl', 7)}${lpad('median ms', 11)}${lpad('min ms', 10)}${lpad('max ms', 10)}${lpad('1st warm-up', 13)}${lpad('plain/wasm', 12)}`);
  for (const s of payload.scenarios) {
    for (const impl of ['wasm', 'plain']) {
      const r = s[impl];
      if (!r) continue;
      const ratio =
        impl === 'wasm' && s.ratioMedian != null ? `${s.ratioMedian.toFixed(2)}x` : impl === 'plain' && s.ratioPairedMedian != null ? `(${s.ratioPairedMedian.toFixed(2)}x)` : '';
      console.log(
        `${pad(impl === 'wasm' || !s.wasm ? s.name : '', 20)}${pad(impl, 7)}${lpad(r.median?.toFixed(1), 11)}${lpad(r.min?.toFixed(1), 10)}${lpad(r.max?.toFixed(1), 10)}${lpad(r.warmupMs?.[0]?.toFixed(1), 13)}${lpad(ratio, 12)}`,
      );
    }
  }
  console.log('plain/wasm = plain median / wasm median, above 1 means wasm is faster; (in brackets) the median of the per-round ratios');
  const phases = payload.scenarios.find((s) => s.plain?.phasesMedianMs)?.plain.phasesMedianMs;
  if (phases) {
    console.log(`plain phases (median ms): ${Object.entries(phases).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
  }
  const main = payload.scenarios[0];
  if (main?.wasm?.jsHeapGrowthDuringCallMedianBytes != null) {
    console.log(
      `JS heap growth during one call (median, no GC in between): wasm ${mib(main.wasm.jsHeapGrowthDuringCallMedianBytes)}, plain ${mib(main.plain.jsHeapGrowthDuringCallMedianBytes)}; ` +
        `retained after GC: wasm ${mib(main.wasm.jsHeapRetainedAfterGcMedianBytes)}, plain ${mib(main.plain.jsHeapRetainedAfterGcMedianBytes)}`,
    );
  }
  const m = payload.memory;
  if (m) {
    console.log(`wasm linear memory: ${mib(m.wasmLinearMemoryAtLoadBytes)} at load, ${mib(m.wasmLinearMemoryAfterBytes)} after the runs (it never shrinks); JS heap with the data: ${mib(m.jsHeapUsedWithDataBytes)}`);
    const ua = m.measureUserAgentSpecificMemory;
    if (ua?.bytes != null) console.log(`measureUserAgentSpecificMemory: ${mib(ua.bytes)} in total at the end`);
  }
}
if (payload.importInfo) {
  const i = payload.importInfo;
  console.log(`import: ${mib(i.fileBytes)} collection file, ${JSON.stringify(i.counts)}; the import module's wasm memory grew ${mib(i.wasmMemoryGrowthBytes)} (${(i.wasmMemoryGrowthBytes / i.fileBytes).toFixed(2)}x the file); Workspace.fromText(imported tablesText) ${i.workspaceFromImportMs.toFixed(0)} ms`);
  console.log('  (plain = JSON.parse of the same bytes: the floor any import pays, with nothing checked or mapped)');
}
for (const m of payload.memorySizes ?? []) {
  console.log(`${m.scopes} scopes: JSON text ${mib(m.textBytes)}; wasm linear memory grew ${mib(m.wasmMemoryGrowthBytes)} on the first load (${Math.round(m.perScopeBytes)} bytes per scope, ${(m.wasmMemoryGrowthBytes / m.textBytes).toFixed(2)}x the text); ${mib(m.wasmMemoryBytes)} at the end`);
}
if (payload.construction?.length) {
  console.log(`new Workspace(tables), once: ${payload.construction.map((c) => `${c.rows / 1000}k rows ${c.ms.toFixed(1)} ms`).join(', ')}`);
}
console.log(`wasm: ${sizes.wasmRawBytes} bytes raw (${kib(sizes.wasmRawBytes)}), ${sizes.wasmGzip9Bytes} bytes gzip -9 (${kib(sizes.wasmGzip9Bytes)}); JS glue ${sizes.glueJsRawBytes} raw, ${sizes.glueJsGzip9Bytes} gzip -9`);
if (payload.selfCheck) {
  const c = payload.selfCheck;
  console.log(`self-check: ${c.ok ? `both implementations agree on ${c.cases} cases` : `DISAGREE on ${c.mismatches.length} of ${c.cases} cases`}`);
  for (const mm of c.mismatches ?? []) console.log(`  ${JSON.stringify(mm)}`);
}
if (profileSummary) {
  payload.profileTop = profileSummary;
  await writeFile(out, JSON.stringify(payload, null, 2) + '\n');
  console.log('CPU profile, whole page (self time, ms; bench/results/latest.cpuprofile opens in DevTools):');
  for (const { fn, selfMs } of profileSummary) console.log(`  ${lpad(selfMs, 7)}  ${fn}`);
}
if (payload.loadAverage1m.after > 0.75 * payload.loadAverage1m.cores) {
  console.log(`warning: load average ${payload.loadAverage1m.after.toFixed(2)} at the end on ${payload.loadAverage1m.cores} cores (the bench itself adds about 1): timings are suspect, re-run on a quiet machine`);
}
if (payload.error) console.log(`error: ${payload.error}`);
for (const e of payload.pageErrors ?? []) console.log(`page error: ${e}`);
console.log(`results: ${path.relative(process.cwd(), out)}${exitCode ? ' (FAILED)' : ''}`);
process.exit(exitCode);
