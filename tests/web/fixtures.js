// Test data for the in-browser tests: tables, parameters and a callback recorder, all
// plain JavaScript values exactly as a caller of `addScopes` would build them.

/**
 * Three relationships (the third with an id beyond the safe-integer range, as a BigInt),
 * three existing pairs (one written with BigInts, one with an extra field), and the
 * scopes table.
 */
export function tables() {
  return {
    ADM_DhcpFailoverTable: [
      {
        RecordId: 1,
        RelationshipName: "dhcp1-dhcp2",
        Mode: "LoadBalance",
        Server1RecordId: 100,
        Server2RecordId: 200,
        Server1Name: "dhcp1.contoso.com",
        Server2Name: "dhcp2.contoso.com",
        Server1Percentage: 50,
        MCLT: "01:00:00",
        AutoStateTransition: false,
        SharedSecretEnabled: true,
        Extra: { nested: [1, 2] },
      },
      { RecordId: 2, RelationshipName: "dhcp3-dhcp4", Mode: "HotStandby", Server1RecordId: 300 },
      { RecordId: 9007199254740993n, RelationshipName: "big", Mode: "LoadBalance" },
    ],
    ADM_DhcpScopeFailoverTable: [
      { ScopeId: 10, FailoverRelationId: 1, Note: "kept as given" },
      { ScopeId: 20, FailoverRelationId: 2 },
      { ScopeId: 30n, FailoverRelationId: 1n },
    ],
    ADM_DHCPScopesTable: [
      { RecordId: 10, ScopeId: "10.0.10.0", SubnetMask: "255.255.255.0", ScopeName: "ten" },
      { RecordId: 20, ScopeId: "10.0.20.0", SubnetMask: "255.255.255.0", ScopeName: null },
      { RecordId: 30n, ScopeId: "10.0.30.0", SubnetMask: "255.255.255.0" },
      { RecordId: 40, ScopeId: "10.0.40.0", SubnetMask: "255.255.255.0" },
      { RecordId: 50, ScopeId: "10.0.50.0", SubnetMask: "255.255.255.0" },
    ],
  };
}

/** A valid parameter naming relationship `failoverId`. */
export function parameter(failoverId, scopeIds) {
  return { Failover: { RecordId: failoverId }, ScopeIds: scopeIds };
}

/** The fixture tables and a parameter for them, as one object (for the Rust side). */
export function fixture(failoverId, scopeIds) {
  return { tables: tables(), parameter: parameter(failoverId, scopeIds) };
}

/**
 * A callbacks object that records every call as `[method, ...args]` in `calls` and checks
 * that `this` is the callbacks object. `throwAt(method, args, calls)` may return a value to
 * throw (wrapped as `{ value }`) to cancel; `only` limits the methods defined.
 */
export function recorder({ only, throwAt } = {}) {
  const calls = [];
  const thisErrors = [];
  const callbacks = { calls, thisErrors };
  const methods = only ?? ["setCompletionPercentage", "setOverallStatus", "addSubTask", "setSubTaskStatus"];
  for (const method of methods) {
    callbacks[method] = function (...args) {
      if (this !== callbacks) thisErrors.push(method);
      // A sub-task is recorded as a copy, so later changes cannot hide what was passed.
      calls.push([method, ...args.map((a) => (method.includes("SubTask") ? structuredClone(a) : a))]);
      const verdict = throwAt?.(method, args, calls);
      if (verdict !== undefined) throw verdict.value;
    };
  }
  return callbacks;
}

/** The calls of one method. */
export function callsOf(rec, method) {
  return rec.calls.filter((c) => c[0] === method);
}

/** A SubTaskInstance as the contract describes it. */
export function subTask(id, status, scopeId) {
  return {
    SubTaskInstanceId: id,
    SubTaskStatus: status,
    IsNonDeterministicProgress: false,
    SubTaskInstanceDetails: { ScopeId: scopeId },
    FailedCompletionStatus: null,
  };
}

/** Deep-freezes a value (the parameter must never be written to). */
export function deepFreeze(value) {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const k of Reflect.ownKeys(value)) deepFreeze(value[k]);
  }
  return value;
}
