// The in-browser cases of `addScopes` (MS-IPAMM2 3.19.4.4.1.25, DhcpFailoverAddScopesDelegate).
// Each case receives the `addScopes` function and asserts exactly what a JavaScript caller
// observes. tests/web.rs runs each case as its own wasm-bindgen test.

import {
  assert, checkFault, checkSoap, deepEq, eq, expectFault, same, show, snapshot, throws, unchanged,
} from "./assert.js";
import { callsOf, deepFreeze, parameter, recorder, subTask, tables } from "./fixtures.js";

const PAIRS = "ADM_DhcpScopeFailoverTable";
const FAILOVERS = "ADM_DhcpFailoverTable";
const SCOPES = "ADM_DHCPScopesTable";

/**
 * Calls `addScopes`, which must throw this fault; checks that the tables and the parameter
 * are exactly as before and, with a recorder, that the failure was reported once with the
 * very error thrown. Returns the error.
 */
function fault(addScopes, t, p, code, step, what, cb) {
  const snap = snapshot(t);
  const before = paramCopy(p);
  const err = expectFault(() => addScopes(t, p, cb), code, step, what);
  unchanged(snap, what);
  if (before !== undefined) deepEq(p, before, `${what}: the parameter is unchanged`);
  if (cb?.calls) {
    const failures = cb.calls.filter((c) => c[0] === "setOverallStatus");
    eq(failures.length, 1, `${what}: setOverallStatus calls`);
    eq(failures[0][1], "Failure", `${what}: overall status`);
    same(failures[0][3], err, `${what}: the error given to setOverallStatus is the one thrown`);
    same(cb.calls.at(-1), failures[0], `${what}: setOverallStatus is the last call`);
  }
  return err;
}

/** A deep copy of a plain-object parameter, to prove it unchanged; undefined otherwise. */
function paramCopy(p) {
  if (p === null || typeof p !== "object" || Object.getPrototypeOf(p) !== Object.prototype) return undefined;
  try {
    return structuredClone(p);
  } catch {
    return undefined; // holds a symbol or a function
  }
}

/** Calls `addScopes`, which must succeed; returns the rows it appended and the result. */
function ok(addScopes, t, p, cb, what = "addScopes") {
  const rows = t[PAIRS];
  const before = rows.slice();
  const paramBefore = paramCopy(p);
  let result;
  try {
    result = addScopes(t, p, cb);
  } catch (e) {
    throw new Error(`${what}: expected success, got ${show(e)}${e?.code ? ` [${e.code}]` : ""}`);
  }
  same(t[PAIRS], rows, `${what}: ${PAIRS} is the same array`);
  assert(rows.length >= before.length, `${what}: rows were only appended`);
  before.forEach((row, i) => same(rows[i], row, `${what}: existing row ${i} stays in place`));
  if (paramBefore !== undefined) deepEq(p, paramBefore, `${what}: the parameter is unchanged`);
  return { added: rows.slice(before.length), result };
}

/** The rows `{ ScopeId, FailoverRelationId }` the contract says are appended. */
const pairs = (relationId, ...scopeIds) =>
  scopeIds.map((ScopeId) => ({ ScopeId, FailoverRelationId: relationId }));

const cases = {
  // ---- the export ---------------------------------------------------------------------

  export_is_a_function(addScopes) {
    eq(typeof addScopes, "function", "typeof addScopes");
  },

  // ---- step 1 ---------------------------------------------------------------------------

  step1_null_or_undefined_parameter(addScopes) {
    for (const p of [null, undefined]) {
      fault(addScopes, tables(), p, "INVALID_PARAMETER", 1, `parameter ${show(p)}`);
    }
    fault(addScopes, tables(), undefined, "INVALID_PARAMETER", 1, "parameter omitted");
  },

  step1_parameter_not_a_plain_object(addScopes) {
    class DhcpFailoverWithScopesParameters {
      constructor() {
        this.Failover = { RecordId: 1 };
        this.ScopeIds = [40];
      }
    }
    const map = new Map([["Failover", { RecordId: 1 }], ["ScopeIds", [40]]]);
    const values = [
      "{\"Failover\":{\"RecordId\":1},\"ScopeIds\":[40]}", 1, 1n, true, Symbol("p"),
      [{ RecordId: 1 }, [40]], map, new DhcpFailoverWithScopesParameters(), new Date(0),
      () => ({ Failover: { RecordId: 1 }, ScopeIds: [40] }),
    ];
    for (const p of values) {
      const t = tables();
      fault(addScopes, t, p, "INVALID_PARAMETER", 1, `parameter ${show(p)}`);
      eq(t[PAIRS].length, 3, `parameter ${show(p)}: nothing appended`);
    }
  },

  step1_wrong_type(addScopes) {
    const variants = [
      "DhcpFailoverRemoveScopesParameters", "dhcpfailoverwithscopesparameters", "", 1, {}, true,
    ];
    for (const $type of variants) {
      const p = { $type, ...parameter(1, [40]) };
      fault(addScopes, tables(), p, "INVALID_PARAMETER", 1, `$type ${show($type)}`);
    }
  },

  step1_wrong_operation_id(addScopes) {
    const variants = ["RemoveDhcpFailoverScopes", "addDhcpFailoverScopes", "", 0, ["AddDhcpFailoverScopes"]];
    for (const OperationId of variants) {
      const p = { OperationId, ...parameter(1, [40]) };
      fault(addScopes, tables(), p, "INVALID_PARAMETER", 1, `OperationId ${show(OperationId)}`);
    }
  },

  step1_type_and_operation_id_accepted(addScopes) {
    const good = [
      { $type: "DhcpFailoverWithScopesParameters", OperationId: "AddDhcpFailoverScopes" },
      { $type: "DhcpFailoverWithScopesParameters" },
      { OperationId: "AddDhcpFailoverScopes" },
      { $type: null, OperationId: undefined },
      { $type: undefined, OperationId: null },
    ];
    for (const extra of good) {
      const t = tables();
      const p = { ...extra, ...parameter(1, [40]) };
      const { added } = ok(addScopes, t, p, undefined, `parameter ${show(p)}`);
      deepEq(added, pairs(1, 40), `parameter ${show(p)}: appended`);
    }
  },

  step1_null_prototype_and_other_realm_objects_accepted(addScopes) {
    const p = Object.assign(Object.create(null), parameter(1, [40]));
    const t = tables();
    deepEq(ok(addScopes, t, p, undefined, "null-prototype parameter").added, pairs(1, 40),
      "null-prototype parameter: appended");

    // A parameter built in another realm (an iframe) is still a plain object.
    const frame = document.createElement("iframe");
    document.body.appendChild(frame);
    try {
      const foreign = frame.contentWindow.eval("({ Failover: { RecordId: 2 }, ScopeIds: [40, 50] })");
      assert(Object.getPrototypeOf(foreign) !== Object.prototype, "the iframe object is from another realm");
      const t2 = tables();
      deepEq(ok(addScopes, t2, foreign, undefined, "other-realm parameter").added, pairs(2, 40, 50),
        "other-realm parameter: appended");
    } finally {
      frame.remove();
    }
  },

  // ---- step 2 ---------------------------------------------------------------------------

  step2_missing_failover(addScopes) {
    for (const Failover of [null, undefined]) {
      const p = { Failover, ScopeIds: [40] };
      fault(addScopes, tables(), p, "MISSING_FAILOVER", 2, `Failover ${show(Failover)}`);
    }
    fault(addScopes, tables(), { ScopeIds: [40] }, "MISSING_FAILOVER", 2, "no Failover key");
    // Both missing: the Failover is reported.
    fault(addScopes, tables(), {}, "MISSING_FAILOVER", 2, "empty parameter");
  },

  step2_missing_scope_ids(addScopes) {
    for (const ScopeIds of [null, undefined]) {
      const p = { Failover: { RecordId: 1 }, ScopeIds };
      fault(addScopes, tables(), p, "MISSING_SCOPE_IDS", 2, `ScopeIds ${show(ScopeIds)}`);
    }
    fault(addScopes, tables(), { Failover: { RecordId: 1 } }, "MISSING_SCOPE_IDS", 2, "no ScopeIds key");
  },

  step2_scope_ids_not_an_array(addScopes) {
    const variants = ["40,50", 40, 40n, true, { 0: 40, length: 1 }, new Set([40]), new Uint32Array([40])];
    for (const ScopeIds of variants) {
      const p = { Failover: { RecordId: 1 }, ScopeIds };
      fault(addScopes, tables(), p, "INVALID_PARAMETER", 2, `ScopeIds ${show(ScopeIds)}`);
    }
  },

  step2_empty_scope_ids(addScopes) {
    fault(addScopes, tables(), parameter(1, []), "EMPTY_SCOPE_IDS", 2, "ScopeIds []");
  },

  step2_failover_not_an_object(addScopes) {
    for (const Failover of [1, 1n, "1", true, [1], Symbol("f")]) {
      const p = { Failover, ScopeIds: [40] };
      fault(addScopes, tables(), p, "INVALID_PARAMETER", 2, `Failover ${show(Failover)}`);
    }
  },

  step2_invalid_scope_id(addScopes) {
    const bad = [
      "40", "", 40.5, -0.25, NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 53), 1e300,
      2n ** 63n, -(2n ** 63n) - 1n, 2n ** 64n, null, undefined, {}, [40], true, Symbol("id"), () => 40,
      new Number(40), Object(40n),
    ];
    for (const id of bad) {
      const p = parameter(1, [40, 50, id]);
      const err = fault(addScopes, tables(), p, "INVALID_ID", 2, `ScopeIds [40, 50, ${show(id)}]`);
      assert(err.message.includes("ScopeIds[2]"), `the message names ScopeIds[2]: ${err.message}`);
    }
    // A hole in a sparse array is undefined, not an id.
    // eslint-disable-next-line no-sparse-arrays
    fault(addScopes, tables(), parameter(1, [40, , 50]), "INVALID_ID", 2, "ScopeIds with a hole");
  },

  step2_invalid_failover_record_id(addScopes) {
    const bad = ["1", 1.5, NaN, Infinity, 2 ** 53, 2n ** 63n, -(2n ** 63n) - 1n, null, undefined, {}, [1], false];
    for (const id of bad) {
      const p = { Failover: { RecordId: id }, ScopeIds: [40] };
      const err = fault(addScopes, tables(), p, "INVALID_ID", 2, `Failover.RecordId ${show(id)}`);
      assert(err.message.includes("Failover.RecordId"), `the message names Failover.RecordId: ${err.message}`);
    }
    fault(addScopes, tables(), { Failover: {}, ScopeIds: [40] }, "INVALID_ID", 2, "Failover without RecordId");
  },

  step2_id_boundaries_accepted(addScopes) {
    const max = Number.MAX_SAFE_INTEGER;
    const t = tables();
    t[FAILOVERS].push({ RecordId: -(2n ** 63n) }, { RecordId: -max });
    const ids = [max, -max, 0, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 53n, -7];
    const { added } = ok(addScopes, t, parameter(-(2n ** 63n), ids), undefined, "extreme ids");
    deepEq(added, pairs(-(2n ** 63n), ...ids), "extreme ids: appended as given");
    const { added: again } = ok(addScopes, t, parameter(-max, [max]), undefined, "-MAX_SAFE_INTEGER relationship");
    deepEq(again, pairs(-max, max), "-MAX_SAFE_INTEGER relationship: appended");
  },

  // ---- steps 1 and 2 come before the tables are read -------------------------------------

  parameter_faults_before_table_faults(addScopes) {
    const badTables = { [FAILOVERS]: "not an array", [PAIRS]: [] };
    fault(addScopes, badTables, null, "INVALID_PARAMETER", 1, "bad parameter and bad tables");
    fault(addScopes, badTables, parameter(1, []), "EMPTY_SCOPE_IDS", 2, "empty ids and bad tables");
    fault(addScopes, null, parameter(1, ["x"]), "INVALID_ID", 2, "bad id and null tables");
    // Valid parameter, bad tables: the tables are reported, not FAILOVER_NOT_FOUND.
    fault(addScopes, badTables, parameter(12345, [40]), "INVALID_TABLE", null, "unknown relationship, bad tables");
  },

  // ---- step 3 ---------------------------------------------------------------------------

  step3_failover_not_found(addScopes) {
    for (const id of [3, 0, -1, 9007199254740992n, 2n ** 63n - 1n]) {
      fault(addScopes, tables(), parameter(id, [40]), "FAILOVER_NOT_FOUND", 3, `Failover.RecordId ${show(id)}`);
    }
    const empty = { [FAILOVERS]: [], [PAIRS]: [] };
    fault(addScopes, empty, parameter(1, [40]), "FAILOVER_NOT_FOUND", 3, "empty relationship table");
    // A relationship is looked up in ADM_DhcpFailoverTable, never in the pairs table.
    const pairOnly = { [FAILOVERS]: [{ RecordId: 2 }], [PAIRS]: [{ ScopeId: 10, FailoverRelationId: 1 }] };
    fault(addScopes, pairOnly, parameter(1, [10]), "FAILOVER_NOT_FOUND", 3, "relation known only to the pairs table");
  },

  step3_number_and_bigint_name_the_same_relationship(addScopes) {
    const t = tables();
    const { added, result } = ok(addScopes, t, parameter(2n, [40]), undefined, "Failover 2n, table 2");
    deepEq(added, pairs(2n, 40), "Failover 2n: the caller's BigInt is appended");
    eq(result.RelationshipName, "dhcp3-dhcp4", "Failover 2n: the row of relationship 2");
    const { result: big } = ok(addScopes, t, parameter(9007199254740993n, [40]), undefined, "BigInt relationship");
    eq(big.RelationshipName, "big", "BigInt relationship: its row");
  },

  // ---- step 4 ---------------------------------------------------------------------------

  step4_appends_in_place_in_request_order(addScopes) {
    const t = tables();
    const rows = t[PAIRS];
    const existing = rows.slice();
    const existingCopy = structuredClone(existing);
    const { added } = ok(addScopes, t, parameter(1, [50, 40, 20]), undefined, "add 50, 40, 20 to 1");
    eq(rows.length, 6, "three rows appended");
    deepEq(added, pairs(1, 50, 40, 20), "the appended rows");
    for (const row of added) {
      eq(Object.getPrototypeOf(row), Object.prototype, "an appended row is a plain object");
      deepEq(Object.keys(row), ["ScopeId", "FailoverRelationId"], "an appended row has exactly two fields");
    }
    deepEq(existing, existingCopy, "the existing rows keep every field");
    deepEq(t[FAILOVERS], tables()[FAILOVERS], "ADM_DhcpFailoverTable is unchanged");
    deepEq(t[SCOPES], tables()[SCOPES], "ADM_DHCPScopesTable is unchanged");
  },

  step4_existing_pairs_not_appended(addScopes) {
    const t = tables();
    // 10 is in relationship 1 (as numbers), 30 as BigInts: both already present.
    const { added } = ok(addScopes, t, parameter(1, [10, 30, 40, 30n, 10n]), undefined, "mixed existing");
    deepEq(added, pairs(1, 40), "only the missing pair is appended");
    const { added: none } = ok(addScopes, t, parameter(1n, [10n, 30]), undefined, "all existing");
    deepEq(none, [], "nothing appended when every pair exists");
  },

  step4_scope_in_another_relationship_still_added(addScopes) {
    const t = tables();
    // 20 belongs to relationship 2; 10 to relationship 1.
    const { added } = ok(addScopes, t, parameter(1, [20]), undefined, "20 into 1");
    deepEq(added, pairs(1, 20), "20 is added to relationship 1 too");
    const { added: more } = ok(addScopes, t, parameter(2, [10, 20]), undefined, "10, 20 into 2");
    deepEq(more, pairs(2, 10), "10 is added to relationship 2; 20 was there");
    deepEq(t[PAIRS].slice(0, 3), tables()[PAIRS], "the other relationship's rows are untouched");
  },

  step4_duplicate_ids_counted_once(addScopes) {
    const t = tables();
    const { added } = ok(addScopes, t, parameter(1, [40, 50, 40, 40, 50, 10, 10]), undefined, "duplicates");
    deepEq(added, pairs(1, 40, 50), "each distinct missing id appended once, in first-seen order");
  },

  step4_number_and_bigint_are_the_same_id(addScopes) {
    const t = tables();
    const { added } = ok(addScopes, t, parameter(1, [40, 40n, 50n, 50]), undefined, "40, 40n, 50n, 50");
    deepEq(added, pairs(1, 40, 50n), "the first spelling of each id is appended");
    eq(typeof added[0].ScopeId, "number", "40 stays a number");
    eq(typeof added[1].ScopeId, "bigint", "50n stays a BigInt");
  },

  step4_keeps_callers_id_values(addScopes) {
    const t = tables();
    const huge = 2n ** 62n + 7n;
    const { added } = ok(addScopes, t, parameter(1n, [huge, 41, -5n, Number.MAX_SAFE_INTEGER]), undefined, "mixed");
    deepEq(added, pairs(1n, huge, 41, -5n, Number.MAX_SAFE_INTEGER), "mixed ids appended as given");
    for (const row of added) eq(typeof row.FailoverRelationId, "bigint", "FailoverRelationId is the caller's 1n");
    const { added: n } = ok(addScopes, t, parameter(2, [huge]), undefined, "number relationship");
    eq(typeof n[0].FailoverRelationId, "number", "FailoverRelationId is the caller's number 2");
    eq(n[0].ScopeId, huge, "the BigInt scope id is kept");
  },

  step4_existing_bigint_rows_match_number_ids(addScopes) {
    const t = {
      [FAILOVERS]: [{ RecordId: 7n }],
      [PAIRS]: [{ ScopeId: 40n, FailoverRelationId: 7n }, { ScopeId: 2n ** 60n, FailoverRelationId: 7 }],
    };
    const { added } = ok(addScopes, t, parameter(7, [40, 2n ** 60n, 41]), undefined, "BigInt table rows");
    deepEq(added, pairs(7, 41), "40 matches 40n and 2n**60n matches; only 41 is new");
  },

  step4_idempotent(addScopes) {
    const t = tables();
    const p = parameter(1, [40, 50, 10]);
    const first = recorder();
    deepEq(ok(addScopes, t, p, first, "first call").added, pairs(1, 40, 50), "first call appends 40 and 50");
    const statuses = (rec) => callsOf(rec, "setSubTaskStatus").map((c) => c[1].SubTaskStatus);
    deepEq(statuses(first), ["CompletedWithSuccess", "CompletedWithSuccess", "NotApplicable"], "first call statuses");
    const second = recorder();
    deepEq(ok(addScopes, t, p, second, "second call").added, [], "second call appends nothing");
    deepEq(statuses(second), ["NotApplicable", "NotApplicable", "NotApplicable"], "second call statuses");
    eq(callsOf(second, "setOverallStatus").length, 1, "second call still succeeds once");
    eq(callsOf(second, "setOverallStatus")[0][1], "Success", "second call status");
  },

  step4_optional_scopes_table(addScopes) {
    const without = tables();
    delete without[SCOPES];
    deepEq(ok(addScopes, without, parameter(1, [40]), undefined, "no scopes table").added, pairs(1, 40),
      "works without ADM_DHCPScopesTable");
    const nulled = { ...tables(), [SCOPES]: null };
    deepEq(ok(addScopes, nulled, parameter(1, [40]), undefined, "null scopes table").added, pairs(1, 40),
      "ADM_DHCPScopesTable null counts as absent");
    eq(nulled[SCOPES], null, "a null ADM_DHCPScopesTable stays null");
    const empty = { ...tables(), [SCOPES]: [] };
    deepEq(ok(addScopes, empty, parameter(1, [40]), undefined, "empty scopes table").added, pairs(1, 40),
      "works with an empty ADM_DHCPScopesTable");
  },

  step4_extra_table_fields_untouched(addScopes) {
    const t = { ...tables(), OtherTable: [{ x: 1 }], note: "kept" };
    const other = t.OtherTable;
    ok(addScopes, t, parameter(1, [40]), undefined, "extra tables");
    same(t.OtherTable, other, "another table stays the same array");
    deepEq(t.OtherTable, [{ x: 1 }], "another table keeps its rows");
    eq(t.note, "kept", "another field stays");
    deepEq(Object.keys(t), [FAILOVERS, PAIRS, SCOPES, "OtherTable", "note"], "no table is added");
  },

  step4_frozen_parameter_and_rows(addScopes) {
    const t = tables();
    deepFreeze(t[FAILOVERS]);
    t[PAIRS].forEach(deepFreeze);
    deepFreeze(t[SCOPES]);
    const p = deepFreeze(parameter(1, [40, 10]));
    deepEq(ok(addScopes, t, p, undefined, "frozen inputs").added, pairs(1, 40),
      "a frozen parameter and frozen rows are only read");
  },

  // ---- step 5 ---------------------------------------------------------------------------

  step5_returns_a_plain_copy_of_the_row(addScopes) {
    const t = tables();
    const row = t[FAILOVERS][0];
    const rowBefore = structuredClone(row);
    const { result } = ok(addScopes, t, parameter(1, [40]), undefined, "add 40 to 1");
    assert(result !== row, "the result is not the table's row object");
    eq(Object.getPrototypeOf(result), Object.prototype, "the result is a plain object");
    deepEq(result, rowBefore, "the result has every field of the row");
    same(result.Extra, row.Extra, "nested values are the row's own (a shallow copy)");
    result.RelationshipName = "changed";
    result.RecordId = 99;
    deepEq(row, rowBefore, "changing the result does not change the table");
    const { result: other } = ok(addScopes, t, parameter(2, [40]), undefined, "add 40 to 2");
    deepEq(other, tables()[FAILOVERS][1], "the result is the named relationship's row");
    const { result: none } = ok(addScopes, t, parameter(2, [40]), undefined, "nothing to add");
    deepEq(none, tables()[FAILOVERS][1], "the row is returned when nothing is added too");
  },

  step5_returned_record_id_is_the_tables(addScopes) {
    const t = tables();
    const { result } = ok(addScopes, t, parameter(1n, [40]), undefined, "Failover 1n");
    eq(result.RecordId, 1, "RecordId in the copy is the table's value (a number), not the parameter's");
  },

  // ---- malformed tables -------------------------------------------------------------------

  invalid_tables_not_an_object(addScopes) {
    for (const t of [null, undefined, 1, "tables", true, 1n, [[], []], Symbol("t")]) {
      fault(addScopes, t, parameter(1, [40]), "INVALID_TABLE", null, `tables ${show(t)}`);
    }
  },

  invalid_tables_required_table_missing_or_not_array(addScopes) {
    for (const name of [FAILOVERS, PAIRS]) {
      for (const value of [undefined, null, "[]", 0, {}, { length: 0 }, new Set()]) {
        const t = tables();
        if (value === undefined) delete t[name];
        else t[name] = value;
        const err = fault(addScopes, t, parameter(1, [40]), "INVALID_TABLE", null, `${name} ${show(value)}`);
        assert(err.message.includes(name), `the message names ${name}: ${err.message}`);
      }
    }
  },

  invalid_tables_scopes_table_not_array(addScopes) {
    for (const value of ["[]", 0, {}, true, new Map()]) {
      const t = { ...tables(), [SCOPES]: value };
      const err = fault(addScopes, t, parameter(1, [40]), "INVALID_TABLE", null, `${SCOPES} ${show(value)}`);
      assert(err.message.includes(SCOPES), `the message names ${SCOPES}: ${err.message}`);
    }
  },

  invalid_tables_row_not_an_object(addScopes) {
    for (const name of [FAILOVERS, PAIRS, SCOPES]) {
      for (const row of [null, undefined, 1, "row", 1n, true]) {
        const t = tables();
        t[name].push(row);
        const at = `${name}[${t[name].length - 1}]`;
        const err = fault(addScopes, t, parameter(1, [40]), "INVALID_TABLE", null, `${at} = ${show(row)}`);
        assert(err.message.includes(at), `the message names ${at}: ${err.message}`);
      }
    }
  },

  invalid_tables_bad_record_id(addScopes) {
    const bad = [undefined, null, "1", 1.5, NaN, 2 ** 53, -Infinity, 2n ** 63n, {}, [7]];
    for (const name of [FAILOVERS, SCOPES]) {
      for (const id of bad) {
        const t = tables();
        t[name].splice(1, 0, { RecordId: id, Other: "x" });
        const err = fault(addScopes, t, parameter(1, [40]), "INVALID_TABLE", null, `${name}[1].RecordId ${show(id)}`);
        assert(err.message.includes(`${name}[1]`), `the message names ${name}[1]: ${err.message}`);
      }
      const t = tables();
      t[name].push({ Other: "no RecordId" });
      fault(addScopes, t, parameter(1, [40]), "INVALID_TABLE", null, `${name} row without RecordId`);
    }
  },

  invalid_tables_bad_pair_ids(addScopes) {
    const bad = [undefined, null, "10", 10.5, NaN, 2 ** 53, 2n ** 64n, -(2n ** 63n) - 1n, {}, false];
    for (const column of ["ScopeId", "FailoverRelationId"]) {
      for (const id of bad) {
        for (const otherValue of [5, 5n]) {
          const t = tables();
          const row = { ScopeId: otherValue, FailoverRelationId: otherValue, [column]: id };
          if (id === undefined) delete row[column];
          t[PAIRS].splice(1, 0, row);
          const what = `${PAIRS}[1].${column} ${show(id)} (other column ${show(otherValue)})`;
          const err = fault(addScopes, t, parameter(1, [40]), "INVALID_TABLE", null, what);
          assert(err.message.includes(`${PAIRS}[1]`), `${what}: the message names the row: ${err.message}`);
        }
      }
    }
    // Both columns wrong in one row.
    const t = tables();
    t[PAIRS].push({ ScopeId: "a", FailoverRelationId: "b" });
    fault(addScopes, t, parameter(1, [40]), "INVALID_TABLE", null, "both pair columns wrong");
  },

  invalid_tables_duplicate_record_id(addScopes) {
    for (const name of [FAILOVERS, SCOPES]) {
      for (const [a, b] of [[1, 1], [1, 1n], [30n, 30], [2n ** 60n, 2n ** 60n]]) {
        const t = tables();
        t[name].push({ RecordId: a, Copy: 1 }, { RecordId: b, Copy: 2 });
        const what = `${name} RecordIds ${show(a)} and ${show(b)}`;
        const err = fault(addScopes, t, parameter(1, [40]), "INVALID_TABLE", null, what);
        assert(err.message.includes(name), `${what}: the message names the table: ${err.message}`);
      }
    }
    // Duplicate pairs are not a key violation of ADM_DhcpScopeFailoverTable's RecordId.
    const t = tables();
    t[PAIRS].push({ ScopeId: 10, FailoverRelationId: 1 });
    deepEq(ok(addScopes, t, parameter(1, [10, 40]), undefined, "repeated pair row").added, pairs(1, 40),
      "a repeated existing pair still counts as present");
  },

  invalid_tables_throwing_getter(addScopes) {
    for (const name of [FAILOVERS, PAIRS, SCOPES]) {
      const t = tables();
      const key = name === PAIRS ? "ScopeId" : "RecordId";
      t[name].push(Object.defineProperty({ FailoverRelationId: 1 }, key, {
        get() { throw new Error("getter boom"); },
        enumerable: true,
      }));
      fault(addScopes, t, parameter(1, [40]), "INVALID_TABLE", null, `${name} row whose ${key} getter throws`);
    }
  },

  invalid_tables_with_callbacks(addScopes) {
    const t = tables();
    t[PAIRS].push({ ScopeId: 1 });
    const rec = recorder();
    fault(addScopes, t, parameter(1, [40]), "INVALID_TABLE", null, "bad pair row, with callbacks", rec);
    eq(rec.calls[0][0], "setCompletionPercentage", "first call");
    eq(rec.calls[0][1], 0, "first percentage");
    eq(callsOf(rec, "addSubTask").length, 0, "no sub-task for a malformed table");
  },

  // ---- the fault object and its SOAP form ---------------------------------------------------

  fault_is_an_error_with_its_fields(addScopes) {
    const err = fault(addScopes, tables(), parameter(3, [40]), "FAILOVER_NOT_FOUND", 3, "relationship 3");
    assert(err instanceof Error, "instanceof Error");
    assert(err.message.includes("3"), `the message names the relationship: ${err.message}`);
    eq(typeof err.stack, "string", "it has a stack");
    const again = throws(() => addScopes(tables(), parameter(3, [40])), "a second fault");
    assert(again !== err, "each call throws a new error object");
    eq(again.toSoapFault(), err.toSoapFault(), "the same fault renders the same SOAP text");
  },

  fault_soap_escapes_markup(addScopes) {
    const nasty = `<b a="1" b='2'>&amp; ]]> </b></s:Envelope>`;
    const p = { $type: nasty, ...parameter(1, [40]) };
    const err = fault(addScopes, tables(), p, "INVALID_PARAMETER", 1, "$type with markup");
    for (const c of ["<", "&", "\"", "'", ">"]) {
      assert(err.message.includes(c), `the message keeps ${c}: ${err.message}`);
    }
    const { xml, message } = checkSoap(err, "$type with markup");
    eq(message, err.message, "ExceptionMessage equals the message");
    assert(!xml.includes(nasty), "the raw text does not appear unescaped in the XML");
    const badId = parameter(1, [40, "<x>&\"'"]);
    const err2 = fault(addScopes, tables(), badId, "INVALID_ID", 2, "string id with markup");
    eq(checkSoap(err2, "string id with markup").message, err2.message, "ExceptionMessage of the id fault");
  },

  fault_soap_survives_control_and_noncharacters(addScopes) {
    const odd = "a\u0000b\u0001c\u001fd\ufffee\uffff\ud800f\t\n\r";
    const p = { OperationId: odd, ...parameter(1, [40]) };
    const err = throws(() => addScopes(tables(), p), "OperationId with odd characters");
    eq(err.code, "INVALID_PARAMETER", "code");
    // The message itself carries no raw C0 control character.
    assert(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(err.message), `no raw control characters: ${show(err.message)}`);
    // The XML parses; it cannot carry U+FFFE / U+FFFF, which become U+FFFD there.
    const { message } = checkSoap(err, "odd characters", false);
    eq(message, err.message.replace(/[\ufffe\uffff]/g, "\ufffd"), "ExceptionMessage, noncharacters replaced");
  },

  fault_soap_for_every_code(addScopes) {
    const t = () => tables();
    const runs = [
      [() => addScopes(t(), null), "INVALID_PARAMETER", 1],
      [() => addScopes(t(), { ScopeIds: [1] }), "MISSING_FAILOVER", 2],
      [() => addScopes(t(), { Failover: { RecordId: 1 } }), "MISSING_SCOPE_IDS", 2],
      [() => addScopes(t(), parameter(1, [])), "EMPTY_SCOPE_IDS", 2],
      [() => addScopes(t(), parameter(1, [0.5])), "INVALID_ID", 2],
      [() => addScopes(t(), parameter(4, [1])), "FAILOVER_NOT_FOUND", 3],
      [() => addScopes({}, parameter(1, [1])), "INVALID_TABLE", null],
      [() => addScopes(t(), parameter(1, [1]), { setCompletionPercentage() { throw 1; } }), "CANCELLED", null],
      [() => addScopes(t(), parameter(1, [1]), 7), "INVALID_PARAMETER", null],
    ];
    const codes = new Set();
    for (const [run, code, step] of runs) {
      const err = expectFault(run, code, step, code);
      codes.add(err.code);
    }
    eq(codes.size, 8, "eight distinct codes seen");
  },

  // ---- callbacks ----------------------------------------------------------------------------

  callbacks_order_without_sub_tasks(addScopes) {
    const rec = recorder({ only: ["setCompletionPercentage", "setOverallStatus"] });
    const t = tables();
    ok(addScopes, t, parameter(1, [40, 50, 10]), rec, "three ids");
    deepEq(rec.calls, [
      ["setCompletionPercentage", 0],
      ["setCompletionPercentage", 33],
      ["setCompletionPercentage", 66],
      ["setCompletionPercentage", 99],
      ["setOverallStatus", "Success", 100, undefined],
    ], "the calls");
    deepEq(rec.thisErrors, [], "every callback is called with the callbacks object as this");
  },

  callbacks_order_with_sub_tasks(addScopes) {
    const rec = recorder();
    const t = tables();
    ok(addScopes, t, parameter(1, [40, 10, 40n, 50n]), rec, "four ids");
    const shape = rec.calls.map((c) => {
      if (c[0].includes("SubTask")) return [c[0], c[1].SubTaskInstanceId, c[1].SubTaskStatus];
      return c;
    });
    deepEq(shape, [
      ["setCompletionPercentage", 0],
      ["addSubTask", 1, "InProgress"],
      ["setSubTaskStatus", 1, "CompletedWithSuccess"],
      ["setCompletionPercentage", 24],
      ["addSubTask", 2, "InProgress"],
      ["setSubTaskStatus", 2, "NotApplicable"],
      ["setCompletionPercentage", 49],
      ["setCompletionPercentage", 74],
      ["addSubTask", 3, "InProgress"],
      ["setSubTaskStatus", 3, "CompletedWithSuccess"],
      ["setCompletionPercentage", 99],
      ["setOverallStatus", "Success", 100, undefined],
    ], "the calls");
    deepEq(rec.thisErrors, [], "every callback is called with the callbacks object as this");
  },

  callbacks_sub_task_shape(addScopes) {
    const rec = recorder();
    const t = tables();
    const big = 2n ** 60n;
    ok(addScopes, t, parameter(1n, [big, 10]), rec, "BigInt scope");
    const [add1, set1, add2, set2] = rec.calls.filter((c) => c[0].includes("SubTask")).map((c) => c[1]);
    const keys = [
      "SubTaskInstanceId", "SubTaskName", "SubTaskStatus", "ProgressStatusDescriptions",
      "IsNonDeterministicProgress", "SubTaskInstanceDetails", "FailedCompletionStatus",
    ];
    for (const [task, expected] of [
      [add1, subTask(1, "InProgress", big)],
      [set1, subTask(1, "CompletedWithSuccess", big)],
      [add2, subTask(2, "InProgress", 10)],
      [set2, subTask(2, "NotApplicable", 10)],
    ]) {
      const what = `sub-task ${show(task)}`;
      deepEq(Object.keys(task).sort(), keys.slice().sort(), `${what}: its fields`);
      for (const k of Object.keys(expected)) deepEq(task[k], expected[k], `${what}: ${k}`);
      eq(typeof task.SubTaskName, "string", `${what}: SubTaskName`);
      assert(task.SubTaskName.length > 0, `${what}: SubTaskName is not empty`);
      eq(typeof task.ProgressStatusDescriptions, "string", `${what}: ProgressStatusDescriptions`);
    }
    eq(typeof add1.SubTaskInstanceDetails.ScopeId, "bigint", "a BigInt scope id stays a BigInt");
    eq(add1.SubTaskName, set1.SubTaskName, "a sub-task keeps its name");
  },

  callbacks_set_sub_task_status_needs_add_sub_task(addScopes) {
    const rec = recorder({ only: ["setCompletionPercentage", "setOverallStatus", "setSubTaskStatus"] });
    ok(addScopes, tables(), parameter(1, [40, 10]), rec, "no addSubTask");
    eq(callsOf(rec, "setSubTaskStatus").length, 0, "setSubTaskStatus is never called without addSubTask");
    eq(callsOf(rec, "setOverallStatus").length, 1, "one overall status");
    const only = recorder({ only: ["addSubTask"] });
    ok(addScopes, tables(), parameter(1, [40, 10]), only, "only addSubTask");
    eq(only.calls.length, 2, "addSubTask alone is called once per id");
  },

  callbacks_percentages_are_monotonic_integers(addScopes) {
    const rec = recorder({ only: ["setCompletionPercentage", "setOverallStatus"] });
    const ids = Array.from({ length: 1234 }, (_, i) => 1000 + (i % 1000));
    ok(addScopes, tables(), parameter(2, ids), rec, "1234 ids");
    const percents = callsOf(rec, "setCompletionPercentage").map((c) => c[1]);
    eq(percents[0], 0, "the first percentage");
    for (let i = 1; i < percents.length; i++) {
      assert(percents[i] >= percents[i - 1], `percentages never decrease: ${percents[i - 1]} then ${percents[i]}`);
    }
    for (const p of percents) assert(Number.isInteger(p) && p >= 0 && p < 100, `integer below 100: ${p}`);
    eq(percents.at(-1), 99, "the last percentage before completion");
    assert(percents.length <= 100, `at most one call per percent: ${percents.length}`);
    deepEq(rec.calls.at(-1), ["setOverallStatus", "Success", 100, undefined], "the last call");
  },

  callbacks_see_the_commit_only_at_success(addScopes) {
    const t = tables();
    const lengths = [];
    const cb = {
      setCompletionPercentage() { lengths.push(["percent", t[PAIRS].length]); },
      addSubTask() { lengths.push(["add", t[PAIRS].length]); },
      setSubTaskStatus() { lengths.push(["status", t[PAIRS].length]); },
      setOverallStatus(status) { lengths.push([status, t[PAIRS].length]); },
    };
    ok(addScopes, t, parameter(1, [40, 50]), cb, "two ids");
    deepEq(lengths, [
      ["percent", 3], ["add", 3], ["status", 3], ["percent", 3],
      ["add", 3], ["status", 3], ["percent", 3], ["Success", 5],
    ], "the table grows once, just before Success");
  },

  callbacks_class_instance_and_partial_objects(addScopes) {
    class Progress {
      constructor() { this.log = []; }
      setCompletionPercentage(p) { this.log.push(p); }
      setOverallStatus(s, p) { this.log.push(`${s}:${p}`); }
    }
    const progress = new Progress();
    ok(addScopes, tables(), parameter(1, [40]), progress, "class instance callbacks");
    deepEq(progress.log, [0, 99, "Success:100"], "methods on the prototype are called with the instance as this");
    for (const cb of [{}, null, undefined, { setCompletionPercentage: undefined, addSubTask: undefined }]) {
      deepEq(ok(addScopes, tables(), parameter(1, [40]), cb, `callbacks ${show(cb)}`).added, pairs(1, 40),
        `callbacks ${show(cb)}: works`);
    }
  },

  callbacks_invalid_argument(addScopes) {
    let called = 0;
    const spy = () => { called++; };
    const variants = [
      "callbacks", 1, true, 1n, [spy], () => {}, Symbol("cb"),
      { setCompletionPercentage: spy, setOverallStatus: 1 },
      { setOverallStatus: spy, addSubTask: "addSubTask" },
      { setOverallStatus: spy, setSubTaskStatus: {} },
      { setOverallStatus: spy, setCompletionPercentage: true },
    ];
    for (const cb of variants) {
      const t = tables();
      fault(addScopes, t, parameter(1, [40]), "INVALID_PARAMETER", null, `callbacks ${show(cb)}`, cb);
      eq(called, 0, `callbacks ${show(cb)}: no callback is called`);
    }
    // Checked before the parameter: a bad parameter with bad callbacks calls nothing either.
    fault(addScopes, tables(), null, "INVALID_PARAMETER", null, "bad callbacks and parameter",
      { setOverallStatus: spy, addSubTask: 3 });
    eq(called, 0, "still no callback called");
  },

  callbacks_failure_reported_once(addScopes) {
    const runs = [
      [null, "INVALID_PARAMETER", 1],
      [parameter(1, []), "EMPTY_SCOPE_IDS", 2],
      [parameter(3, [40]), "FAILOVER_NOT_FOUND", 3],
    ];
    for (const [p, code, step] of runs) {
      const rec = recorder();
      const err = fault(addScopes, tables(), p, code, step, `${code} with callbacks`, rec);
      deepEq(rec.calls, [["setCompletionPercentage", 0], ["setOverallStatus", "Failure", 0, err]],
        `${code}: the calls`);
    }
  },

  cancel_at_first_percentage(addScopes) {
    const thrown = new Error("stop now");
    const rec = recorder({ throwAt: (m, args) => (m === "setCompletionPercentage" && args[0] === 0 ? { value: thrown } : undefined) });
    const t = tables();
    const err = fault(addScopes, t, parameter(1, [40]), "CANCELLED", null, "cancel at 0", rec);
    same(err.cause, thrown, "cause is the thrown value");
    deepEq(rec.calls, [["setCompletionPercentage", 0], ["setOverallStatus", "Failure", 0, err]], "the calls");
  },

  cancel_mid_progress(addScopes) {
    const rec = recorder({ throwAt: (m, args) => (m === "setCompletionPercentage" && args[0] === 66 ? { value: "halt" } : undefined) });
    const t = tables();
    const err = fault(addScopes, t, parameter(1, [40, 50, 60]), "CANCELLED", null, "cancel at 66", rec);
    eq(err.cause, "halt", "a string cause is kept");
    const fail = callsOf(rec, "setOverallStatus")[0];
    eq(fail[2], 66, "Failure reports the percentage reached");
    eq(t[PAIRS].length, 3, "nothing appended");
  },

  cancel_in_sub_task_callbacks(addScopes) {
    for (const method of ["addSubTask", "setSubTaskStatus"]) {
      for (const value of [new TypeError("no"), undefined, null, 0, { reason: "object" }]) {
        const rec = recorder({
          throwAt: (m, args) => (m === method && args[0].SubTaskInstanceId === 2 ? { value } : undefined),
        });
        const t = tables();
        const what = `${method} throws ${show(value)}`;
        const err = fault(addScopes, t, parameter(1, [40, 50, 60]), "CANCELLED", null, what, rec);
        assert("cause" in err, `${what}: the error has a cause property`);
        same(err.cause, value, `${what}: cause is the thrown value`);
        eq(callsOf(rec, "addSubTask").length, 2, `${what}: no sub-task after the cancel`);
      }
    }
  },

  cancel_failure_callback_throws_too(addScopes) {
    const boom = new Error("failure callback boom");
    const rec = recorder({ throwAt: (m) => (m === "setOverallStatus" ? { value: boom } : undefined) });
    const err = fault(addScopes, tables(), parameter(3, [40]), "FAILOVER_NOT_FOUND", 3, "Failure callback throws", rec);
    assert(err !== boom, "the fault is thrown, not the callback's exception");
    const rec2 = recorder({
      throwAt: (m, args) => {
        if (m === "addSubTask") return { value: "first" };
        if (m === "setOverallStatus") return { value: "second" };
        return undefined;
      },
    });
    const err2 = fault(addScopes, tables(), parameter(1, [40]), "CANCELLED", null, "cancel then Failure throws", rec2);
    eq(err2.cause, "first", "the cause is the first callback's exception");
  },

  success_callback_exception_is_reported_not_thrown(addScopes) {
    const boom = new Error("success callback boom");
    const reported = [];
    const original = globalThis.reportError;
    globalThis.reportError = (e) => reported.push(e);
    let added;
    let rec;
    try {
      rec = recorder({ throwAt: (m, args) => (m === "setOverallStatus" && args[0] === "Success" ? { value: boom } : undefined) });
      ({ added } = ok(addScopes, tables(), parameter(1, [40, 50]), rec, "Success callback throws"));
    } finally {
      globalThis.reportError = original;
    }
    deepEq(added, pairs(1, 40, 50), "the change is committed");
    eq(reported.length, 1, "reportError is called once");
    same(reported[0], boom, "with the exception thrown by the Success callback");
    eq(callsOf(rec, "setOverallStatus").length, 1, "no Failure after the Success");
  },

  success_callback_exception_reaches_window_error(addScopes) {
    const boom = new Error("success callback boom (event)");
    const seen = [];
    const listener = (event) => {
      if (event.error === boom) {
        seen.push(event.error);
        event.preventDefault();
      }
    };
    window.addEventListener("error", listener);
    try {
      const cb = { setOverallStatus(s) { if (s === "Success") throw boom; } };
      ok(addScopes, tables(), parameter(1, [40]), cb, "Success callback throws");
    } finally {
      window.removeEventListener("error", listener);
    }
    eq(seen.length, 1, "one window error event carries the exception");
  },

  nested_call_from_a_callback(addScopes) {
    const inner = tables();
    let innerResult;
    const cb = {
      setCompletionPercentage(p) {
        if (p === 0) innerResult = addScopes(inner, parameter(2, [50]));
      },
    };
    const outer = tables();
    deepEq(ok(addScopes, outer, parameter(1, [40]), cb, "outer call").added, pairs(1, 40), "outer call appends");
    deepEq(inner[PAIRS].slice(3), pairs(2, 50), "the nested call appended to its own tables");
    eq(innerResult.RecordId, 2, "the nested call returned its row");
  },

  // ---- bugs found (see tests/web.rs) --------------------------------------------------------

  bug_frozen_pairs_table_is_a_fault(addScopes) {
    // A pairs table that cannot grow must fail like any other fault: an IpamFault, the
    // Failure reported once, nothing changed.
    for (const seal of [Object.freeze, Object.seal, Object.preventExtensions]) {
      const t = tables();
      seal(t[PAIRS]);
      const rec = recorder();
      const snap = snapshot(t);
      const thrown = throws(() => addScopes(t, parameter(1, [40]), rec), `${seal.name}(pairs table)`);
      checkFault(thrown, thrown?.code, thrown?.step, `${seal.name}(pairs table)`);
      unchanged(snap, `${seal.name}(pairs table)`);
      const statuses = callsOf(rec, "setOverallStatus").map((c) => c[1]);
      deepEq(statuses, ["Failure"], `${seal.name}(pairs table): overall statuses`);
    }
  },

  bug_scope_ids_changed_by_a_callback(addScopes) {
    // The ids are validated when the call starts; a callback that rewrites the caller's
    // ScopeIds array must not get unvalidated values into the table.
    const t = tables();
    const p = parameter(1, [40, 50]);
    const cb = { addSubTask() { p.ScopeIds[0] = "not an id"; p.ScopeIds[1] = { evil: true }; } };
    addScopes(t, p, cb);
    deepEq(t[PAIRS].slice(3), pairs(1, 40, 50), "the appended rows carry the validated ids");
  },

  bug_revoked_proxy_inputs_are_faults(addScopes) {
    // Every JavaScript exception on the way must become an IpamFault; an exception that
    // unwinds through wasm instead leaks the module's shadow stack (see the report).
    const revoked = () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    };
    const runs = [
      ["parameter", () => addScopes(tables(), revoked()), "INVALID_PARAMETER", 1],
      ["tables", () => addScopes(revoked(), parameter(1, [40])), "INVALID_TABLE", null],
      ["callbacks", () => addScopes(tables(), parameter(1, [40]), revoked()), "INVALID_PARAMETER", null],
      ["a scope id", () => addScopes(tables(), parameter(1, [40, revoked()])), "INVALID_ID", 2],
      ["Failover", () => addScopes(tables(), { Failover: revoked(), ScopeIds: [40] }), "INVALID_PARAMETER", 2],
    ];
    const wrong = [];
    for (const [what, run, code, step] of runs) {
      const thrown = throws(run, `revoked proxy as ${what}`);
      if (!(thrown instanceof Error) || thrown.name !== "IpamFault") {
        wrong.push(`${what}: expected IpamFault ${code}, got ${show(thrown)}`);
      } else if (thrown.code !== code || thrown.step !== step) {
        wrong.push(`${what}: expected ${code} step ${step}, got ${thrown.code} step ${thrown.step}`);
      }
    }
    deepEq(wrong, [], "revoked proxies");
  },

  // ---- scale ------------------------------------------------------------------------------

  smoke_100k_rows_10k_ids(addScopes) {
    const N = 100_000;
    const rows = new Array(N);
    for (let i = 0; i < N; i++) {
      // Relationship (i % 10) + 1; every 1000th row written with BigInts.
      rows[i] = i % 1000 === 7
        ? { ScopeId: BigInt(i), FailoverRelationId: BigInt((i % 10) + 1) }
        : { ScopeId: i, FailoverRelationId: (i % 10) + 1 };
    }
    const failovers = Array.from({ length: 10 }, (_, k) => ({ RecordId: k + 1, RelationshipName: `r${k + 1}` }));
    const scopes = Array.from({ length: N }, (_, i) => ({ RecordId: i, ScopeId: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}` }));
    const t = { [FAILOVERS]: failovers, [PAIRS]: rows, [SCOPES]: scopes };
    // 95,000..104,999 into relationship 8: present for i % 10 === 7 below 100,000 (500 ids).
    const ids = Array.from({ length: 10_000 }, (_, k) => 95_000 + k);
    const rec = recorder();
    const start = performance.now();
    const { added, result } = ok(addScopes, t, parameter(8, ids), rec, "100k rows, 10k ids");
    const ms = performance.now() - start;
    eq(added.length, 9_500, "appended rows");
    eq(rows.length, N + 9_500, "table length");
    const expected = ids.filter((id) => !(id < N && id % 10 === 7));
    eq(added.length, expected.length, "expected count");
    added.forEach((row, k) => {
      if (row.ScopeId !== expected[k] || row.FailoverRelationId !== 8) {
        throw new Error(`appended row ${k}: expected ${show(pairs(8, expected[k])[0])}, got ${show(row)}`);
      }
    });
    eq(result.RelationshipName, "r8", "the relationship row");
    const statuses = callsOf(rec, "setSubTaskStatus").map((c) => c[1].SubTaskStatus);
    eq(statuses.length, 10_000, "one sub-task per id");
    eq(statuses.filter((s) => s === "NotApplicable").length, 500, "NotApplicable sub-tasks");
    // Second call: nothing to add.
    const again = performance.now();
    eq(ok(addScopes, t, parameter(8, ids), undefined, "repeat").added.length, 0, "the repeat appends nothing");
    const msAgain = performance.now() - again;
    console.log(`100k rows + 10k ids: ${ms.toFixed(1)} ms with sub-task callbacks, ${msAgain.toFixed(1)} ms repeat without`);
    assert(ms < 10_000, `the call takes well under 10 s (took ${ms.toFixed(0)} ms)`);
  },

  smoke_100k_rows_invalid_last_row(addScopes) {
    const N = 100_000;
    const rows = Array.from({ length: N }, (_, i) => ({ ScopeId: i, FailoverRelationId: 1 }));
    rows[N - 1] = { ScopeId: N - 1, FailoverRelationId: 1.5 };
    const t = { [FAILOVERS]: [{ RecordId: 1 }], [PAIRS]: rows };
    const err = fault(addScopes, t, parameter(1, [N + 1]), "INVALID_TABLE", null, "bad last row");
    assert(err.message.includes(`${PAIRS}[${N - 1}]`), `the message names the last row: ${err.message}`);
  },
};

/** Every case name, for tests/web.rs to check that each one is run. */
export function caseNames() {
  return Object.keys(cases);
}

/** Runs one case against `addScopes`; throws what the case throws. */
export function runCase(name, addScopes) {
  const c = cases[name];
  if (c === undefined) throw new Error(`no such case: ${name}`);
  c(addScopes);
}

/**
 * The real export, as the generated glue hands it to JavaScript: the test runner loads the
 * glue as the module `/wasm-bindgen-test` (wasm-bindgen-test-runner 0.2.129), so importing
 * that same URL yields the already-initialised module instance.
 */
export async function glueAddScopes() {
  const glue = await import(new URL("/wasm-bindgen-test", location.href).href);
  const addScopes = glue.addScopes;
  if (typeof addScopes !== "function") {
    throw new Error(`the glue module has no addScopes export; exports: ${Object.keys(glue).join(", ")}`);
  }
  return addScopes;
}

/** The cases run again through the real export: the argument conversions of the glue. */
export const glueCases = [
  "step1_null_or_undefined_parameter",
  "step4_keeps_callers_id_values",
  "step4_idempotent",
  "step5_returns_a_plain_copy_of_the_row",
  "invalid_tables_not_an_object",
  "callbacks_order_with_sub_tasks",
  "callbacks_class_instance_and_partial_objects",
  "callbacks_invalid_argument",
  "cancel_in_sub_task_callbacks",
  "success_callback_exception_is_reported_not_thrown",
];

/** Checks that the glue export and the test wrapper behave the same, then runs `glueCases`. */
export function runGlueCases(addScopes) {
  eq(addScopes.name, "addScopes", "the export's name");
  // Called with two arguments: the callbacks are optional.
  const t = tables();
  const row = addScopes(t, parameter(1, [40]));
  eq(row.RecordId, 1, "two-argument call");
  deepEq(t[PAIRS].slice(3), pairs(1, 40), "two-argument call appended");
  for (const name of glueCases) {
    try {
      runCase(name, addScopes);
    } catch (e) {
      e.message = `[via the glue export] ${name}: ${e.message}`;
      throw e;
    }
  }
}
