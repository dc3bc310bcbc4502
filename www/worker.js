// The working copy lives here, off the page's thread: a wasm `Workspace` built from the
// loaded tables or restored from IndexedDB. Every add, remove, undo, redo and discard runs
// on it, and after each change the worker saves `ws.toJSON()` to IndexedDB and only then
// reports success, so a crash after a reported change loses nothing.
//
// addScopes and removeScopes are synchronous, so while one runs this worker cannot
// receive messages: the page cancels by terminating the worker. The fresh worker restores
// the last saved copy, which is the state before the cancelled operation.
//
// Requests are handled one at a time, in the order they arrive (each may wait on
// IndexedDB). Every request carries an id; every final reply repeats it.
//
//   { type: 'open', fallback, fallbackSource, knownRevision }
//        -> { type: 'opened', status, source, savedAt, revision, state, tables?, damaged?, storageError? }
//           status: 'restored' (from IndexedDB), 'created' (nothing stored: from `fallback`),
//           'damaged' (the stored copy could not be read: set aside under damaged-<time>,
//           `fallback` used; `damaged` is { key, fault, text }),
//           'missing' (nothing stored and no fallback given: the page must load tables).
//           `tables` is omitted when the restored revision equals `knownRevision`.
//   { type: 'check', tables }                      -> { type: 'checked', fault }
//   { type: 'load', tables, source }               -> { type: 'loaded', ...change }
//   { type: 'preflight', failoverId, scopeIds }    -> { type: 'findings', findings }
//   { type: 'add', failoverId, scopeIds }          -> progress..., { type: 'done', added, already, relationship, ...change }
//   { type: 'remove', failoverId|null, scopeIds }  -> progress..., { type: 'removed', rows, removed, absent, ...change }
//   { type: 'undo' | 'redo' | 'discard' }          -> { type: 'changed', changed, ...change }
//   { type: 'export', format }                     -> { type: 'exported', text }   format: tables|json|csv|powershell
//   { type: 'snapshot' }                           -> { type: 'snapshot', text }
// Any request can instead end with { type: 'fault', fault, percent }.
//
// `...change` is { pairs, state, savedAt, revision }: the working ADM_DhcpScopeFailoverTable
// (the only table a change touches; null when nothing changed) and the state the page
// shows, { diff, canUndo, canRedo }.

import init, { Workspace } from './pkg/ipam_failover.js';
import { openDatabase, read, write, setAside, CURRENT } from './storage.js';

const PROGRESS_INTERVAL_MS = 50;

const ready = init().then(() => postMessage({ type: 'ready' }));

let ws = null; // the Workspace
let source = ''; // what the loaded tables came from, for the page's summary
let revision = 0; // counts saves; the page compares it after a cancel
let savedAt = null;
let lastSaved = null; // the text last written, to fall back to when a write fails
let db = null;
let storageError = null; // why IndexedDB cannot be used, when it cannot

const database = openDatabase().then((opened) => { db = opened; }, (error) => {
  storageError = error instanceof Error ? error.message : String(error);
});

/** An IpamFault (or any error) as plain data that survives postMessage. */
function plainFault(error) {
  const isFault = error instanceof Error && error.name === 'IpamFault';
  let soap = null;
  if (isFault && typeof error.toSoapFault === 'function') soap = error.toSoapFault();
  let cause = null;
  if (error && error.cause !== undefined) {
    cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
  }
  return {
    isFault,
    name: error instanceof Error ? error.name : 'Error',
    code: isFault ? error.code : null,
    step: isFault ? error.step ?? null : null,
    exceptionId: isFault ? error.exceptionId ?? null : null,
    message: error instanceof Error ? error.message : String(error),
    soap,
    cause,
  };
}

class SaveError extends Error {
  constructor(error) {
    super(`The change could not be saved in this browser, so it was not made: ${error instanceof Error ? error.message : String(error)}`);
    this.name = 'SaveError';
  }
}

function state() {
  return { diff: ws.diff(), canUndo: ws.canUndo, canRedo: ws.canRedo };
}

function workingPairs() {
  return ws.pairTable();
}

/** Writes the working copy to IndexedDB; resolves once it is on disk. */
async function save() {
  if (!db) return; // no IndexedDB: the copy lives as long as this worker (the page says so)
  const text = ws.toJSON();
  const record = { snapshot: text, savedAt: new Date().toISOString(), revision: revision + 1, source };
  await write(db, CURRENT, record, revision);
  revision = record.revision;
  savedAt = record.savedAt;
  lastSaved = text;
}

/**
 * Saves after a change to `ws`. If the write fails the change is taken back (the copy is
 * rebuilt from the text last saved, history included) and the request fails: what the
 * page shows is always what is stored.
 */
async function commit() {
  try {
    await save();
  } catch (error) {
    // With IndexedDB in use, a copy has always been saved (open and load save first).
    ws.free();
    ws = Workspace.fromJSON(lastSaved);
    throw new SaveError(error);
  }
}

/** The change part of a reply. */
function change(changed) {
  return { pairs: changed ? workingPairs() : null, state: state(), savedAt, revision, storageError };
}

function replace(next, nextSource) {
  ws?.free();
  ws = next;
  source = nextSource;
}

function textOf(record) {
  if (record && typeof record === 'object' && typeof record.snapshot === 'string') return record.snapshot;
  if (typeof record === 'string') return record;
  try {
    return JSON.stringify(record) ?? String(record);
  } catch {
    return String(record);
  }
}

async function open({ fallback, fallbackSource, knownRevision }) {
  await database;
  let damaged = null;
  if (db) {
    const record = await read(db, CURRENT);
    if (record !== undefined) {
      let restored = null;
      try {
        restored = Workspace.fromJSON(record?.snapshot);
      } catch (error) {
        const key = await setAside(db, record);
        damaged = { key, fault: plainFault(error), text: textOf(record) };
      }
      if (restored) {
        replace(restored, typeof record.source === 'string' ? record.source : 'your saved working copy');
        revision = Number.isSafeInteger(record.revision) ? record.revision : 0;
        savedAt = typeof record.savedAt === 'string' ? record.savedAt : null;
        lastSaved = record.snapshot;
        const same = knownRevision !== undefined && knownRevision === revision;
        return {
          type: 'opened', status: 'restored', source, savedAt, revision, storageError,
          state: state(), tables: same ? null : ws.tables(),
        };
      }
    }
  }
  if (!fallback) {
    return { type: 'opened', status: 'missing', storageError, state: null };
  }
  replace(new Workspace(fallback), fallbackSource);
  revision = 0;
  try {
    await save();
  } catch (error) {
    // The copy works, it just cannot be kept: the page shows why, and this worker stops
    // trying (with nothing saved there would be nothing to fall back to on a failed write).
    storageError = `the working copy cannot be saved: ${error instanceof Error ? error.message : String(error)}`;
    db = null;
  }
  return {
    type: 'opened', status: damaged ? 'damaged' : 'created', damaged, source, savedAt, revision, storageError,
    state: state(), tables: null,
  };
}

/** Reads and validates tables without keeping them: new Workspace() is the core's full check. */
function check(tables) {
  try {
    new Workspace(tables).free();
    return null;
  } catch (error) {
    return plainFault(error);
  }
}

async function load({ tables, source: nextSource }) {
  const previous = ws;
  const previousSource = source;
  const next = new Workspace(tables); // throws INVALID_TABLE: the current copy stays
  ws = next;
  source = nextSource;
  try {
    await save();
  } catch (error) {
    next.free();
    ws = previous;
    source = previousSource;
    throw new SaveError(error);
  }
  previous?.free();
  return { type: 'loaded', ...change(false), source };
}

/** Progress messages at most every 50 ms, and the per-scope outcomes from sub-tasks. */
function tracker(id, total, doneStatus) {
  const done = [];
  const skipped = [];
  let percent = 0;
  let last = -Infinity;
  const report = (force) => {
    const now = performance.now();
    if (!force && now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    postMessage({ type: 'progress', id, percent, done: done.length + skipped.length, total });
  };
  const callbacks = {
    setCompletionPercentage(p) {
      percent = p;
      report(false);
    },
    addSubTask() {},
    // Only the ids travel back; the sub-task objects stay here.
    setSubTaskStatus(subTask) {
      const scopeId = subTask.SubTaskInstanceDetails.ScopeId;
      if (subTask.SubTaskStatus === doneStatus) done.push(scopeId);
      else if (subTask.SubTaskStatus === 'NotApplicable') skipped.push(scopeId);
      report(false);
    },
    setOverallStatus(status, p) {
      percent = p;
      report(true);
    },
  };
  return { callbacks, done, skipped, percent: () => percent };
}

async function add({ id, failoverId, scopeIds }) {
  const track = tracker(id, scopeIds.length, 'CompletedWithSuccess');
  let relationship;
  try {
    relationship = ws.addScopes({ Failover: { RecordId: failoverId }, ScopeIds: scopeIds }, track.callbacks);
  } catch (error) {
    return { type: 'fault', fault: plainFault(error), percent: track.percent() };
  }
  const changed = track.done.length > 0; // adding only pairs already there records no step
  postMessage({ type: 'progress', id, percent: 100, done: scopeIds.length, total: scopeIds.length, saving: changed });
  if (changed) await commit();
  return { type: 'done', added: track.done, already: track.skipped, relationship, ...change(changed) };
}

async function remove({ id, failoverId, scopeIds }) {
  const track = tracker(id, scopeIds.length, 'CompletedWithSuccess');
  const parameter = { ScopeIds: scopeIds };
  if (failoverId !== null && failoverId !== undefined) parameter.Failover = { RecordId: failoverId };
  let rows;
  try {
    rows = ws.removeScopes(parameter, track.callbacks);
  } catch (error) {
    return { type: 'fault', fault: plainFault(error), percent: track.percent() };
  }
  const changed = rows.length > 0;
  postMessage({ type: 'progress', id, percent: 100, done: scopeIds.length, total: scopeIds.length, saving: changed });
  if (changed) await commit();
  return { type: 'removed', rows, removed: track.done, absent: track.skipped, ...change(changed) };
}

async function step(kind) {
  const changed = kind === 'undo' ? ws.undo() : ws.redo();
  if (changed) await commit();
  return { type: 'changed', changed, ...change(changed) };
}

/** Back to the loaded tables with no history: a fresh Workspace of what undoing everything gives. */
async function discard() {
  const copy = Workspace.fromJSON(ws.toJSON());
  while (copy.undo());
  const loaded = copy.tables();
  copy.free();
  const before = ws;
  ws = new Workspace(loaded);
  try {
    await save();
  } catch (error) {
    ws.free();
    ws = before;
    throw new SaveError(error);
  }
  before.free();
  return { type: 'changed', changed: true, ...change(true) };
}

/** JSON text in which BigInt ids (beyond 2^53) are written as plain numbers, digit for digit. */
function jsonWithBigInts(value) {
  if (typeof JSON.rawJSON === 'function') {
    return JSON.stringify(value, (key, v) => (typeof v === 'bigint' ? JSON.rawJSON(v.toString()) : v), 2);
  }
  // Without JSON.rawJSON: a marker string no data can contain (it holds a random nonce),
  // replaced by the digits afterwards.
  const nonce = `bigint-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
  const text = JSON.stringify(value, (key, v) => (typeof v === 'bigint' ? `${nonce}:${v.toString()}` : v), 2);
  return text.replace(new RegExp(`"${nonce}:(-?\\d+)"`, 'g'), '$1');
}

function exportText(format) {
  if (format === 'tables') return jsonWithBigInts(ws.tables());
  return ws.exportChangeSet(format);
}

async function handle(message) {
  if (message.type === 'open') return open(message);
  if (message.type === 'check') return { type: 'checked', fault: check(message.tables) };
  if (message.type === 'load') return load(message);
  if (!ws) throw new Error('the working copy is not open yet');
  switch (message.type) {
    case 'preflight':
      return { type: 'findings', findings: ws.preflight({ Failover: { RecordId: message.failoverId }, ScopeIds: message.scopeIds }) };
    case 'add': return add(message);
    case 'remove': return remove(message);
    case 'undo':
    case 'redo': return step(message.type);
    case 'discard': return discard();
    case 'export': return { type: 'exported', text: exportText(message.format) };
    case 'snapshot': return { type: 'snapshot', text: ws.toJSON() };
    default: throw new Error(`unknown request ${String(message.type)}`);
  }
}

let queue = Promise.resolve();

self.onmessage = (event) => {
  const message = event.data;
  queue = queue.then(async () => {
    let reply;
    try {
      await ready;
      reply = await handle(message);
    } catch (error) {
      reply = { type: 'fault', fault: plainFault(error), percent: 0 };
    }
    postMessage({ ...reply, id: message.id });
  });
};
