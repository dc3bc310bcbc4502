// Prints bench/page.mjs's results (bench/results/latest-page.json) as tables, with the
// goals of issues 8 and 11 beside the figures. Also runnable alone, to re-print a saved run:
//
//   node bench/page-report.mjs [bench/results/latest-page.json]

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ms = (x) => (x == null ? 'n/a' : typeof x === 'string' ? x : `${Math.round(x).toLocaleString('en-US')} ms`);
const mib = (x) => (x == null ? 'n/a' : `${(x / 1048576).toFixed(1)} MiB`);
const kib = (x) => (x == null ? 'n/a' : `${(x / 1024).toFixed(1)} KiB`);
const ratio = (a, b) => (a == null || b == null || b === 0 ? 'n/a' : `${(a / b).toFixed(2)}x`);
const pad = (s, n) => String(s ?? '').padEnd(n);
const lpad = (s, n) => String(s ?? '').padStart(n);
const k = (n) => (n >= 1000 ? `${n / 1000}k` : String(n));
const verdict = (ok) => (ok == null ? '   ?' : ok ? 'met ' : 'NOT ');

function table(rows, widths) {
  return rows.map((r) => r.map((c, i) => (i === 0 ? pad(c, widths[i]) : lpad(c, widths[i]))).join('  ')).join('\n');
}

export function report(p) {
  const out = [];
  const ok = p.results.filter((r) => !r.error);
  const by = new Map(ok.map((r) => [r.scopes, r]));
  const small = by.get(1000) ?? ok[0];
  out.push('');
  out.push(`page benchmark: ${p.results.map((r) => k(r.scopes)).join(', ')} scopes; ${Math.max(p.options.runs, 3)} rounds of small changes (at least 3, for the after-10-changes memory figure); ${p.wallClockS} s in all`);
  out.push(`load average (1 min, ${p.load.cores} cores): ${p.load.samples.map((s) => `${s.when} ${s.load1m.toFixed(2)}`).join(', ')}`);
  for (const r of p.results.filter((x) => x.error)) out.push(`${k(r.scopes)}: FAILED: ${r.error}`);
  if (!ok.length) return out.join('\n');
  out.push(`cross-origin isolated: ${ok.map((r) => r.crossOriginIsolated).join(', ')}; Cancel without restart: ${ok.map((r) => r.cancellable).join(', ')}`);

  // ---- timings ---------------------------------------------------------------------------
  out.push('');
  out.push('Times are medians of the rounds, in the page (performance.now()), dialog time excluded; "task" is the longest main-thread task in the flow.');
  const head = ['flow', ...ok.flatMap((r) => [`${k(r.scopes)} time`, 'task'])];
  const rows = [head];
  const line = (name, get) => rows.push([name, ...ok.flatMap((r) => { const [t, l] = get(r) ?? []; return [ms(t), ms(l)]; })]);
  line('load (change event to idle)', (r) => [r.flows.load?.toIdleMs, r.flows.load?.longestTaskMs]);
  line('load (to the rows shown)', (r) => [r.flows.load?.toRowsShownMs, null]);
  for (const kind of ['add', 'remove', 'undo', 'redo']) line(`small: ${kind} 20`, (r) => [r.flows.small?.[kind]?.medianMs, r.flows.small?.[kind]?.longestTaskMs]);
  line('reload (navigation to idle)', (r) => [r.flows.reload?.toIdleMs, r.flows.reload?.longestTaskMs]);
  line('full add: all in no relationship', (r) => [r.flows.addInNone?.clickToDoneMs, r.flows.addInNone?.longestTaskMs]);
  line('  undo of it', (r) => [r.flows.addInNone?.undoMs, r.flows.addInNone?.undoLongestTaskMs]);
  line('full add: all scopes', (r) => [r.flows.addAll?.clickToDoneMs, r.flows.addAll?.longestTaskMs]);
  line('  undo of it', (r) => [r.flows.addAll?.undoMs, r.flows.addAll?.undoLongestTaskMs]);
  line('full remove: all, from any', (r) => [r.flows.removeAll?.clickToDoneMs, r.flows.removeAll?.longestTaskMs]);
  line('  undo of it', (r) => [r.flows.removeAll?.undoMs, r.flows.removeAll?.undoLongestTaskMs]);
  line('export: working tables (JSON)', (r) => [r.flows.exports?.tables?.ms, r.flows.exports?.tables?.longestTaskMs]);
  line('export: PowerShell script', (r) => [r.flows.exports?.powershell?.ms, r.flows.exports?.powershell?.longestTaskMs]);
  // A run that ended "done" lost the race (the click came after the last point a Cancel is
  // seen), and one that ended in a fault was not cancelled either: their click-to-end times say
  // nothing about Cancel, so they are not printed as one.
  const cancelTime = (c) => (!c || c.ended === 'cancelled' ? c?.clickToIdleMs : c.ended === 'done' ? 'lost: done' : c.ended);
  line('cancel (click to cancelled)', (r) => [cancelTime(r.flows.cancel), r.flows.cancel?.longestTaskMs]);
  line('small add right after cancel', (r) => [r.flows.cancel?.nextSmallAddMs, null]);
  out.push(table(rows, [34, ...ok.flatMap(() => [12, 9])]));
  out.push(`full adds, scopes and progress values: ${ok.map((r) => `${k(r.scopes)}: in-none ${r.flows.addInNone?.scopes} (${r.flows.addInNone?.progressDistinct} values), all ${r.flows.addAll?.scopes} (${r.flows.addAll?.progressDistinct} values)`).join('; ')}`);
  out.push(`small-change runs (ms): ${ok.map((r) => `${k(r.scopes)} add [${r.flows.small?.add?.runsMs.map(Math.round).join(', ')}] remove [${r.flows.small?.remove?.runsMs.map(Math.round).join(', ')}]`).join('; ')}`);
  if (small) {
    out.push(`cost follows the change (small-change median / the same at ${k(small.scopes)}): ${ok.filter((r) => r !== small).map((r) => `${k(r.scopes)}: ${['add', 'remove', 'undo', 'redo'].map((kind) => `${kind} ${ratio(r.flows.small?.[kind]?.medianMs, small.flows.small?.[kind]?.medianMs)}`).join(', ')}`).join('; ')}`);
  }
  for (const r of ok) {
    if (r.longTasks) {
      // Every task over 50 ms, per flow, with what it did (bench/page.mjs's longTasks()).
      out.push(`long tasks at ${k(r.scopes)}: ${r.longTasks.length ? '' : 'none'}`);
      for (const t of r.longTasks) out.push(`  ${lpad(t.ms, 4)} ms  ${t.flow}: ${t.what}`);
      continue;
    }
    const f = r.flows;
    const tasks = [['load', f.load?.tasksMs], ['reload', f.reload?.tasksMs],
      ['add in-none', f.addInNone?.tasksMs, f.addInNone?.longestInState], ['add all', f.addAll?.tasksMs, f.addAll?.longestInState],
      ['cancel', f.cancel?.tasksMs, f.cancel?.longestInState]].filter(([, t]) => t?.length);
    const parts = tasks.map(([name, t, st]) => `${name} ${t.join('/')}${st ? ` (longest while "${st}")` : ''}`);
    if (f.smallLongTasks?.length) parts.push(`small changes: ${f.smallLongTasks.join(', ')}`);
    out.push(`long tasks (ms) at ${k(r.scopes)}: ${parts.join('; ') || 'none'}`);
  }
  for (const r of ok) {
    for (const [name, f] of [['add in-none', r.flows.addInNone], ['add all', r.flows.addAll], ['cancelled add', r.flows.cancel]]) {
      const ph = f?.phases;
      if (ph) out.push(`where the time went, ${name} at ${k(r.scopes)}: preflight ${ms(ph.preflightMs)}, run start to the worker's first progress ${ms(ph.toFirstProgressMs)}, core run to 100% ${ms(ph.coreMs)}, save + status + page update ${ms(ph.saveAndUpdateMs)}; progress (value@ms after running): ${ph.progressTimes}`);
    }
  }
  for (const r of ok) {
    const c = r.flows.cancel;
    if (c) out.push(`cancel at ${k(r.scopes)}: ended "${c.ended}" at progress ${c.atProgress}%; copy unchanged ${c.copyUnchanged} (revision ${c.revision.join(' -> ')}, pending +/- ${c.pending.map((x) => x.join('/')).join(' -> ')}); storage unchanged ${c.storageUnchanged}; new main workers ${c.workersStarted}`);
    if (r.flows.reload) out.push(`reload at ${k(r.scopes)}: ${r.flows.reload.journalRecords} journal records on a "${r.flows.reload.baseKind}" base; restored the same copy: ${r.flows.reload.restoredSame}; wall ${ms(r.flows.reload.wallMs)}`);
    if (r.flows.reload?.phases) out.push(`  reload marks at ${k(r.scopes)} (ms since navigation): ${Object.entries(r.flows.reload.phases).map(([name, t]) => `${name} ${t}`).join(', ')}`);
  }

  for (const r of ok) {
    if (!r.profileSmallChanges) continue;
    out.push(`main-thread CPU profile over the small changes at ${k(r.scopes)} (self time; the run was profiled, so its times are inflated):`);
    for (const { fn, selfMs } of r.profileSmallChanges) out.push(`  ${lpad(selfMs, 7)} ms  ${fn}`);
  }
  for (const r of ok) {
    if (!r.profileFull) continue;
    out.push(`main-thread CPU profile over the full adds, the full remove and the exports at ${k(r.scopes)} (self time; profiled, so inflated):`);
    for (const { fn, selfMs } of r.profileFull) out.push(`  ${lpad(selfMs, 7)} ms  ${fn}`);
  }
  for (const r of ok) {
    if (!r.traceSmallChanges) continue;
    out.push(`main-thread trace over the small changes at ${k(r.scopes)} (self time per event kind; traced, so times are inflated):`);
    for (const { name, selfMs } of r.traceSmallChanges) out.push(`  ${lpad(selfMs, 7)} ms  ${name}`);
  }
  for (const r of ok) {
    for (const [what, tasks] of [['the small changes', r.traceSmallLongTasks], ['the reload', r.traceReloadLongTasks], ['the full adds, the full remove and the exports', r.traceFullLongTasks]]) {
      if (!tasks) continue;
      out.push(`traced tasks over 50 ms in ${what} at ${k(r.scopes)} (traced, so inflated): ${tasks.length ? '' : 'none'}`);
      for (const t of tasks) {
        out.push(`  ${lpad(t.ms, 5)} ms  self: ${t.self}`);
        for (const c of t.calls) out.push(`           call ${c}`);
        for (const p of t.passes) out.push(`           ${p}`);
      }
    }
  }

  // ---- storage ---------------------------------------------------------------------------
  out.push('');
  out.push('IndexedDB writes per small change (new journal records + the head, JSON length; median):');
  for (const r of ok) {
    const per = r.storage.perSmallChange ?? [];
    const med = (kind) => { const v = per.filter((x) => x.kind === kind).map((x) => x.bytes).sort((a, b) => a - b); return v.length ? v[Math.floor(v.length / 2)] : null; };
    const usage = (r.storage.usageDeltaPerChange ?? []).slice().sort((a, b) => a - b);
    out.push(`  ${pad(k(r.scopes), 5)} add ${med('add')} B, remove ${med('remove')} B, undo ${med('undo')} B, redo ${med('redo')} B; base (the file) ${kib(r.storage.afterLoad?.baseBytes)}; storage.estimate() delta per change median ${usage.length ? kib(usage[Math.floor(usage.length / 2)]) : 'n/a'}`);
  }

  // ---- memory ----------------------------------------------------------------------------
  out.push('');
  out.push('Renderer memory (sum of VmRSS of the renderer processes, which hold the page and its worker):');
  const mrows = [['scopes', 'file', 'before', 'load peak', 'after load', 'growth', '/scope', 'x file', 'peak/growth', 'load+GC', '10 changes', 'after GC', 'end (GC)']];
  for (const r of ok) {
    const m = r.memory;
    const before = m.beforeLoad?.total;
    const growth = m.afterLoad ? m.afterLoad.total - before : null;
    const peakGrowth = m.loadPeak != null ? m.loadPeak - before : null;
    mrows.push([k(r.scopes), mib(r.fileBytes), mib(before), mib(m.loadPeak), mib(m.afterLoad?.total), `+${mib(growth)}`,
      growth == null ? 'n/a' : `${Math.round(growth / r.scopes)} B`, growth == null ? 'n/a' : `${(growth / r.fileBytes).toFixed(1)}x`,
      ratio(peakGrowth, growth), m.afterLoadGc ? `+${mib(m.afterLoadGc.total - before)}` : 'n/a',
      m.after10Changes ? `+${mib(m.after10Changes.total - before)}` : 'n/a', m.after10ChangesGc ? `+${mib(m.after10ChangesGc.total - before)}` : 'n/a',
      m.endGc ? `+${mib(m.endGc.total - before)}` : 'n/a']);
  }
  out.push(table(mrows, [6, 10, 10, 10, 10, 11, 8, 7, 11, 10, 11, 10, 11]));
  out.push(`  renderer processes counted: ${ok.map((r) => `${k(r.scopes)} ${r.memory.beforeLoad?.renderers}`).join(', ')}`);
  out.push('  (growth = after load - before load; "load+GC", "10 changes", "after GC", "end" are above the before-load figure; GC = HeapProfiler.collectGarbage on the page and gc() in the worker)');
  for (const r of ok) {
    const u = (x) => (x?.bytes != null ? `${mib(x.bytes)} (${Object.entries(x.byScope ?? {}).map(([s, b]) => `${s} ${mib(b)}`).join(', ')})` : x?.timedOut ? 'timed out' : x?.error ?? 'n/a');
    out.push(`  measureUserAgentSpecificMemory at ${k(r.scopes)}: before load ${u(r.memory.uaBeforeLoad)}; after 10 changes + GC ${u(r.memory.uaAfter10ChangesGc)}; end ${u(r.memory.uaEnd)}`);
  }

  // ---- sizes -----------------------------------------------------------------------------
  out.push('');
  const s = p.sizes;
  out.push(`wasm: www/pkg (loaded before any data) ${s.pkg ? `${s.pkg.raw} B raw, ${s.pkg.gzip9} B gzip -9 (${kib(s.pkg.gzip9)})` : 'missing'}; `
    + `www/pkg-import (on demand) ${s.pkgImport ? `${s.pkgImport.raw} B raw, ${s.pkgImport.gzip9} B gzip -9 (${kib(s.pkgImport.gzip9)})` : 'missing'}`);

  // ---- against the goals -----------------------------------------------------------------
  out.push('');
  out.push('Against the goals of issues 8 and 11 (met / NOT met; "?" = not measured in this run):');
  const g = [];
  const at = (n) => by.get(n);
  const r100 = at(100000);
  const r300 = at(300000);
  if (r100) {
    const worst = Math.max(...['add', 'remove', 'undo', 'redo'].map((kind) => r100.flows.small[kind].medianMs));
    g.push([worst <= 100, `#8 small change at 100k <= 100 ms: slowest median ${ms(worst)}`]);
    if (small && small !== r100) {
      const worstRatio = Math.max(...['add', 'remove', 'undo', 'redo'].map((kind) => r100.flows.small[kind].medianMs / small.flows.small[kind].medianMs));
      g.push([worstRatio <= 1.5, `#8 small change at 100k <= 1.5x the same at ${k(small.scopes)}: worst ${worstRatio.toFixed(2)}x`]);
    }
    const tasks = [r100.flows.load?.longestTaskMs, ...['add', 'remove', 'undo', 'redo'].map((kind) => r100.flows.small[kind].longestTaskMs),
      r100.flows.reload?.longestTaskMs, r100.flows.addInNone?.longestTaskMs, r100.flows.addAll?.longestTaskMs, r100.flows.addAll?.undoLongestTaskMs, r100.flows.cancel?.longestTaskMs, ...flowTasks(r100)];
    g.push([max0(tasks) <= 50, `#8 no main-thread task over 50 ms at 100k (load, small changes, reload, full adds and removes, undo, exports, cancel): longest ${ms(max0(tasks))}`]);
    g.push([r100.flows.addAll ? r100.flows.addAll.clickToDoneMs <= 2000 && r100.flows.addAll.progressDistinct >= 10 : null,
      `#8 add all 100,000 <= 2 s with the bar moving >= 10 times: ${ms(r100.flows.addAll?.clickToDoneMs)}, ${r100.flows.addAll?.progressDistinct} values`]);
    g.push([r100.flows.load.toIdleMs <= 1500, `#8 load 100k <= 1.5 s until the page answers: ${ms(r100.flows.load.toIdleMs)} to idle, ${ms(r100.flows.load.toRowsShownMs)} to the rows shown`]);
    g.push([r100.flows.reload ? r100.flows.reload.toIdleMs <= 1000 && r100.flows.reload.restoredSame : null, `#8 reload restores 100k in <= 1 s: ${ms(r100.flows.reload?.toIdleMs)} from navigation (restored the same: ${r100.flows.reload?.restoredSame})`]);
  }
  if (r300) {
    const tasks = [r300.flows.load?.longestTaskMs, ...['add', 'remove', 'undo', 'redo'].map((kind) => r300.flows.small[kind].longestTaskMs),
      r300.flows.reload?.longestTaskMs, r300.flows.addInNone?.longestTaskMs, r300.flows.addAll?.longestTaskMs, r300.flows.addAll?.undoLongestTaskMs, r300.flows.cancel?.longestTaskMs, ...flowTasks(r300)];
    g.push([max0(tasks) <= 100, `#8 no main-thread task over 100 ms at 300k: longest ${ms(max0(tasks))}`]);
    const per = (r300.storage.perSmallChange ?? []).filter((x) => x.kind === 'add' || x.kind === 'remove').map((x) => x.bytes);
    g.push([per.length ? Math.max(...per) <= 65536 : null, `#8 bytes written by a 20-scope change at 300k <= 64 KB: at most ${per.length ? Math.max(...per) : 'n/a'} B`]);
    const c = r300.flows.cancel;
    g.push([c ? c.clickToIdleMs != null && c.clickToIdleMs <= 100 && c.copyUnchanged && c.storageUnchanged && c.workersStarted === 0 : null,
      `#8 cancel of a 300k add within 100 ms, copy and storage unchanged, no rebuild: ${c ? `${ms(c.clickToIdleMs)}, copy unchanged ${c.copyUnchanged}, storage unchanged ${c.storageUnchanged}, new main workers ${c.workersStarted}` : 'n/a'}`]);
    const m = r300.memory;
    const growth = m.afterLoad.total - m.beforeLoad.total;
    g.push([growth <= 300 * 1048576, `#11 growth after loading 300k <= 300 MiB (<= 9x the file): +${mib(growth)} (${(growth / r300.fileBytes).toFixed(1)}x)`]);
    if (m.after10Changes) {
      const extra = m.after10Changes.total - m.afterLoad.total;
      // What the same ten changes cost on the smallest copy of the run: the page's own
      // cost (painting its result lists), which does not grow with the data.
      const sign = (x) => (x >= 0 ? '+' : '');
      const base = small && small !== r300 && small.memory.after10Changes
        ? small.memory.after10Changes.total - small.memory.afterLoad.total : null;
      g.push([extra <= 0.1 * growth, `#11 ten small changes add <= 10% at 300k (no GC between): ${sign(extra)}${mib(extra)} (${((100 * extra) / growth).toFixed(1)}% of the load's growth)${base === null ? '' : `; the same ten changes at ${k(small.scopes)}: ${sign(base)}${mib(base)}`}`]);
      // The issue: "memory returns to it [the after-load figure] after a garbage collection".
      // Also shown, stricter: against the after-load figure once the load's garbage is
      // collected too (what the first changes leave, the page's first result lists among it).
      const back = m.after10ChangesGc.total - m.afterLoad.total;
      const settled = (m.afterLoadGc ?? m.afterLoad).total;
      const above = m.after10ChangesGc.total - settled;
      g.push([back <= 0, `#11 after a GC, back to the after-load figure at 300k: ${sign(back)}${mib(back)} against it (${sign(above)}${mib(above)}, ${((100 * above) / (settled - m.beforeLoad.total)).toFixed(1)}% of that growth, against the after-load + GC figure)`]);
    }
    g.push([(m.loadPeak - m.beforeLoad.total) <= 2 * growth, `#11 load peak <= 2x the settled figure at 300k: peak +${mib(m.loadPeak - m.beforeLoad.total)}, ${ratio(m.loadPeak - m.beforeLoad.total, growth)}`]);
  }
  if (r100) {
    const growth = r100.memory.afterLoad.total - r100.memory.beforeLoad.total;
    g.push([growth <= 100 * 1048576, `#11 growth after loading 100k <= 100 MiB: +${mib(growth)}`]);
  }
  if (s.pkg) g.push([s.pkg.gzip9 <= 80 * 1024, `#8 the .wasm loaded before data <= 80 KB gzip: ${kib(s.pkg.gzip9)}`]);
  for (const [met, text] of g) out.push(`  ${verdict(met)} ${text}`);
  for (const r of ok) for (const note of r.notes ?? []) out.push(`note (${k(r.scopes)}): ${note}`);
  for (const r of ok) for (const prob of r.problems ?? []) out.push(`page problem (${k(r.scopes)}): ${prob}`);
  const last = p.load.samples.at(-1)?.load1m;
  if (last > 0.75 * p.load.cores) out.push(`warning: load average ${last.toFixed(2)} at the end on ${p.load.cores} cores: absolute times are inflated; the ratios within the run are the sturdier figures`);
  return out.join('\n');
}

/** The longest tasks of the flows added later (full remove, its undo, the exports, the undo of the in-none add). */
function flowTasks(r) {
  const f = r.flows;
  return [f.addInNone?.undoLongestTaskMs, f.removeAll?.longestTaskMs, f.removeAll?.undoLongestTaskMs,
    f.exports?.tables?.longestTaskMs, f.exports?.powershell?.longestTaskMs];
}

function max0(xs) {
  const v = xs.filter((x) => x != null);
  return v.length ? Math.max(...v) : null;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const file = process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'latest-page.json');
  console.log(report(JSON.parse(await readFile(file, 'utf8'))));
}
