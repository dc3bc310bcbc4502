// Runs addScopes off the page's thread. addScopes is synchronous, so while it runs this
// worker cannot receive messages: the page cancels by terminating the worker, and only
// ever changes its own tables when a "done" message arrives. The tables here are the
// structured-clone copy that came with the request, never the page's.
//
// Requests:  { type: 'check', id, tables }
//            { type: 'add', id, tables, failoverId, scopeIds }
// Replies:   { type: 'ready' } once the wasm module is initialised
//            { type: 'checked', id, fault }                      (fault null: accepted)
//            { type: 'progress', id, percent, done, total }      (at most every 50 ms)
//            { type: 'done', id, appended, added, already, relationship }
//            { type: 'fault', id, fault, percent }

import init, { addScopes } from './pkg/ipam_failover.js';

const PROGRESS_INTERVAL_MS = 50;

const ready = init().then(() => postMessage({ type: 'ready' }));

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

/** An id that is not a RecordId of any relationship (so the dry run stops at step 3). */
function unusedRelationshipId(rows) {
  const used = new Set(rows.map((row) => (row && typeof row === 'object' ? String(row.RecordId) : '')));
  let candidate = -1;
  while (used.has(String(candidate))) candidate--;
  return candidate;
}

/**
 * The load-time dry check: the core reads and validates every table before step 3 looks
 * the relationship up, so a request for a relationship that does not exist either fails
 * with FAILOVER_NOT_FOUND (the tables are fine) or with INVALID_TABLE (they are not).
 * It runs on a shallow copy whose pair table is a fresh array, so nothing is appended
 * even if it were to succeed.
 */
function check(tables) {
  const copy = { ...tables };
  if (Array.isArray(tables.ADM_DhcpScopeFailoverTable)) {
    copy.ADM_DhcpScopeFailoverTable = tables.ADM_DhcpScopeFailoverTable.slice();
  }
  const rows = Array.isArray(tables.ADM_DhcpFailoverTable) ? tables.ADM_DhcpFailoverTable : [];
  const missing = unusedRelationshipId(rows);
  try {
    addScopes(copy, { Failover: { RecordId: missing }, ScopeIds: [missing] });
  } catch (error) {
    if (error && error.code === 'FAILOVER_NOT_FOUND') return null;
    return plainFault(error);
  }
  return null;
}

function add({ id, tables, failoverId, scopeIds }) {
  const total = scopeIds.length;
  const pairs = tables.ADM_DhcpScopeFailoverTable;
  const before = Array.isArray(pairs) ? pairs.length : 0;
  const added = [];
  const already = [];
  let percent = 0;
  let last = -Infinity;
  const report = (force) => {
    const now = performance.now();
    if (!force && now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    postMessage({ type: 'progress', id, percent, done: added.length + already.length, total });
  };
  const callbacks = {
    setCompletionPercentage(p) {
      percent = p;
      report(false);
    },
    // Sub-tasks give the per-scope outcome the result list shows; the objects themselves
    // stay here, only the ids travel back.
    addSubTask() {},
    setSubTaskStatus(subTask) {
      const scopeId = subTask.SubTaskInstanceDetails.ScopeId;
      if (subTask.SubTaskStatus === 'CompletedWithSuccess') added.push(scopeId);
      else if (subTask.SubTaskStatus === 'NotApplicable') already.push(scopeId);
      report(false);
    },
    setOverallStatus(status, p) {
      percent = p;
      report(true);
    },
  };
  try {
    const relationship = addScopes(tables, { Failover: { RecordId: failoverId }, ScopeIds: scopeIds }, callbacks);
    postMessage({ type: 'progress', id, percent: 100, done: total, total });
    postMessage({ type: 'done', id, appended: pairs.slice(before), added, already, relationship });
  } catch (error) {
    postMessage({ type: 'fault', id, fault: plainFault(error), percent });
  }
}

self.onmessage = async (event) => {
  const message = event.data;
  try {
    await ready;
  } catch (error) {
    postMessage({ type: 'fault', id: message.id, fault: plainFault(error), percent: 0 });
    return;
  }
  if (message.type === 'check') {
    postMessage({ type: 'checked', id: message.id, fault: check(message.tables) });
  } else if (message.type === 'add') {
    add(message);
  }
};
