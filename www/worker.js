// The working copy lives here, off the page's thread: a wasm `Workspace`, persisted as a
// journal in IndexedDB (journal.js). The page holds no copy of the tables: it asks this
// worker for what it shows (a window of scope rows, the relationships, the pending
// changes, the selection count), and every change is written to the journal before the
// page is told it succeeded.
//
// Protocol (worker-client.js is the only sender): requests { id, op, ...args } are
// handled one at a time, in order; each ends with { id, ok: true, value } or
// { id, ok: false, fault }. A long add or remove also posts { id, progress } at most
// every 16 ms. Ops: init, open, load, loadBytes, loadDecision, scopes, select, preflight, add,
// remove, undo, redo, discard, packed, status (see `OPS` below). What needs the whole copy
// written out (exports, tables, diff, snapshot) the page asks of its output worker
// (output-client.js), with the copy packed here (op 'packed', moved to the page, not
// copied): the page's first module leaves that code out.
//
// Cancel: the page shares an Int32Array over a SharedArrayBuffer (when the page is
// cross-origin isolated). Cancel stores the running request's id in it; the progress
// callback sees it and throws, which the core turns into a CANCELLED fault with the
// working copy unchanged. Without it, the page terminates this worker and a fresh one
// restores the copy from the journal.

import init, { Workspace } from './pkg/ipam_failover.js';
import { openJournal, release } from './journal.js';
import { plainFault } from './fault-data.js';
import { serveOps, movedBytes } from './serve-ops.js';
import { makeSample } from './sample.js';
import { FINDING_GROUP_LIMIT } from './findings.js';
import { jsonWithBigInts } from './json-text.js';

const PROGRESS_INTERVAL_MS = 16; // about a frame: the bar moves smoothly, the page is not flooded
const RESULT_LIMIT = 200; // per-scope results sent to the page
const PAIR_LIMIT = 200; // pending pairs listed
const SAMPLE_SOURCE = 'the built-in sample';

// Start-up timing (ms since the epoch, comparable with the page's): open() sends it with its
// reply, and the page keeps it as window.__ipamTiming for bench/page.mjs.
const timing = {};
const mark = (name) => { timing[name] = performance.timeOrigin + performance.now(); };
mark('workerStart');
const ready = init().then((exports) => { mark('wasmReady'); return exports; });
let ws = null;
let source = '';
let journal = null;
let storageError = null;
let savedAt = null;
let candidate = null; // { ws, source }: a load waiting for the admin's answer
let cancelFlag = null; // Int32Array over the page's SharedArrayBuffer

const database = openJournal().then((opened) => { journal = opened; mark('dbOpen'); }, (error) => {
  storageError = error instanceof Error ? error.message : String(error);
});

class SaveError extends Error {
  constructor(error) {
    super(`The change could not be saved in this browser, so it was not made: ${error instanceof Error ? error.message : String(error)}`);
    this.name = 'SaveError';
  }
}

// ---- what the page shows ---------------------------------------------------------------

/**
 * Everything the page shows besides the scope window: small, whatever the table size.
 * `full` (a new working copy, or the page asked): the relationships, servers and coverage
 * whole. Otherwise (after a change) only what a change can change: the relationships' and
 * coverage pairs' numbers as flat Uint32Arrays in the same order (ws.relationshipNumbers,
 * ws.coverageNumbers), kept as changes happen so they cost what changed; the page
 * (session.js) puts them into the whole ones it has.
 */
function status(full = true) {
  const pending = ws.pendingSummary(PAIR_LIMIT);
  const common = {
    full,
    source,
    revision: journal?.revision ?? 0,
    savedAt,
    storageError,
    canUndo: ws.canUndo,
    canRedo: ws.canRedo,
    selection: ws.selectionCount,
    scopeCount: ws.scopeCount,
    inSome: ws.inAnyCount,
    pending,
  };
  if (!full) return { ...common, relationshipNumbers: ws.relationshipNumbers(), coverageNumbers: ws.coverageNumbers() };
  const relationships = ws.relationshipSummary();
  relationshipNames = new Map(relationships.map((r) => [String(r.id), r.name]));
  return { ...common, relationships, servers: ws.servers(), coverage: ws.coverage() };
}

/** Names of the relationships by id, from the last full status. */
let relationshipNames = new Map();

function scopes({ query }) {
  return ws.queryScopes(query);
}

/** Names and addresses of up to a few hundred scopes, for result lists and dialogs. */
function labelsFor(ids) {
  return ws.scopeLabels(ids).map((l) => ({ id: l.id, name: l.name || `scope ${String(l.id)}`, address: l.address }));
}

// ---- the journal -----------------------------------------------------------------------

/** Writes one change; if that fails, takes it back with `undoIt` and throws a SaveError. */
async function persist(change, undoIt) {
  if (!journal) return;
  try {
    savedAt = (await journal.append(change)).savedAt;
  } catch (error) {
    undoIt();
    throw new SaveError(error);
  }
}

/** After the reply: fold a long journal into a new base (the queue keeps this in order). */
async function compactIfDue() {
  if (!journal?.wantsCompaction()) return;
  try {
    await journal.compact((put) => ws.writePacked(put), source);
  } catch {
    // Not compacted (another tab wrote, say): the journal stays valid as it is.
  }
}

function replay(copy, record) {
  if (record.op === 'add') copy.addScopes({ Failover: { RecordId: record.failoverId }, ScopeIds: record.scopeIds });
  else if (record.op === 'remove') copy.removeScopes(removeParameter(record.failoverId, record.scopeIds));
  else if (record.op === 'undo') copy.undo();
  else if (record.op === 'redo') copy.redo();
  else throw new Error(`journal record ${record.seq}: unknown op ${String(record.op)}`);
}

/**
 * The stored base as a working copy: packed bytes (its pieces, or whole as earlier versions
 * wrote it), or a snapshot's or the tables' text. A snapshot (what the earliest versions
 * stored) is read by the on-demand module, which has the JSON reader, and handed over packed
 * (that module then stays in this worker: once, on the first restore of such a copy).
 */
async function fromBase(base) {
  if (base?.kind === 'packed') return Workspace.fromPacked(base.bytes);
  if (base?.kind === 'snapshot') {
    const { onDemandModule } = await import('./on-demand.js');
    const { Workspace: Full } = await onDemandModule();
    const copy = Full.fromJSON(base.text);
    try {
      return Workspace.fromPacked(copy.toPacked());
    } finally {
      copy.free();
    }
  }
  if (base?.kind === 'tables') return Workspace.fromText(base.text);
  throw new Error('the stored base is neither packed, tables nor a snapshot');
}

function replace(next, nextSource) {
  ws?.free();
  ws = next;
  source = nextSource;
}

/** A printable copy of a damaged stored record, for the download. */
function damagedText(found) {
  try {
    return jsonWithBigInts(found, 2, { bytes: true });
  } catch {
    return String(found);
  }
}

/**
 * At start: restore base + journal, or start from the sample. It begins as this worker
 * starts (see `early`), so reading IndexedDB overlaps compiling the wasm.
 */
async function open() {
  await database;
  let damaged = null;
  if (journal) {
    const found = await journal.read();
    mark('dbRead');
    await ready;
    if (found) {
      let restored = null;
      try {
        restored = await fromBase(found.base);
        mark('base');
        for (const record of found.records) replay(restored, record);
        release(found.base?.bytes); // read into wasm, and not to be set aside: its megabytes can go now
        mark('replay');
      } catch (error) {
        restored?.free();
        restored = null;
        const key = await journal.setAside(found);
        damaged = { key, fault: plainFault(error), text: damagedText({ format: 'ipam-failover-journal', ...found }) };
      }
      if (restored) {
        journal.adopt(found);
        replace(restored, typeof found.base.source === 'string' ? found.base.source : 'your saved working copy');
        savedAt = typeof found.head?.savedAt === 'string' ? found.head.savedAt : null;
        const shown = status();
        mark('status');
        return { status: 'restored', ...shown, timing };
      }
    }
  }
  await ready;
  replace(Workspace.fromText(JSON.stringify(makeSample())), SAMPLE_SOURCE);
  if (journal) {
    try {
      savedAt = (await journal.writeBase((put) => ws.writePacked(put), SAMPLE_SOURCE)).savedAt;
    } catch (error) {
      storageError = `the working copy cannot be saved: ${error instanceof Error ? error.message : String(error)}`;
      journal = null;
    }
  }
  return { status: damaged ? 'damaged' : 'created', damaged, ...status() };
}

// ---- loading ---------------------------------------------------------------------------

function pendingCounts() {
  const { added, removed } = ws.pendingSummary(0);
  return { added, removed };
}

/**
 * Builds the candidate copy from a File, tables (the test hook) or the sample. A refused
 * one throws its fault and the current copy stays. With pending changes the candidate
 * waits for loadDecision; otherwise it replaces the copy at once.
 */
async function load({ file, tables, sample, name }) {
  if (sample) return offer(() => Workspace.fromText(JSON.stringify(makeSample())), SAMPLE_SOURCE);
  const nextSource = `the file “${name}”`;
  if (!file) return offer(() => Workspace.fromText(jsonWithBigInts(tables)), nextSource);
  // The file's bytes go into wasm as they are (no JavaScript string of it), and their
  // megabytes are let go as soon as they are there.
  return offerBytes(new Uint8Array(await file.arrayBuffer()), nextSource);
}

/**
 * Tables given as JSON text's UTF-8 bytes (an import from DHCP servers, made in
 * import-worker.js), named `source` (e.g. "an import of 4 files"): the same checks,
 * confirmation and journal as a file. The bytes are this worker's own copy: let go once in wasm.
 */
function loadBytes({ bytes, source: nextSource }) {
  return offerBytes(bytes, nextSource);
}

/** Offers the copy `Workspace.fromBytes` builds of this worker's own `bytes`, let go once in wasm. */
function offerBytes(bytes, nextSource) {
  return offer(() => {
    try {
      return Workspace.fromBytes(bytes);
    } finally {
      release(bytes);
    }
  }, nextSource);
}

/** Builds a candidate copy (`build()`); it waits for loadDecision over pending changes. */
async function offer(build, nextSource) {
  candidate?.ws.free();
  candidate = null;
  const next = build(); // INVALID_TABLE: refused, nothing changes
  const pending = pendingCounts();
  if (pending.added + pending.removed > 0) {
    candidate = { ws: next, source: nextSource };
    return { status: 'confirm', pending };
  }
  return swapIn({ ws: next, source: nextSource });
}

async function swapIn(next) {
  if (journal) {
    try {
      savedAt = (await journal.writeBase((put) => next.ws.writePacked(put), next.source)).savedAt;
    } catch (error) {
      next.ws.free();
      throw new SaveError(error);
    }
  }
  replace(next.ws, next.source);
  return { status: 'loaded', ...status() };
}

async function loadDecision({ accept }) {
  const next = candidate;
  candidate = null;
  if (!next) throw new Error('no file is waiting to be loaded');
  if (!accept) {
    next.ws.free();
    return { status: 'kept' };
  }
  return swapIn(next);
}

// ---- changes ---------------------------------------------------------------------------

function removeParameter(failoverId, scopeIds) {
  const parameter = { ScopeIds: scopeIds };
  if (failoverId !== null && failoverId !== undefined) parameter.Failover = { RecordId: failoverId };
  return parameter;
}

/** Progress callbacks: the bar at most every 16 ms, and the shared cancel flag. */
function callbacks(id, total) {
  let last = -Infinity;
  return {
    setCompletionPercentage(percent) {
      if (cancelFlag && Atomics.load(cancelFlag, 0) === id) throw new Error('cancelled by the admin');
      const now = performance.now();
      if (now - last < PROGRESS_INTERVAL_MS && percent !== 0) return;
      last = now;
      postMessage({ id, progress: { percent, done: Math.floor((total * percent) / 100), total } });
    },
  };
}

/** The first RESULT_LIMIT distinct scopes of the request, each "changed" or not, with labels. */
function results(scopeIds, detail) {
  const seen = new Set();
  const first = [];
  for (const id of scopeIds) {
    if (first.length >= RESULT_LIMIT) break;
    const key = String(id);
    if (seen.has(key)) continue;
    seen.add(key);
    first.push(id);
  }
  const changed = ws.outcomeOf(first);
  return labelsFor(first).map((label, i) => ({ ...label, changed: changed[i] === 1, detail: detail?.(label.id) ?? null }));
}

async function add({ id, failoverId, scopeIds }) {
  const ids = scopeIds ?? ws.selectedScopeIds();
  const relationship = ws.addScopes({ Failover: { RecordId: failoverId }, ScopeIds: ids }, callbacks(id, ids.length));
  const [changed, unchanged] = ws.lastOutcomeCounts();
  postMessage({ id, progress: { percent: 100, done: ids.length, total: ids.length, saving: changed > 0 } });
  if (changed > 0) await persist({ op: 'add', failoverId, scopeIds: ids }, () => ws.undo());
  return {
    relationshipName: relationship?.RelationshipName ?? null,
    changed,
    unchanged,
    total: ids.length,
    results: results(ids),
    ...status(false),
  };
}

async function remove({ id, failoverId, scopeIds }) {
  const ids = scopeIds ?? ws.selectedScopeIds();
  const rows = ws.removeScopes(removeParameter(failoverId, ids), callbacks(id, ids.length));
  const [changed, unchanged] = ws.lastOutcomeCounts();
  postMessage({ id, progress: { percent: 100, done: ids.length, total: ids.length, saving: rows.length > 0 } });
  if (rows.length > 0) await persist({ op: 'remove', failoverId: failoverId ?? null, scopeIds: ids }, () => ws.undo());
  // Which relationships each of the listed scopes left (for "from any relationship").
  const names = relationshipNames;
  const from = new Map();
  for (const row of rows) {
    const key = String(row.ScopeId);
    if (!from.has(key)) from.set(key, []);
    from.get(key).push(names.get(String(row.FailoverRelationId)) ?? `missing relationship ${String(row.FailoverRelationId)}`);
  }
  return {
    pairs: rows.length,
    changed,
    unchanged,
    total: ids.length,
    results: results(ids, (scopeId) => from.get(String(scopeId))?.join(', ') ?? null),
    ...status(false),
  };
}

/** Per relationship, how many pairs moved into and out of it between two pending summaries. */
function movement(before, after) {
  const moved = [];
  const old = new Map(before.map((r) => [String(r.id), r]));
  const seen = new Set();
  for (const r of [...after, ...before]) {
    const key = String(r.id);
    if (seen.has(key)) continue;
    seen.add(key);
    const a = old.get(key) ?? { added: 0, removed: 0 };
    const b = after.find((x) => String(x.id) === key) ?? { added: 0, removed: 0 };
    const into = Math.max(0, b.added - a.added) + Math.max(0, a.removed - b.removed);
    const outOf = Math.max(0, a.added - b.added) + Math.max(0, b.removed - a.removed);
    if (into || outOf) moved.push({ name: r.name, into, outOf });
  }
  return moved;
}

async function step({ op }) {
  const before = ws.pendingSummary(0).relationships;
  const changed = op === 'undo' ? ws.undo() : ws.redo();
  if (changed) await persist({ op }, () => (op === 'undo' ? ws.redo() : ws.undo()));
  return { changed, moved: movement(before, ws.pendingSummary(0).relationships), ...status(false) };
}

/** Back to the loaded tables with no history: a new base of what undoing everything gives. */
async function discard() {
  const next = ws.asLoaded();
  if (journal) {
    try {
      savedAt = (await journal.writeBase((put) => next.writePacked(put), source)).savedAt;
    } catch (error) {
      next.free();
      throw new SaveError(error);
    }
  }
  replace(next, source);
  return status();
}

/** The preflight, counted and grouped in wasm: the summary and the first groups only; its progress goes to the bar. */
async function preflight({ id, failoverId, scopeIds }) {
  const ids = scopeIds ?? ws.selectedScopeIds();
  const report = ws.preflightReport({ Failover: { RecordId: failoverId }, ScopeIds: ids }, FINDING_GROUP_LIMIT, callbacks(id, ids.length));
  return { total: ids.length, ...report };
}

// ---- the message loop ------------------------------------------------------------------

const OPS = {
  init: ({ flag }) => {
    // Without cross-origin isolation SharedArrayBuffer is not even defined here.
    cancelFlag = typeof SharedArrayBuffer === 'function' && flag instanceof SharedArrayBuffer ? new Int32Array(flag) : null;
    return { cancellable: cancelFlag !== null };
  },
  open: () => {
    // The first open takes the restore begun at start; a later one (none today) starts anew.
    const reply = early ?? open();
    early = null;
    return reply;
  },
  load,
  loadBytes,
  loadDecision,
  status: () => status(),
  scopes,
  select: ({ operation }) => ws.select(operation),
  preflight,
  add,
  remove,
  undo: () => step({ op: 'undo' }),
  redo: () => step({ op: 'redo' }),
  discard,
  packed: () => ws.toPacked(),
};
const WITHOUT_COPY = new Set(['init', 'open']);

// The restore starts with the worker, not when the page's 'open' arrives: the page's own
// modules load meanwhile. A failure is the 'open' request's to report.
let early = open();
early.catch(() => {});

// One request at a time, in order; the packed copy's bytes (fresh from wasm) are moved to
// the page, not copied.
const enqueue = serveOps(OPS, {
  before: async (message) => {
    await ready;
    if (!ws && !WITHOUT_COPY.has(message.op) && message.op in OPS) throw new Error('the working copy is not open yet');
  },
  after: (message) => compactWhenQuiet(message.op),
  transfer: movedBytes,
});

/**
 * Compaction (packing the whole copy and writing it) takes a few hundred ms at 300,000
 * scopes, so it waits until no request has come for COMPACT_AFTER_MS (the admin is reading
 * the results), and then runs in the queue like a request; one that arrives meanwhile waits
 * for it. Not after a preflight: its dialog is open, and the add it leads to would wait.
 */
const COMPACT_AFTER_MS = 1500;
let compactTimer = null;
function compactWhenQuiet(op) {
  clearTimeout(compactTimer);
  if (op === 'preflight') return;
  compactTimer = setTimeout(() => {
    enqueue(compactIfDue);
  }, COMPACT_AFTER_MS);
}
