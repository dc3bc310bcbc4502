// Assertions for the in-browser tests: exact comparisons of what a JavaScript caller of
// `addScopes` observes. Every failure throws an Error whose message says what differed.

/** A short, readable rendering of a value (BigInts keep their `n`). */
export function show(value) {
  const seen = new Set();
  const walk = (v) => {
    if (typeof v === "bigint") return `${v}n`;
    if (typeof v === "string") return JSON.stringify(v);
    if (typeof v === "symbol" || typeof v === "function") return String(v);
    if (v === undefined) return "undefined";
    if (Object.is(v, -0)) return "-0";
    if (v === null || typeof v !== "object") return String(v);
    if (seen.has(v)) return "[cycle]";
    seen.add(v);
    let out;
    if (Array.isArray(v)) {
      out = v.length > 12
        ? `[${v.slice(0, 12).map(walk).join(", ")}, ... (${v.length} items)]`
        : `[${v.map(walk).join(", ")}]`;
    } else if (v instanceof Error) {
      out = `${v.name}(${JSON.stringify(v.message)})`;
    } else {
      const proto = Object.getPrototypeOf(v);
      const tag = proto === null || proto === Object.prototype ? "" : `${proto.constructor?.name ?? "?"} `;
      const keys = Reflect.ownKeys(v).filter((k) => typeof k === "string");
      out = `${tag}{ ${keys.map((k) => {
        const d = Object.getOwnPropertyDescriptor(v, k);
        return `${k}: ${"value" in d ? walk(d.value) : "[getter]"}`;
      }).join(", ")} }`;
    }
    seen.delete(v);
    return out;
  };
  return walk(value);
}

/** Throws unless `cond` is truthy. */
export function assert(cond, what) {
  if (!cond) throw new Error(`assertion failed: ${what}`);
}

/** Same value (Object.is: 1 and 1n differ, NaN equals NaN). */
export function eq(actual, expected, what) {
  if (!Object.is(actual, expected)) {
    throw new Error(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

/** The very same object. */
export function same(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(`${what}: expected the very same object ${show(expected)}, got ${show(actual)}`);
  }
}

/**
 * Structural equality: same types (a number never equals a BigInt), same own enumerable
 * string keys in the same order for objects, same prototypes for plain objects and arrays.
 */
export function deepEq(actual, expected, what) {
  const path = [];
  const fail = (msg) => {
    throw new Error(`${what}${path.length ? ` at ${path.join("")}` : ""}: ${msg}`);
  };
  const walk = (a, e) => {
    if (Object.is(a, e)) return;
    if (typeof a !== typeof e) fail(`expected ${typeof e} ${show(e)}, got ${typeof a} ${show(a)}`);
    if (a === null || e === null || typeof a !== "object") fail(`expected ${show(e)}, got ${show(a)}`);
    if (Array.isArray(a) !== Array.isArray(e)) fail(`expected ${show(e)}, got ${show(a)}`);
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(e)) {
      fail(`different prototypes: expected ${show(e)}, got ${show(a)}`);
    }
    if (Array.isArray(a)) {
      if (a.length !== e.length) fail(`expected length ${e.length}, got ${a.length}: ${show(a)}`);
      for (let i = 0; i < a.length; i++) {
        path.push(`[${i}]`);
        walk(a[i], e[i]);
        path.pop();
      }
      return;
    }
    const ka = Object.keys(a);
    const ke = Object.keys(e);
    if (ka.join("\u0000") !== ke.join("\u0000")) {
      fail(`expected keys [${ke}], got [${ka}]`);
    }
    for (const k of ka) {
      path.push(`.${k}`);
      walk(a[k], e[k]);
      path.pop();
    }
  };
  walk(actual, expected);
}

/** Runs `fn`, which must throw; returns what it threw. */
export function throws(fn, what) {
  try {
    fn();
  } catch (thrown) {
    return thrown;
  }
  throw new Error(`${what}: expected an exception, but the call returned normally`);
}

const SOAP_NS = "http://www.w3.org/2003/05/soap-envelope";
const IPAM_NS = "http://schemas.datacontract.org/2004/07/Microsoft.Windows.Ipam";

/** The one child element of `parent` with this namespace and local name. */
function child(parent, ns, name, what) {
  const found = Array.from(parent.children).filter(
    (c) => c.namespaceURI === ns && c.localName === name,
  );
  eq(found.length, 1, `${what}: number of {${ns}}${name} children of <${parent.localName}>`);
  return found[0];
}

/**
 * Parses `fault.toSoapFault()` with the browser's XML parser and checks the SOAP 1.2
 * fault of MS-IPAMM2 2.2.2.1. With `exactMessage`, the ExceptionMessage and Reason texts
 * must equal `fault.message` character for character.
 */
export function checkSoap(fault, what, exactMessage = true) {
  const xml = fault.toSoapFault();
  eq(typeof xml, "string", `${what}: typeof toSoapFault()`);
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  const errors = doc.getElementsByTagName("parsererror");
  if (errors.length > 0) {
    throw new Error(`${what}: toSoapFault() is not well-formed XML (${errors[0].textContent}): ${xml}`);
  }
  const env = doc.documentElement;
  eq(env.namespaceURI, SOAP_NS, `${what}: Envelope namespace`);
  eq(env.localName, "Envelope", `${what}: root element`);
  const body = child(env, SOAP_NS, "Body", what);
  const soapFault = child(body, SOAP_NS, "Fault", what);
  const code = child(soapFault, SOAP_NS, "Code", what);
  eq(child(code, SOAP_NS, "Value", what).textContent, "s:Sender", `${what}: Code/Value`);
  const reason = child(child(soapFault, SOAP_NS, "Reason", what), SOAP_NS, "Text", what);
  const detail = child(soapFault, SOAP_NS, "Detail", what);
  const exception = child(detail, IPAM_NS, "IpamException", what);
  const data = child(exception, IPAM_NS, "IpamExceptionData", what);
  eq(child(data, IPAM_NS, "ExceptionId", what).textContent, "IpamApiGenericErrorOccurred",
    `${what}: ExceptionId`);
  const message = child(data, IPAM_NS, "ExceptionMessage", what).textContent;
  if (exactMessage) {
    eq(message, fault.message, `${what}: ExceptionMessage text vs error.message`);
    eq(reason.textContent, fault.message, `${what}: Reason/Text vs error.message`);
  }
  return { doc, xml, message, reason: reason.textContent };
}

/**
 * Checks that `thrown` is an IpamFault with this code and step, as JavaScript sees it,
 * and that its SOAP form parses. Returns it.
 */
export function checkFault(thrown, code, step, what) {
  if (!(thrown instanceof Error)) {
    throw new Error(`${what}: expected an IpamFault Error, got ${show(thrown)}`);
  }
  eq(thrown.name, "IpamFault", `${what}: name (message: ${thrown.message})`);
  eq(thrown.code, code, `${what}: code (message: ${thrown.message})`);
  eq(thrown.step, step, `${what}: step (message: ${thrown.message})`);
  eq(thrown.exceptionId, "IpamApiGenericErrorOccurred", `${what}: exceptionId`);
  eq(typeof thrown.message, "string", `${what}: typeof message`);
  assert(thrown.message.length > 0, `${what}: the message is not empty`);
  eq(typeof thrown.toSoapFault, "function", `${what}: typeof toSoapFault`);
  assert(String(thrown).startsWith("IpamFault: "), `${what}: String(error) starts with "IpamFault: "`);
  if (code !== "CANCELLED") {
    assert(!("cause" in thrown), `${what}: only a cancellation has a cause`);
  }
  checkSoap(thrown, what);
  return thrown;
}

/** Calls `fn`, which must throw an IpamFault with this code and step; returns it. */
export function expectFault(fn, code, step, what) {
  return checkFault(throws(fn, what), code, step, what);
}

/**
 * A record of `tables` precise enough to prove nothing changed: every table value, every
 * array's identity and length, every row's identity and own property descriptors (a
 * getter is compared by identity, never called).
 */
export function snapshot(tables) {
  if (tables === null || typeof tables !== "object") return { tables, keys: null };
  const keys = Reflect.ownKeys(tables);
  const entries = keys.map((k) => {
    const value = Object.getOwnPropertyDescriptor(tables, k).value;
    if (!Array.isArray(value)) return { k, value };
    return {
      k,
      value,
      length: value.length,
      rows: Array.from(value, (row) => ({
        row,
        props: row !== null && typeof row === "object" ? Object.getOwnPropertyDescriptors(row) : null,
      })),
    };
  });
  return { tables, keys, entries };
}

/** Throws unless `tables` is exactly as `snapshot` recorded it. */
export function unchanged(snap, what) {
  const { tables } = snap;
  if (snap.keys === null) return;
  deepEq(Reflect.ownKeys(tables), snap.keys, `${what}: the table names`);
  for (const { k, value, length, rows } of snap.entries) {
    const now = Object.getOwnPropertyDescriptor(tables, k).value;
    same(now, value, `${what}: tables.${String(k)}`);
    if (rows === undefined) continue;
    eq(now.length, length, `${what}: tables.${String(k)}.length`);
    rows.forEach(({ row, props }, i) => {
      same(now[i], row, `${what}: tables.${String(k)}[${i}]`);
      if (props === null) return;
      const nowProps = Object.getOwnPropertyDescriptors(row);
      deepEq(Object.keys(nowProps), Object.keys(props), `${what}: keys of tables.${String(k)}[${i}]`);
      for (const p of Object.keys(props)) {
        for (const field of ["value", "get", "set", "writable", "enumerable", "configurable"]) {
          eq(nowProps[p][field], props[p][field], `${what}: tables.${String(k)}[${i}].${p} (${field})`);
        }
      }
    });
  }
}

/** The text the Rust side prints when a case fails: message and stack. */
export function describeError(error) {
  if (error instanceof Error) {
    const stack = typeof error.stack === "string" ? error.stack : "";
    return stack.includes(error.message) ? stack : `${error.name}: ${error.message}\n${stack}`;
  }
  return `non-Error thrown: ${show(error)}`;
}
