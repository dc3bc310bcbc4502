// JavaScript half of the binding. Hot loops that touch JavaScript objects live here:
// reading a property from wasm costs an import call per value, while this loop runs
// at JIT speed and hands wasm a typed array. No rule lives here; the Rust core
// validates everything this file collects.

/** The shape of a value, as `raw::Shape::from_kind` reads it. A value that throws when
 * looked at (a revoked Proxy) is "unreadable". */
export function kindOf(value) {
  try {
    return kindOfUnchecked(value);
  } catch {
    return "unreadable";
  }
}

function kindOfUnchecked(value) {
  if (value === null) return "null";
  const type = typeof value;
  if (type !== "object") return type;
  if (Array.isArray(value)) return "array";
  const proto = Object.getPrototypeOf(value);
  if (proto === null || proto === Object.prototype) return "object";
  // A plain object from another realm (an iframe) has that realm's Object.prototype.
  if (Object.getPrototypeOf(proto) === null && proto.constructor?.name === "Object") {
    return "object";
  }
  return "instance";
}

/**
 * Fills `a` (and `b`, when `keyB` is given), which are views of wasm memory, with the id
 * columns of `rows`. Cells that are safe integers land there; every row with another cell,
 * or that is not an object, is listed in the result for the binding to classify. With
 * `extras` (an array), the rows that have keys besides `keyA` and `keyB` are pushed to it,
 * in the same pass.
 */
export function fillColumns(rows, keyA, keyB, a, b, extras) {
  const n = a.length;
  const two = keyB !== undefined;
  const odd = [];
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (typeof row !== "object" || row === null) {
      odd.push(i);
      continue;
    }
    if (extras !== undefined) {
      for (const key in row) {
        if (key !== keyA && key !== keyB) {
          extras.push(i);
          break;
        }
      }
    }
    const x = row[keyA];
    if (!Number.isSafeInteger(x)) {
      odd.push(i);
      continue;
    }
    a[i] = x;
    if (two) {
      const y = row[keyB];
      if (Number.isSafeInteger(y)) b[i] = y;
      else odd.push(i);
    }
  }
  return Uint32Array.from(odd);
}

/**
 * Reads an array of values the same way: numbers in `a`, the rest listed in `odd`. Also
 * returns `values`, a copy taken now, so later changes to the caller's array (by a
 * callback, say) cannot change what was validated.
 */
export function readValues(values) {
  const n = values.length;
  const a = new Float64Array(n);
  const copy = new Array(n);
  const odd = [];
  for (let i = 0; i < n; i++) {
    const x = values[i];
    copy[i] = x;
    if (typeof x === "number") a[i] = x;
    else odd.push(i);
  }
  return { a, b: null, odd: Uint32Array.from(odd), values: copy };
}

/**
 * Appends `{ ScopeId, FailoverRelationId }` rows, keeping the caller's id values as given.
 * An array that refuses (frozen, sealed, a Proxy that throws) is put back to its length
 * before the exception goes on, so the append is all or nothing.
 */
export function appendPairs(rows, scopeIds, indices, relationId) {
  const before = rows.length;
  try {
    for (let k = 0; k < indices.length; k++) {
      rows.push({ ScopeId: scopeIds[indices[k]], FailoverRelationId: relationId });
    }
  } catch (error) {
    try {
      rows.length = before;
    } catch {
      // Nothing more can be done for an array that refuses both.
    }
    throw error;
  }
}

/** A deep copy of a row made of plain data (getters run once, here, inside a try). */
export function cloneRow(row) {
  return structuredClone(row);
}

/** A plain copy of one row: the relationship handed back by step 5. */
export function copyRow(row) {
  return Object.assign({}, row);
}

/** A SubTaskInstance (MS-IPAMM2 2.2.4.399) as the callbacks receive it. */
export function subTask(id, name, status, description, scopeId) {
  return {
    SubTaskInstanceId: id,
    SubTaskName: name,
    SubTaskStatus: status,
    ProgressStatusDescriptions: description,
    IsNonDeterministicProgress: false,
    SubTaskInstanceDetails: { ScopeId: scopeId },
    FailedCompletionStatus: null,
  };
}

/** The error every fault is thrown as. */
class IpamFault extends Error {
  constructor(code, step, exceptionId, message, soap, options) {
    super(message, options);
    this.code = code;
    this.step = step;
    this.exceptionId = exceptionId;
    Object.defineProperty(this, "soap", { value: soap, enumerable: false });
  }
  /** The MS-IPAMM2 2.2.2.1 SOAP 1.2 fault, as XML text. */
  toSoapFault() {
    return this.soap;
  }
}

IpamFault.prototype.name = "IpamFault";

/** Builds an IpamFault; `cause` is set only when `hasCause` (a callback threw). */
export function makeFault(code, step, exceptionId, message, soap, hasCause, cause) {
  return new IpamFault(code, step ?? null, exceptionId, message, soap,
    hasCause ? { cause } : undefined);
}

/**
 * Reports an exception the caller cannot receive (from the final Success callback, after
 * the change was made) the way the DOM reports one from an event listener.
 */
export function reportLate(error) {
  if (typeof globalThis.reportError === "function") globalThis.reportError(error);
  else setTimeout(() => { throw error; });
}

/**
 * Builds scope-failover rows from two id columns; the rows listed in `special` (unsafe
 * ids, extra fields) come ready-made in `specialRows`, in order.
 */
export function buildPairs(scopeIds, relationIds, special, specialRows) {
  const n = scopeIds.length;
  const rows = new Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (k < special.length && special[k] === i) rows[i] = specialRows[k++];
    else rows[i] = { ScopeId: scopeIds[i], FailoverRelationId: relationIds[i] };
  }
  return rows;
}
