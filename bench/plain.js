// A straightforward plain-JavaScript implementation of the same operation as the wasm
// `addScopes` (MS-IPAMM2 3.19.4.4.1.25, "add DHCP scopes to a failover relationship"),
// written the way a competent JS developer would: full validation of the parameter and
// of every table row, hash lookups (a Map of the requested scopes, which is what the
// Rust core indexes too, then one pass over the table), all-or-nothing append, the same
// fault codes. It is the baseline of the benchmark, not part of the product.
//
// Same contract as the wasm export:
//   addScopes(tables, parameter, callbacks?) -> shallow copy of the relationship row
// Faults are thrown as `Error`s with a stable `code` (and the spec `step`, or null).
// Progress: setCompletionPercentage(0) first, then growing integer percentages 1..99
// (done * 99 / total, as the Rust reporter computes them), then exactly one
// setOverallStatus("Success", 100) or setOverallStatus("Failure", percentSoFar, fault).
// A callback that throws cancels the operation (code CANCELLED, tables unchanged).
// Sub-task callbacks (addSubTask / setSubTaskStatus) are not implemented: the benchmark
// does not use them.

export const ADD_TYPE = 'DhcpFailoverWithScopesParameters';
export const ADD_OPERATION = 'AddDhcpFailoverScopes';
const FAILOVER_TABLE = 'ADM_DhcpFailoverTable';
const SCOPE_FAILOVER_TABLE = 'ADM_DhcpScopeFailoverTable';
const SCOPES_TABLE = 'ADM_DHCPScopesTable';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

export class IpamFault extends Error {
  constructor(code, step, message) {
    super(step == null ? `${code}: ${message}` : `${code} (step ${step}): ${message}`);
    this.name = 'IpamFault';
    this.code = code;
    this.step = step ?? null;
  }
}

const fault = (code, step, message) => new IpamFault(code, step, message);
const tableFault = (message) => new IpamFault('INVALID_TABLE', null, message);

function isPlainObject(v) {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function describe(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return isPlainObject(v) ? 'an object' : 'a class instance';
  return typeof v;
}

// The canonical key of an id, or undefined when the value is not an id. Ids are 64-bit
// signed integers given as a safe-integer number or a BigInt; 5 and 5n are the same id,
// so a BigInt within the safe range is keyed as a number (Set/Map compare BigInts by value).
function idKey(v) {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : undefined;
  if (typeof v === 'bigint') {
    if (v >= -MAX_SAFE && v <= MAX_SAFE) return Number(v);
    return v >= I64_MIN && v <= I64_MAX ? v : undefined;
  }
  return undefined;
}

function whyNotId(v) {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN is not an id';
    if (!Number.isFinite(v)) return `${v} is not an id`;
    if (!Number.isInteger(v)) return `${v} is not an integer`;
    return `${v} is outside the safe integer range of a JavaScript number; pass it as a BigInt`;
  }
  if (typeof v === 'bigint') return `${v}n does not fit in a 64-bit signed integer`;
  if (typeof v === 'string') return `the string ${JSON.stringify(v.slice(0, 60))} is not an id`;
  return `${describe(v)} is not an id`;
}

// Reads a required id cell of a table row; throws INVALID_TABLE.
function cellKey(table, i, row, column) {
  const v = row[column];
  // Fast path: the common case is a safe-integer number.
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (v === undefined) throw tableFault(`${table}[${i}] has no ${column}`);
  const key = idKey(v);
  if (key === undefined) throw tableFault(`${table}[${i}].${column}: ${whyNotId(v)}`);
  return key;
}

// Steps 1 and 2. Returns { failoverKey, scopeIds, scopeKeys }.
function validateParameter(parameter) {
  const p1 = (m) => fault('INVALID_PARAMETER', 1, m);
  if (!isPlainObject(parameter)) {
    throw p1(`the parameter must be a ${ADD_TYPE} object; got ${describe(parameter)}`);
  }
  const type = parameter.$type;
  if (type != null && type !== ADD_TYPE) {
    throw p1(typeof type === 'string'
      ? `$type is ${JSON.stringify(type)}; this operation takes a ${ADD_TYPE}`
      : `$type must be the string "${ADD_TYPE}"; got ${describe(type)}`);
  }
  const op = parameter.OperationId;
  if (op != null && op !== ADD_OPERATION) {
    throw p1(typeof op === 'string'
      ? `OperationId is ${JSON.stringify(op)}; this operation is ${ADD_OPERATION}`
      : `OperationId must be the string "${ADD_OPERATION}"; got ${describe(op)}`);
  }
  const failover = parameter.Failover;
  if (failover == null) {
    throw fault('MISSING_FAILOVER', 2, 'Failover is null or absent; name the relationship as { RecordId }');
  }
  const scopeIds = parameter.ScopeIds;
  if (scopeIds == null) {
    throw fault('MISSING_SCOPE_IDS', 2, 'ScopeIds is null or absent; give an array of scope RecordIds');
  }
  if (!Array.isArray(scopeIds)) {
    throw fault('INVALID_PARAMETER', 2, `ScopeIds must be an array of scope RecordIds; got ${describe(scopeIds)}`);
  }
  const n = scopeIds.length;
  if (n === 0) throw fault('EMPTY_SCOPE_IDS', 2, 'ScopeIds is empty; give at least one scope RecordId');
  const scopeKeys = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = scopeIds[i];
    const key = typeof v === 'number' && Number.isSafeInteger(v) ? v : idKey(v);
    if (key === undefined) throw fault('INVALID_ID', 2, `ScopeIds[${i}]: ${whyNotId(v)}`);
    scopeKeys[i] = key;
  }
  if (typeof failover !== 'object' || Array.isArray(failover)) {
    throw fault('INVALID_PARAMETER', 2, `Failover must be a DhcpFailover object with a RecordId; got ${describe(failover)}`);
  }
  const failoverKey = idKey(failover.RecordId);
  if (failoverKey === undefined) throw fault('INVALID_ID', 2, `Failover.RecordId: ${whyNotId(failover.RecordId)}`);
  return { failoverKey, failoverId: failover.RecordId, scopeIds, scopeKeys };
}

function requireTable(tables, name) {
  const t = tables[name];
  if (!Array.isArray(t)) {
    throw tableFault(t === undefined
      ? `the tables have no ${name} array`
      : `${name} must be an array of rows; got ${describe(t)}`);
  }
  return t;
}

// Reads and checks the tables. `wanted` maps each requested scope key to the position of
// its first occurrence in ScopeIds; the keys already paired with the relationship are
// deleted from it, so what is left is what to add. Returns the relationship's row
// position (or -1).
function readTables(tables, failoverKey, wanted) {
  if (tables === null || typeof tables !== 'object' || Array.isArray(tables)) {
    throw tableFault(`the tables must be an object holding ${FAILOVER_TABLE} and ${SCOPE_FAILOVER_TABLE} arrays; got ${describe(tables)}`);
  }
  const failovers = requireTable(tables, FAILOVER_TABLE);
  const pairs = requireTable(tables, SCOPE_FAILOVER_TABLE);

  const recordIds = new Map();
  let position = -1;
  for (let i = 0; i < failovers.length; i++) {
    const row = failovers[i];
    if (row === null || typeof row !== 'object') throw tableFault(`${FAILOVER_TABLE}[${i}] must be an object; got ${describe(row)}`);
    const key = cellKey(FAILOVER_TABLE, i, row, 'RecordId');
    const earlier = recordIds.get(key);
    if (earlier !== undefined) {
      throw tableFault(`${FAILOVER_TABLE}: RecordId ${key} appears in rows ${earlier} and ${i}; RecordId is the primary key`);
    }
    recordIds.set(key, i);
    if (key === failoverKey) position = i;
  }

  for (let i = 0, n = pairs.length; i < n; i++) {
    const row = pairs[i];
    if (row === null || typeof row !== 'object') throw tableFault(`${SCOPE_FAILOVER_TABLE}[${i}] must be an object; got ${describe(row)}`);
    const scopeKey = cellKey(SCOPE_FAILOVER_TABLE, i, row, 'ScopeId');
    const relationKey = cellKey(SCOPE_FAILOVER_TABLE, i, row, 'FailoverRelationId');
    if (relationKey === failoverKey) wanted.delete(scopeKey);
  }

  // The optional scopes table: when given, an array of rows with unique RecordIds.
  const scopes = tables[SCOPES_TABLE];
  if (scopes != null) {
    if (!Array.isArray(scopes)) throw tableFault(`${SCOPES_TABLE} must be an array of rows; got ${describe(scopes)}`);
    const seen = new Set();
    for (let i = 0; i < scopes.length; i++) {
      const row = scopes[i];
      if (row === null || typeof row !== 'object') throw tableFault(`${SCOPES_TABLE}[${i}] must be an object; got ${describe(row)}`);
      const key = cellKey(SCOPES_TABLE, i, row, 'RecordId');
      if (seen.has(key)) throw tableFault(`${SCOPES_TABLE}: RecordId ${key} appears twice; RecordId is the primary key`);
      seen.add(key);
    }
  }
  return { failovers, pairs, position };
}

// The progress port: keeps the percentage rules and turns a throwing callback into CANCELLED.
// The callbacks, when given, must be an object whose named members are functions or absent.
class Progress {
  constructor(callbacks) {
    this.callbacks = callbacks ?? null;
    this.onPercent = null;
    this.onStatus = null;
    this.percent = 0;
    if (callbacks == null) return;
    if (typeof callbacks !== 'object' || Array.isArray(callbacks)) {
      throw fault('INVALID_PARAMETER', null, `callbacks must be an object of optional methods; got ${describe(callbacks)}`);
    }
    for (const name of ['setCompletionPercentage', 'setOverallStatus', 'addSubTask', 'setSubTaskStatus']) {
      const f = callbacks[name];
      if (f != null && typeof f !== 'function') {
        throw fault('INVALID_PARAMETER', null, `callbacks.${name} must be a function; got ${describe(f)}`);
      }
    }
    this.onPercent = callbacks.setCompletionPercentage ?? null;
    this.onStatus = callbacks.setOverallStatus ?? null;
  }
  report(percent) {
    if (this.onPercent === null) return;
    try {
      this.onPercent.call(this.callbacks, percent);
    } catch (cause) {
      const f = fault('CANCELLED', null, 'the operation was cancelled: a progress callback threw; the tables are unchanged');
      f.cause = cause;
      throw f;
    }
  }
  advance(done, total) {
    const percent = Math.floor((done * 99) / total);
    if (percent > this.percent) {
      this.percent = percent;
      this.report(percent);
    }
  }
  finish(status, percent, f) {
    if (this.onStatus === null) return;
    try {
      if (f === undefined) this.onStatus.call(this.callbacks, status, percent);
      else this.onStatus.call(this.callbacks, status, percent, f);
    } catch (e) {
      // After completion a throwing status callback cannot undo anything; report it
      // the way an event handler's error would be.
      reportError?.(e);
    }
  }
}

/**
 * Adds scopes to a failover relationship, in place. `timer`, when given, receives the
 * time of each phase (ms) in its fields; it is for the benchmark's breakdown only.
 */
export function addScopesTimed(tables, parameter, callbacks, timer) {
  const progress = new Progress(callbacks); // a bad callbacks object throws before any report
  let t = timer ? performance.now() : 0;
  const lap = (name) => {
    const now = performance.now();
    timer[name] = (timer[name] ?? 0) + (now - t);
    t = now;
  };
  try {
    progress.report(0);
    // Steps 1 and 2.
    const { failoverKey, failoverId, scopeIds, scopeKeys } = validateParameter(parameter);
    if (timer) lap('parameter');
    // The requested scopes indexed (the request is usually far smaller than the table,
    // so index it rather than the relationship's pairs), then one pass over the tables.
    const n = scopeKeys.length;
    const wanted = new Map();
    for (let i = 0; i < n; i++) {
      const key = scopeKeys[i];
      if (!wanted.has(key)) wanted.set(key, i);
    }
    if (timer) lap('index');
    const { failovers, pairs, position } = readTables(tables, failoverKey, wanted);
    if (timer) lap('tables');
    // Step 3.
    if (position < 0) {
      throw fault('FAILOVER_NOT_FOUND', 3, `no failover relationship has RecordId ${failoverKey}`);
    }
    const row = failovers[position];
    // Step 4, staged: each distinct scope whose exact pair is missing, in request order
    // (its first occurrence; later duplicates are skipped).
    const added = [];
    for (let i = 0; i < n; i++) {
      if (wanted.get(scopeKeys[i]) === i) added.push(i);
      progress.advance(i + 1, n);
    }
    if (timer) lap('stage');
    // Step 4, committed: the only change. Rows carry the caller's own id values
    // (ScopeIds[i] and Failover.RecordId as given).
    for (let k = 0; k < added.length; k++) {
      pairs.push({ ScopeId: scopeIds[added[k]], FailoverRelationId: failoverId });
    }
    if (timer) lap('append');
    // Step 5.
    progress.finish('Success', 100);
    return { ...row };
  } catch (e) {
    progress.finish('Failure', progress.percent, e);
    throw e;
  }
}

export function addScopes(tables, parameter, callbacks) {
  return addScopesTimed(tables, parameter, callbacks, undefined);
}
