// Repeated operations on a resident working copy: `ws.addScopes` of 100 ids (50 already
// paired) on tables of 10k, 100k and 1M rows, against bench/plain.js's per-call addScopes
// on the same tables. The working copy's time should stay flat as the table grows (it
// costs in proportion to the ids given); the per-call version grows with the table.
// Each timed add is undone (untimed) so every run starts from the same state.

import { say, finish, stats } from './page-kit.js';

import * as plain from './plain.js';

const query = new URLSearchParams(location.search);
const runs = Number(query.get('runs') ?? 30);
const warmup = Number(query.get('warmup') ?? 3);
const pkg = query.get('pkg') ?? '/www/pkg-import/ipam_failover.js'; // new Workspace(tables) is in the whole-API module
const SIZES = [10_000, 100_000, 1_000_000];
const RELATIONSHIPS = 4;
const REQUESTED = 100;


function tables(rows) {
  const failovers = [];
  for (let r = 1; r <= RELATIONSHIPS; r++) failovers.push({ RecordId: r, RelationshipName: `rel-${r}` });
  const pairs = new Array(rows);
  for (let i = 0; i < rows; i++) pairs[i] = { ScopeId: 1_000_000 + i, FailoverRelationId: 1 + (i % RELATIONSHIPS) };
  return { ADM_DhcpFailoverTable: failovers, ADM_DhcpScopeFailoverTable: pairs };
}

/** 50 scopes already in relationship 1, 50 new ones. */
function parameter(rows) {
  const ids = [];
  for (let k = 0; k < REQUESTED / 2; k++) ids.push(1_000_000 + ((k * RELATIONSHIPS * 7) % rows) - (((k * RELATIONSHIPS * 7) % rows) % RELATIONSHIPS));
  for (let k = 0; k < REQUESTED / 2; k++) ids.push(5_000_000 + k);
  return { Failover: { RecordId: 1 }, ScopeIds: ids };
}

async function main() {
  const { default: init, Workspace } = await import(pkg);
  await init();
  const scenarios = [];
  const construction = [];
  for (const rows of SIZES) {
    say(`${rows} rows: generating`);
    const t = tables(rows);
    const param = parameter(rows);
    let start = performance.now();
    const ws = new Workspace(t);
    construction.push({ rows, ms: performance.now() - start });
    const times = { wasm: [], plain: [] };
    const appended = { wasm: 0, plain: 0 };
    for (let i = 0; i < warmup + runs; i++) {
      start = performance.now();
      ws.addScopes(param);
      const wasmMs = performance.now() - start;
      appended.wasm = ws.diff().added.length;
      if (!ws.undo()) throw new Error('nothing to undo after an add');

      const before = t.ADM_DhcpScopeFailoverTable.length;
      start = performance.now();
      plain.addScopes(t, param);
      const plainMs = performance.now() - start;
      appended.plain = t.ADM_DhcpScopeFailoverTable.length - before;
      t.ADM_DhcpScopeFailoverTable.length = before;

      if (i >= warmup) {
        times.wasm.push(wasmMs);
        times.plain.push(plainMs);
      }
      await new Promise((r) => setTimeout(r, 0));
    }
    if (appended.wasm !== REQUESTED / 2 || appended.plain !== REQUESTED / 2) {
      throw new Error(`expected ${REQUESTED / 2} appended, got wasm ${appended.wasm}, plain ${appended.plain}`);
    }
    const wasm = stats(times.wasm);
    const plainStats = stats(times.plain);
    scenarios.push({
      name: `add ${REQUESTED}, ${rows / 1000}k`,
      wasm,
      plain: plainStats,
      ratioMedian: plainStats.median / wasm.median,
    });
    ws.free();
    say(`${rows} rows: workspace ${wasm.median.toFixed(3)} ms, plain ${plainStats.median.toFixed(3)} ms`);
  }
  finish('done', { ok: true, options: { runs, warmup, requested: REQUESTED, sizes: SIZES }, scenarios, construction });
}

main().catch((e) => finish('error', { ok: false, error: String(e?.stack ?? e) }));
