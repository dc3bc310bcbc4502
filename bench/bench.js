// The benchmark page: wasm `addScopes` against bench/plain.js on the same generated data,
// in the same run. Results go to #results (JSON, data-state="done" or "error") and to the
// console. Options come from the query string (see OPTIONS); bench/run.mjs drives it.

import * as plain from './plain.js';

const query = new URLSearchParams(location.search);
const num = (name, fallback) => {
  const v = query.get(name);
  if (v === null || v === '') return fallback;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`?${name}=${v} must be a non-negative integer`);
  return n;
};
const OPTIONS = {
  rows: num('rows', 1_000_000), // ADM_DhcpScopeFailoverTable rows
  scopes: num('scopes', 100_000), // requested ScopeIds (half already paired with the relationship)
  relationships: num('relationships', 4), // ADM_DhcpFailoverTable rows
  runs: num('runs', 15), // measured runs per implementation and scenario
  warmup: num('warmup', 2), // discarded runs per implementation and scenario
  seed: num('seed', 20250601),
  settleMs: num('settleMs', 100), // pause after the forced GC before each timed call
  pkg: query.get('pkg') ?? '/www/pkg-import/ipam_failover.js', // the stateless addScopes is in the whole-API module
};

const statusEl = document.getElementById('status');
const resultsEl = document.getElementById('results');
const log = (...args) => console.log('[bench]', ...args);
const status = (text) => {
  statusEl.textContent = text;
  log(text);
};
const nextFrame = () => new Promise((r) => setTimeout(r, 0));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let finished = false;
function finish(state, payload) {
  if (finished) return;
  finished = true;
  resultsEl.textContent = JSON.stringify(payload, (_, v) => (typeof v === 'bigint' ? `${v}n` : v), 2);
  resultsEl.dataset.state = state;
  statusEl.textContent = state === 'done' ? 'Done.' : `Failed: ${payload.error}`;
  console.log(`[bench] RESULT ${state}`, resultsEl.textContent);
}
const fail = (error) =>
  finish('error', { error: String(error?.stack ?? error), code: error?.code ?? null });
addEventListener('error', (e) => fail(e.error ?? e.message));
addEventListener('unhandledrejection', (e) => fail(e.reason));

// ---------------------------------------------------------------------------------------
// Deterministic data.

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks `count` distinct entries of `pool` (an Int32Array of row indices), in random order. */
function sample(pool, count, rand) {
  const a = pool.slice();
  if (count > a.length) throw new Error(`cannot pick ${count} of ${a.length}`);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rand() * (a.length - i));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a.subarray(0, count);
}

/**
 * ADM_DhcpFailoverTable: `relationships` rows with identity-style RecordIds (gaps included).
 * ADM_DhcpScopeFailoverTable: `rows` rows, one per scope (scope RecordIds ascending with
 * gaps, as an identity column leaves them), each scope in one relationship; relationship k
 * gets a share proportional to (relationships - k), so the target (the first) is the largest.
 * The request: `scopes` ids for the first relationship, shuffled: half already paired with
 * it, a quarter paired with another relationship, a quarter not in the table at all.
 */
function generate({ rows, scopes, relationships, seed }) {
  const rand = mulberry32(seed);
  const failoverRows = [];
  let recordId = 4000 + Math.floor(rand() * 1000);
  for (let k = 0; k < relationships; k++) {
    recordId += 1 + Math.floor(rand() * 40);
    const loadBalance = k % 2 === 0;
    failoverRows.push({
      RecordId: recordId,
      RelationshipName: `dhcp-failover-site-${String(k + 1).padStart(2, '0')}`,
      Mode: loadBalance ? 'LoadBalance' : 'HotStandby',
      PrimaryServerRecordId: 120 + 2 * k,
      SecondaryServerRecordId: 121 + 2 * k,
      MaxClientLeadTime: 3600,
      LoadBalancePercentage: loadBalance ? 50 : null,
      ReservePercentage: loadBalance ? null : 5,
      StateSwitchInterval: null,
      IsAuthenticationEnabled: true,
    });
  }
  const weights = [];
  let total = 0;
  for (let k = 0; k < relationships; k++) total += relationships - k;
  let acc = 0;
  for (let k = 0; k < relationships; k++) weights.push((acc += (relationships - k) / total));

  const pairRows = new Array(rows);
  const relationOf = new Uint8Array(rows);
  let scopeId = 100_000 + Math.floor(rand() * 1000);
  for (let i = 0; i < rows; i++) {
    scopeId += rand() < 0.1 ? 2 + Math.floor(rand() * 6) : 1;
    const u = rand();
    let k = 0;
    while (k < relationships - 1 && u >= weights[k]) k++;
    relationOf[i] = k;
    pairRows[i] = { ScopeId: scopeId, FailoverRelationId: failoverRows[k].RecordId };
  }

  const target = failoverRows[0].RecordId;
  let inTarget = 0;
  for (let i = 0; i < rows; i++) if (relationOf[i] === 0) inTarget++;
  const targetRows = new Int32Array(inTarget);
  const otherRows = new Int32Array(rows - inTarget);
  for (let i = 0, a = 0, b = 0; i < rows; i++) {
    if (relationOf[i] === 0) targetRows[a++] = i;
    else otherRows[b++] = i;
  }
  const present = Math.floor(scopes / 2);
  const elsewhere = Math.min(otherRows.length, Math.floor((scopes - present) / 2));
  const fresh = scopes - present - elsewhere;
  const request = [];
  for (const i of sample(targetRows, present, rand)) request.push(pairRows[i].ScopeId);
  for (const i of sample(otherRows, elsewhere, rand)) request.push(pairRows[i].ScopeId);
  for (let i = 0; i < fresh; i++) {
    scopeId += 1 + Math.floor(rand() * 3);
    request.push(scopeId);
  }
  for (let i = request.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [request[i], request[j]] = [request[j], request[i]];
  }
  return {
    failoverRows,
    pairRows,
    target,
    request,
    counts: {
      rows,
      relationships,
      rowsInTargetRelationship: inTarget,
      requested: request.length,
      alreadyPaired: present,
      pairedWithAnotherRelationship: elsewhere,
      notInTable: fresh,
      expectedAppended: scopes - present,
    },
  };
}

// ---------------------------------------------------------------------------------------
// Helpers.

const gc = typeof globalThis.gc === 'function' ? globalThis.gc : null;
const heapUsed = () => performance.memory?.usedJSHeapSize ?? null;

function stats(values) {
  if (values.length === 0) return { median: null, min: null, max: null, mean: null };
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  const r = (x) => Math.round(x * 100) / 100;
  return { median: r(median), min: r(s[0]), max: r(s[s.length - 1]), mean: r(mean) };
}

/** A value as a comparable string: type and value (5 and 5n differ here on purpose). */
function show(v) {
  if (typeof v === 'bigint') return `${v}n`;
  if (v === undefined) return 'undefined';
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .map((k) => `${k}:${show(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function cloneTables(t) {
  return structuredClone(t); // keeps BigInts and nulls; small tables only
}

function recorder() {
  const events = [];
  return {
    events,
    callbacks: {
      setCompletionPercentage(p) {
        events.push(`percent ${show(p)}`);
      },
      setOverallStatus(status, percent, fault) {
        events.push(`status ${status} ${show(percent)}${fault ? ` ${fault.code}` : ''}`);
      },
    },
  };
}

/** Runs one implementation and reports everything observable about the call. */
function observe(fn, tables, parameter, callbacks) {
  const before = Array.isArray(tables?.ADM_DhcpScopeFailoverTable)
    ? tables.ADM_DhcpScopeFailoverTable.length
    : 0;
  try {
    const out = fn(tables, parameter, callbacks);
    return {
      threw: null,
      returned: show(out),
      returnedIsACopy: !tables.ADM_DhcpFailoverTable.includes(out),
      appended: tables.ADM_DhcpScopeFailoverTable.slice(before).map(show),
    };
  } catch (e) {
    const after = Array.isArray(tables?.ADM_DhcpScopeFailoverTable)
      ? tables.ADM_DhcpScopeFailoverTable.length
      : 0;
    return { threw: e?.code ?? `no code: ${e}`, isError: e instanceof Error, appendedOnFault: after - before };
  }
}

// ---------------------------------------------------------------------------------------
// Correctness self-check: both implementations, same inputs, same observable outcome.

function smallTables() {
  return {
    ADM_DhcpFailoverTable: [
      { RecordId: 7, RelationshipName: 'a', Mode: 'LoadBalance' },
      { RecordId: 9n, RelationshipName: 'b', Mode: 'HotStandby' },
      { RecordId: 9007199254740993n, RelationshipName: 'c' },
    ],
    ADM_DhcpScopeFailoverTable: [
      { ScopeId: 1, FailoverRelationId: 7 },
      { ScopeId: 2, FailoverRelationId: 9 },
      { ScopeId: 3n, FailoverRelationId: 7n },
      { ScopeId: 9007199254740995n, FailoverRelationId: 9007199254740993n },
    ],
  };
}

const SELF_CHECK_CASES = [
  // Successes.
  ['adds missing pairs, skips present ones and duplicates', null, { Failover: { RecordId: 7 }, ScopeIds: [1, 2, 3, 4, 2, 4n, 5] }],
  ['typed parameter, BigInt relationship id', null, { $type: 'DhcpFailoverWithScopesParameters', OperationId: 'AddDhcpFailoverScopes', Failover: { RecordId: 9n }, ScopeIds: [2n, 1, 3] }],
  ['ids beyond 2^53 as BigInt', null, { Failover: { RecordId: 9007199254740993n }, ScopeIds: [9007199254740995n, 9007199254740997n, -5n, 0] }],
  ['all present: appends nothing', null, { Failover: { RecordId: 7 }, ScopeIds: [1, 3] }],
  ['with progress callbacks', 'record', { Failover: { RecordId: 7 }, ScopeIds: [10, 11, 12, 1, 13] }],
  // Step 1.
  ['parameter null', null, null],
  ['parameter an array', null, [{ Failover: { RecordId: 7 }, ScopeIds: [1] }]],
  ['parameter a string', null, 'x'],
  ['wrong $type', null, { $type: 'DhcpFailoverRemoveScopesParameters', Failover: { RecordId: 7 }, ScopeIds: [1] }],
  ['wrong OperationId', null, { OperationId: 'RemoveDhcpFailoverScopes', Failover: { RecordId: 7 }, ScopeIds: [1] }],
  // Step 2.
  ['Failover absent', null, { ScopeIds: [1] }],
  ['Failover null and ScopeIds null', null, { Failover: null, ScopeIds: null }],
  ['ScopeIds absent', null, { Failover: { RecordId: 7 } }],
  ['ScopeIds empty', null, { Failover: { RecordId: 7 }, ScopeIds: [] }],
  ['ScopeIds with 1.5', null, { Failover: { RecordId: 7 }, ScopeIds: [1, 1.5] }],
  ['ScopeIds with a string', null, { Failover: { RecordId: 7 }, ScopeIds: ['4'] }],
  ['ScopeIds with 2^53', null, { Failover: { RecordId: 7 }, ScopeIds: [2 ** 53] }],
  ['ScopeIds with 2^63n', null, { Failover: { RecordId: 7 }, ScopeIds: [2n ** 63n] }],
  ['Failover.RecordId a string', null, { Failover: { RecordId: '7' }, ScopeIds: [1] }],
  ['Failover.RecordId NaN', null, { Failover: { RecordId: NaN }, ScopeIds: [1] }],
  // Step 3.
  ['unknown relationship', null, { Failover: { RecordId: 8 }, ScopeIds: [1] }],
  ['unknown relationship, with callbacks', 'record', { Failover: { RecordId: 8 }, ScopeIds: [1] }],
  // Tables.
  ['tables null', (t) => null, { Failover: { RecordId: 7 }, ScopeIds: [1] }],
  ['failover table missing', (t) => ({ ADM_DhcpScopeFailoverTable: t.ADM_DhcpScopeFailoverTable }), { Failover: { RecordId: 7 }, ScopeIds: [1] }],
  ['scope-failover table not an array', (t) => ({ ...t, ADM_DhcpScopeFailoverTable: {} }), { Failover: { RecordId: 7 }, ScopeIds: [1] }],
  ['row null', (t) => (t.ADM_DhcpScopeFailoverTable.push(null), t), { Failover: { RecordId: 7 }, ScopeIds: [1] }],
  ['row without ScopeId', (t) => (t.ADM_DhcpScopeFailoverTable.push({ FailoverRelationId: 7 }), t), { Failover: { RecordId: 7 }, ScopeIds: [1] }],
  ['row with FailoverRelationId 1.5', (t) => (t.ADM_DhcpScopeFailoverTable.push({ ScopeId: 1, FailoverRelationId: 1.5 }), t), { Failover: { RecordId: 7 }, ScopeIds: [1] }],
  ['failover row without RecordId', (t) => (t.ADM_DhcpFailoverTable.push({ RelationshipName: 'x' }), t), { Failover: { RecordId: 7 }, ScopeIds: [1] }],
  ['duplicate RecordId 7 and 7n', (t) => (t.ADM_DhcpFailoverTable.push({ RecordId: 7n }), t), { Failover: { RecordId: 7 }, ScopeIds: [1] }],
  ['bad table beats unknown relationship', (t) => (t.ADM_DhcpScopeFailoverTable.push(5), t), { Failover: { RecordId: 8 }, ScopeIds: [1] }],
  ['bad parameter beats bad table', (t) => null, { Failover: { RecordId: 7 }, ScopeIds: [] }],
  ['scopes table valid', (t) => ({ ...t, ADM_DHCPScopesTable: [{ RecordId: 1 }, { RecordId: 2n }] }), { Failover: { RecordId: 7 }, ScopeIds: [2] }],
  ['scopes table null', (t) => ({ ...t, ADM_DHCPScopesTable: null }), { Failover: { RecordId: 7 }, ScopeIds: [2] }],
  ['scopes table duplicate RecordId', (t) => ({ ...t, ADM_DHCPScopesTable: [{ RecordId: 1 }, { RecordId: 1n }] }), { Failover: { RecordId: 7 }, ScopeIds: [2] }],
  ['scopes table not an array', (t) => ({ ...t, ADM_DHCPScopesTable: 'x' }), { Failover: { RecordId: 7 }, ScopeIds: [2] }],
  ['relationship named by 7n, rows say 7', null, { Failover: { RecordId: 7n, RelationshipName: 'ignored' }, ScopeIds: [20, 1] }],
  // Callbacks.
  ['callbacks an array', 'callbacks', { Failover: { RecordId: 7 }, ScopeIds: [1] }, () => []],
  ['callbacks member not a function', 'callbacks', { Failover: { RecordId: 7 }, ScopeIds: [1] }, () => ({ setCompletionPercentage: 5 })],
  ['callback throws at 0%: cancelled, unchanged', 'callbacks', { Failover: { RecordId: 7 }, ScopeIds: [30, 31] }, () => ({ setCompletionPercentage(p) { if (p === 0) throw new Error('stop'); } })],
  ['callback throws at 49%: cancelled, unchanged', 'callbacks', { Failover: { RecordId: 7 }, ScopeIds: [30, 31] }, () => ({ setCompletionPercentage(p) { if (p > 0) throw new Error('stop'); } })],
];

function selfCheck(wasmAdd, data) {
  const cases = [];
  const mismatches = [];
  const compare = (name, w, p) => {
    const same = JSON.stringify(w) === JSON.stringify(p);
    cases.push({ name, same, wasm: w, plain: p });
    if (!same) mismatches.push({ name, wasm: w, plain: p });
  };
  for (const [name, variant, parameter, makeCallbacks] of SELF_CHECK_CASES) {
    // variant: null, 'record' (recording callbacks), 'callbacks' (makeCallbacks()), or a
    // function that changes the tables.
    const run = (fn) => {
      const base = smallTables();
      const tables = typeof variant === 'function' ? variant(base) : base;
      const r = variant === 'record' ? recorder() : null;
      const callbacks = variant === 'callbacks' ? makeCallbacks() : r?.callbacks;
      const outcome = observe(fn, tables, structuredClone(parameter), callbacks);
      if (r) outcome.events = r.events;
      return outcome;
    };
    compare(name, run(wasmAdd), run(plain.addScopes));
  }
  // The benchmark's own data, with recording callbacks: same appended rows, same events.
  const big = (fn) => {
    const r = recorder();
    const tables = { ADM_DhcpFailoverTable: data.failoverRows, ADM_DhcpScopeFailoverTable: data.pairRows.slice() };
    const o = observe(fn, tables, { Failover: { RecordId: data.target }, ScopeIds: data.request }, r.callbacks);
    return {
      threw: o.threw,
      returned: o.returned,
      appendedCount: o.appended?.length ?? null,
      appendedDigest: o.appended ? digest(o.appended) : null,
      firstAppended: o.appended?.slice(0, 3) ?? null,
      events: r.events.length,
      eventsDigest: digest(r.events),
      firstEvents: r.events.slice(0, 3),
      lastEvents: r.events.slice(-2),
    };
  };
  const w = big(wasmAdd);
  const p = big(plain.addScopes);
  compare('benchmark data, recording callbacks', w, p);
  if (p.appendedCount !== data.counts.expectedAppended) {
    mismatches.push({ name: 'benchmark data: expected appended count', expected: data.counts.expectedAppended, plain: p.appendedCount });
  }
  return { ok: mismatches.length === 0, cases: cases.length, mismatches, caseList: cases.map((c) => `${c.same ? 'same' : 'DIFFERENT'}: ${c.name} -> ${summary(c.plain)}`) };
}

function summary(o) {
  if (o.threw) return `throws ${o.threw}${o.appendedOnFault ? `, appended ${o.appendedOnFault} rows anyway` : ''}`;
  if (o.appendedCount != null) return `appends ${o.appendedCount} rows, ${o.events} callback events`;
  return `appends [${o.appended.join(' ')}]${o.events ? `, events: ${o.events.join('; ')}` : ''}`;
}

/** FNV-1a over the strings, as hex: enough to compare two long lists. */
function digest(strings) {
  let h = 0x811c9dc5;
  for (const s of strings) {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
    h = Math.imul(h ^ 10, 16777619);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

// ---------------------------------------------------------------------------------------
// Timing.

async function timeScenario(scenario, impls, data, wasmMemory) {
  const series = Object.fromEntries(impls.map((i) => [i.name, { ms: [], warmupMs: [], heapDeltaNoGc: [], heapRetained: [], phases: [] }]));
  const rounds = OPTIONS.warmup + OPTIONS.runs;
  for (let round = 0; round < rounds; round++) {
    // Alternate the order each round so neither side always runs right after the other.
    const order = round % 2 === 0 ? impls : [...impls].reverse();
    for (const impl of order) {
      const tables = { ADM_DhcpFailoverTable: data.failoverRows, ADM_DhcpScopeFailoverTable: data.pairRows.slice() };
      const parameter = scenario.parameter();
      const callbacks = scenario.callbacks?.();
      const timer = impl.timed ? {} : undefined;
      gc?.();
      gc?.();
      await sleep(OPTIONS.settleMs); // let concurrent GC work (sweeping) finish off the clock
      const heap0 = heapUsed();
      const t0 = performance.now();
      impl.fn(tables, parameter, callbacks, timer);
      const t1 = performance.now();
      const heap1 = heapUsed();
      const appended = tables.ADM_DhcpScopeFailoverTable.length - data.pairRows.length;
      if (appended !== scenario.expectedAppended) {
        throw new Error(`${impl.name} / ${scenario.name}: appended ${appended} rows, expected ${scenario.expectedAppended}`);
      }
      if (scenario.check) scenario.check(callbacks, impl.name);
      const s = series[impl.name];
      if (round < OPTIONS.warmup) {
        s.warmupMs.push(Math.round((t1 - t0) * 100) / 100);
        continue;
      }
      s.ms.push(t1 - t0);
      if (timer) s.phases.push(timer);
      if (heap0 !== null) {
        s.heapDeltaNoGc.push(heap1 - heap0);
        // Array buffers are swept in the background and leave the count at a later GC.
        gc?.();
        await sleep(OPTIONS.settleMs);
        gc?.();
        const heap2 = heapUsed();
        s.heapRetained.push(heap2 - heap0);
      }
    }
    status(`${scenario.name}: round ${round + 1}/${rounds}${round < OPTIONS.warmup ? ' (warm-up)' : ''}`);
    await nextFrame();
  }
  const out = { name: scenario.name, description: scenario.description, expectedAppended: scenario.expectedAppended };
  for (const impl of impls) {
    const s = series[impl.name];
    const entry = {
      ...stats(s.ms),
      runsMs: s.ms.map((x) => Math.round(x * 100) / 100),
      warmupMs: s.warmupMs,
    };
    if (s.heapDeltaNoGc.length) {
      entry.jsHeapGrowthDuringCallMedianBytes = stats(s.heapDeltaNoGc).median;
      entry.jsHeapRetainedAfterGcMedianBytes = stats(s.heapRetained).median;
    }
    if (s.phases.length) {
      const names = Object.keys(s.phases[0]);
      entry.phasesMedianMs = Object.fromEntries(names.map((n) => [n, stats(s.phases.map((p) => p[n])).median]));
    }
    out[impl.name] = entry;
  }
  const w = out.wasm;
  const p = out.plain;
  if (w && p) {
    out.ratioMedian = Math.round((p.median / w.median) * 1000) / 1000;
    out.ratioMin = Math.round((p.min / w.min) * 1000) / 1000;
    // Round by round (the two ran back to back), which cancels slow drifts of the machine.
    const paired = series.plain.ms.map((x, i) => x / series.wasm.ms[i]);
    out.ratioPairedMedian = Math.round(stats(paired).median * 1000) / 1000;
    log(`${scenario.name}: wasm median ${w.median} ms (min ${w.min}), plain median ${p.median} ms (min ${p.min}), plain/wasm ${out.ratioMedian}`);
  }
  out.wasmMemoryBytesAfter = wasmMemory ? wasmMemory.buffer.byteLength : null;
  return out;
}

async function measureMemory() {
  if (!self.crossOriginIsolated || typeof performance.measureUserAgentSpecificMemory !== 'function') {
    return { available: false, crossOriginIsolated: self.crossOriginIsolated };
  }
  const timeout = new Promise((r) => setTimeout(() => r(null), 60_000));
  const m = await Promise.race([performance.measureUserAgentSpecificMemory(), timeout]);
  if (!m) return { available: true, timedOut: true };
  const byType = {};
  for (const b of m.breakdown) {
    for (const t of b.types.length ? b.types : ['(none)']) byType[t] = (byType[t] ?? 0) + b.bytes / Math.max(1, b.types.length);
  }
  return { available: true, bytes: m.bytes, byType };
}

// ---------------------------------------------------------------------------------------

async function main() {
  status('Loading the wasm package…');
  const tLoad = performance.now();
  let pkg;
  try {
    pkg = await import(OPTIONS.pkg);
  } catch (e) {
    throw new Error(`cannot import ${OPTIONS.pkg} (run "bash scripts/build.sh" first): ${e}`);
  }
  const wasmExports = await pkg.default();
  const loadMs = performance.now() - tLoad;
  if (typeof pkg.addScopes !== 'function') throw new Error(`${OPTIONS.pkg} has no addScopes export`);
  const wasmAdd = pkg.addScopes;
  const wasmMemory = wasmExports?.memory instanceof WebAssembly.Memory ? wasmExports.memory : null;
  const wasmMemoryAtLoad = wasmMemory?.buffer.byteLength ?? null;

  status('Generating data…');
  await nextFrame();
  const tGen = performance.now();
  const data = generate(OPTIONS);
  const generateMs = Math.round(performance.now() - tGen);
  log('data', data.counts);
  gc?.();
  const heapWithData = heapUsed();

  status('Self-check…');
  await nextFrame();
  const check = selfCheck(wasmAdd, data);
  log('self-check', check.ok ? 'ok' : 'MISMATCH', check.mismatches);

  const wasmImpl = { name: 'wasm', fn: (t, p, c) => wasmAdd(t, p, c) };
  const plainImpl = { name: 'plain', fn: (t, p, c, timer) => plain.addScopesTimed(t, p, c, timer) };
  const plainPhased = { name: 'plain', timed: true, fn: (t, p, c, timer) => plain.addScopesTimed(t, p, c, timer) };
  const request = () => ({ Failover: { RecordId: data.target }, ScopeIds: data.request });
  const presentId = data.pairRows.find((r) => r.FailoverRelationId === data.target).ScopeId;
  const percentCalls = () => {
    const cb = { calls: 0, last: -1, setCompletionPercentage(p) { this.calls++; this.last = p; } };
    return cb;
  };

  const scenarios = [
    {
      name: 'addScopes',
      description: `${data.counts.rows} rows, ${data.counts.requested} ScopeIds (half already paired), no callbacks`,
      parameter: request,
      expectedAppended: data.counts.expectedAppended,
      impls: [wasmImpl, plainImpl],
    },
    {
      name: 'addScopes+progress',
      description: 'the same, with callbacks = { setCompletionPercentage } only',
      parameter: request,
      callbacks: percentCalls,
      expectedAppended: data.counts.expectedAppended,
      check: (cb, who) => {
        if (cb.calls < 2 || cb.last !== 99) throw new Error(`${who}: setCompletionPercentage called ${cb.calls} times, last ${cb.last}`);
      },
      impls: [wasmImpl, plainImpl],
    },
    {
      name: 'tables-only',
      description: `${data.counts.rows} rows, 1 ScopeId already paired: the cost of reading and checking the tables`,
      parameter: () => ({ Failover: { RecordId: data.target }, ScopeIds: [presentId] }),
      expectedAppended: 0,
      impls: [wasmImpl, plainImpl],
    },
    {
      name: 'plain-phases',
      description: 'plain JS only, with per-phase timers (parameter, index, tables, stage, append); not in the ratio',
      parameter: request,
      expectedAppended: data.counts.expectedAppended,
      impls: [plainPhased],
    },
  ];

  const results = [];
  for (const s of scenarios) {
    status(`Timing ${s.name}…`);
    results.push(await timeScenario(s, s.impls, data, wasmMemory));
  }

  status('Measuring memory…');
  const uaMemory = await measureMemory();

  const payload = {
    ok: check.ok,
    date: new Date().toISOString(),
    options: OPTIONS,
    environment: {
      userAgent: navigator.userAgent,
      hardwareConcurrency: navigator.hardwareConcurrency,
      gcExposed: gc !== null,
      preciseMemoryInfo: performance.memory ? performance.memory.usedJSHeapSize % 100000 !== 0 : false,
      crossOriginIsolated: self.crossOriginIsolated,
    },
    data: { ...data.counts, generateMs, targetRelationshipId: data.target },
    wasmLoadMs: Math.round(loadMs),
    selfCheck: check,
    scenarios: results,
    memory: {
      jsHeapUsedWithDataBytes: heapWithData,
      wasmLinearMemoryAtLoadBytes: wasmMemoryAtLoad,
      wasmLinearMemoryAfterBytes: wasmMemory?.buffer.byteLength ?? null,
      measureUserAgentSpecificMemory: uaMemory,
    },
  };
  finish(check.ok ? 'done' : 'error', check.ok ? payload : { ...payload, error: 'the implementations disagree (see selfCheck.mismatches)' });
}

main().catch(fail);
