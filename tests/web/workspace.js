// Cases for tests/web_workspace.rs: the Workspace class as a page uses it.

const glue = () => import(new URL("/wasm-bindgen-test", location.href).href);

function check(ok, what) {
  if (!ok) throw new Error(what);
}

function same(actual, expected, what) {
  const show = (v) => JSON.stringify(v, (_, x) => (typeof x === "bigint" ? `${x}n` : x));
  check(show(actual) === show(expected), `${what}: got ${show(actual)}, expected ${show(expected)}`);
}

function fault(fn, code, what) {
  try {
    fn();
  } catch (e) {
    check(e instanceof Error, `${what}: thrown value is not an Error`);
    check(e.name === "IpamFault", `${what}: name is ${e.name}`);
    same(e.code, code, `${what}: code`);
    check(typeof e.toSoapFault() === "string", `${what}: toSoapFault`);
    return e;
  }
  throw new Error(`${what}: nothing was thrown`);
}

/** Relationships 1 (hq, servers 100/101) and 2 (br, PartnerDown); scopes 10..14 on 100,
 * 20 on 200, 30 IPv6; 10 is in 1, 20 in 2. */
function tables() {
  return {
    ADM_DhcpFailoverTable: [
      { RecordId: 1, RelationshipName: "hq", Server1RecordId: 100, Server2RecordId: 101,
        Server1Name: "dhcp-hq-01", Server2Name: "dhcp-hq-02", Server1State: "Normal", Server2State: "Normal" },
      { RecordId: 2, RelationshipName: "br", Server1RecordId: 200, Server2RecordId: 201,
        Server1Name: "dhcp-br-01", Server2Name: "dhcp-br-02", Server1State: "PartnerDown" },
    ],
    ADM_DhcpScopeFailoverTable: [
      { ScopeId: 10, FailoverRelationId: 1, Note: "kept" },
      { ScopeId: 20, FailoverRelationId: 2 },
    ],
    ADM_DHCPScopesTable: [
      { RecordId: 10, ScopeId: "10.1.0.0", ScopeName: "HQ 1", DHCPServerRecordId: 100 },
      { RecordId: 11, ScopeId: "10.1.1.0", ScopeName: "HQ 2", DHCPServerRecordId: 100 },
      { RecordId: 12, ScopeId: "10.1.2.0", ScopeName: "HQ 3", DHCPServerRecordId: 101 },
      { RecordId: 13, ScopeId: "10.1.3.0", ScopeName: "HQ 4", DHCPServerRecordId: 100 },
      { RecordId: 14, ScopeId: "10.1.4.0", ScopeName: "HQ 5", DHCPServerRecordId: 100 },
      { RecordId: 20, ScopeId: "10.2.0.0", ScopeName: "BR 1", DHCPServerRecordId: 200 },
      { RecordId: 30, ScopeId: "fd00::", ScopeName: "v6", DHCPServerRecordId: 100 },
    ],
  };
}

const pairs = (ws) => ws.tables().ADM_DhcpScopeFailoverTable.map((r) => [r.ScopeId, r.FailoverRelationId]);

function recorder() {
  const log = [];
  return {
    log,
    setCompletionPercentage(p) { log.push(["pct", p]); },
    setOverallStatus(s, p, f) { log.push(["overall", s, p, f?.code ?? null]); },
    addSubTask(t) { log.push(["add", t.SubTaskInstanceDetails.ScopeId, t.SubTaskStatus]); },
    setSubTaskStatus(t) { log.push(["set", t.SubTaskInstanceDetails.ScopeId, t.SubTaskStatus]); },
  };
}

const cases = {
  constructor_copies_the_tables({ Workspace }) {
    const t = tables();
    const ws = new Workspace(t);
    t.ADM_DhcpScopeFailoverTable.push({ ScopeId: 99, FailoverRelationId: 1 });
    t.ADM_DhcpScopeFailoverTable[0].FailoverRelationId = 2;
    same(pairs(ws), [[10, 1], [20, 2]], "later changes to the caller's arrays do not reach the copy");
  },

  constructor_refuses_malformed_tables({ Workspace }) {
    for (const [bad, needle] of [
      [null, "got null"],
      [{ ADM_DhcpScopeFailoverTable: [] }, "no ADM_DhcpFailoverTable"],
      [{ ADM_DhcpFailoverTable: [1], ADM_DhcpScopeFailoverTable: [] }, "[0] must be an object; got a number"],
      [{ ADM_DhcpFailoverTable: [], ADM_DhcpScopeFailoverTable: [{ ScopeId: "7", FailoverRelationId: 1 }] }, "ScopeId"],
      [{ ADM_DhcpFailoverTable: [{ RecordId: 1 }, { RecordId: 1n }], ADM_DhcpScopeFailoverTable: [] }, "rows 0 and 1"],
      [{ ADM_DhcpFailoverTable: [{ RecordId: 2 ** 53 }], ADM_DhcpScopeFailoverTable: [] }, "RecordId"],
    ]) {
      const e = fault(() => new Workspace(bad), "INVALID_TABLE", needle);
      check(e.message.includes(needle), `${e.message} should mention ${needle}`);
      same(e.step, null, "step");
    }
  },

  add_follows_the_add_contract({ Workspace }) {
    const ws = new Workspace(tables());
    const cb = recorder();
    const param = { Failover: { RecordId: 1n }, ScopeIds: [10, 11, 11n] };
    const row = ws.addScopes(param, cb);
    same(row.RelationshipName, "hq", "returns the relationship row");
    // The addScopes contract; on the working copy the first half of the bar is staging (one
    // step per requested id), the second half the commit of the added rows.
    same(cb.log, [["pct", 0], ["add", 10, "InProgress"], ["set", 10, "NotApplicable"], ["pct", 16],
      ["add", 11, "InProgress"], ["set", 11, "CompletedWithSuccess"], ["pct", 33], ["pct", 49], ["pct", 99],
      ["overall", "Success", 100, null]], "callback sequence");
    same(pairs(ws), [[10, 1], [20, 2], [11, 1]], "the pair was added once");
    same(param, { Failover: { RecordId: 1n }, ScopeIds: [10, 11, 11n] }, "parameter untouched");
    check(ws.canUndo && !ws.canRedo, "the add can be undone");
  },

  add_faults_and_cancel_leave_the_copy_unchanged({ Workspace }) {
    const ws = new Workspace(tables());
    const before = ws.toJSON();
    fault(() => ws.addScopes({ Failover: { RecordId: 9 }, ScopeIds: [11] }), "FAILOVER_NOT_FOUND", "missing relationship");
    fault(() => ws.addScopes({ Failover: { RecordId: 1 }, ScopeIds: [] }), "EMPTY_SCOPE_IDS", "empty");
    fault(() => ws.addScopes({ $type: "x", Failover: { RecordId: 1 }, ScopeIds: [1] }), "INVALID_PARAMETER", "$type");
    const boom = new Error("stop");
    const e = fault(() => ws.addScopes({ Failover: { RecordId: 1 }, ScopeIds: [11, 12] },
      { addSubTask() {}, setSubTaskStatus() { throw boom; } }), "CANCELLED", "cancel");
    check(e.cause === boom, "cause is the thrown value");
    same(ws.toJSON(), before, "nothing changed, no undo step recorded");
  },

  remove_with_and_without_failover({ Workspace }) {
    const ws = new Workspace(tables());
    ws.addScopes({ Failover: { RecordId: 2 }, ScopeIds: [10] });
    const cb = recorder();
    const removed = ws.removeScopes({ Failover: { RecordId: 2 }, ScopeIds: [10, 12] }, cb);
    same(removed, [{ ScopeId: 10, FailoverRelationId: 2 }], "only relationship 2's row of scope 10");
    same(cb.log.filter((x) => x[0] === "set"), [["set", 10, "CompletedWithSuccess"], ["set", 12, "NotApplicable"]], "sub-tasks");
    const all = ws.removeScopes({ $type: "DhcpFailoverRemoveScopesParameters", OperationId: "RemoveDhcpFailoverScopes",
      ScopeIds: [10, 20], Force: true });
    same(all, [{ ScopeId: 10, FailoverRelationId: 1, Note: "kept" }, { ScopeId: 20, FailoverRelationId: 2 }], "every row of each scope, fields kept");
    same(pairs(ws), [], "table empty");
  },

  remove_faults({ Workspace }) {
    const ws = new Workspace(tables());
    fault(() => ws.removeScopes({ Failover: { RecordId: 5 }, ScopeIds: [10] }), "FAILOVER_NOT_FOUND", "unknown relationship");
    fault(() => ws.removeScopes({ ScopeIds: null }), "MISSING_SCOPE_IDS", "missing ids");
    fault(() => ws.removeScopes({ $type: "DhcpFailoverWithScopesParameters", ScopeIds: [10] }), "INVALID_PARAMETER", "add type");
    fault(() => ws.removeScopes({ ScopeIds: [10], Force: "yes" }), "INVALID_PARAMETER", "Force not a boolean");
    fault(() => ws.removeScopes({ ScopeIds: [1.5] }), "INVALID_ID", "bad id");
    same(pairs(ws), [[10, 1], [20, 2]], "unchanged");
  },

  preflight_reports_findings_and_changes_nothing({ Workspace }) {
    const ws = new Workspace(tables());
    const before = ws.toJSON();
    const found = ws.preflight({ Failover: { RecordId: 1 }, ScopeIds: [10, 11, 20, 30, 99, 12] });
    same(found.map((f) => [f.ScopeId, f.rule, f.severity, f.dhcpError]), [
      [10, "already-present", "info", null],
      [20, "scope-in-other-relationship", "error", 20113],
      [20, "scope-not-on-servers", "error", 20005],
      [30, "not-ipv4", "error", null],
      [99, "scope-unknown", "error", 20005],
    ], "findings");
    check(found.every((f) => typeof f.message === "string" && f.message.length > 10), "messages");
    const state = ws.preflight({ Failover: { RecordId: 2 }, ScopeIds: Array.from({ length: 401 }, (_, i) => 1000 + i) });
    same(state.slice(0, 2).map((f) => [f.ScopeId, f.rule, f.dhcpError]),
      [[null, "relationship-state", 20120], [null, "too-many-scopes", 20130]], "relationship-level findings first");
    same(ws.toJSON(), before, "preflight changed nothing");
    fault(() => ws.preflight({ Failover: { RecordId: 3 }, ScopeIds: [10] }), "FAILOVER_NOT_FOUND", "preflight of a missing relationship");
  },

  preflight_report_counts_groups_and_can_be_cancelled({ Workspace }) {
    const ws = new Workspace(tables());
    const before = ws.toJSON();
    const percents = [];
    const report = ws.preflightReport({ Failover: { RecordId: 1 }, ScopeIds: [10, 11, 20, 30, 99, 12] }, 2,
      { setCompletionPercentage: (p) => percents.push(p) });
    same(report.summary, { errorScopes: 3, generalErrors: 0, warnings: 0, present: 1 }, "counts");
    same([report.groupCount, report.groups.map((g) => g.id)], [4, [20, 30]], "errors first, bounded to the limit");
    same(report.groups[0].findings.map((f) => [f.rule, f.dhcpError]),
      [["scope-in-other-relationship", 20113], ["scope-not-on-servers", 20005]], "the group's findings");
    check(report.groups[0].findings.every((f) => f.message.length > 10), "the shown findings have their words");
    same(percents, [0], "one check chunk: one report");
    const many = Array.from({ length: 3000 }, (_, i) => 10000 + i);
    fault(() => ws.preflightReport({ Failover: { RecordId: 1 }, ScopeIds: many }, 10,
      { setCompletionPercentage: (p) => { if (p > 0) throw new Error("stop"); } }), "CANCELLED", "a throwing callback cancels");
    same(ws.toJSON(), before, "the report changed nothing");
  },

  undo_redo_sequence({ Workspace }) {
    const ws = new Workspace(tables());
    same([ws.undo(), ws.redo()], [false, false], "nothing to undo or redo");
    ws.addScopes({ Failover: { RecordId: 1 }, ScopeIds: [11] });
    ws.removeScopes({ ScopeIds: [10] });
    same(pairs(ws), [[20, 2], [11, 1]], "after both");
    same(ws.undo(), true, "undo remove");
    same(pairs(ws), [[10, 1], [20, 2], [11, 1]], "row 10 back in its place");
    same(ws.tables().ADM_DhcpScopeFailoverTable[0].Note, "kept", "with its fields");
    same(ws.undo(), true, "undo add");
    same(pairs(ws), [[10, 1], [20, 2]], "as loaded");
    same(ws.undo(), false, "nothing more");
    same(ws.redo(), true, "redo add");
    ws.addScopes({ Failover: { RecordId: 1 }, ScopeIds: [12] });
    same([ws.canRedo, ws.redo()], [false, false], "a new change drops the redo branch");
  },

  diff_counts_per_relationship({ Workspace }) {
    const ws = new Workspace(tables());
    ws.addScopes({ Failover: { RecordId: 1 }, ScopeIds: [11, 12] });
    ws.removeScopes({ ScopeIds: [20] });
    ws.addScopes({ Failover: { RecordId: 2 }, ScopeIds: [13] });
    same(ws.diff(), {
      added: [{ ScopeId: 11, FailoverRelationId: 1 }, { ScopeId: 12, FailoverRelationId: 1 }, { ScopeId: 13, FailoverRelationId: 2 }],
      removed: [{ ScopeId: 20, FailoverRelationId: 2 }],
      relationships: [
        { FailoverRelationId: 1, RelationshipName: "hq", added: 2, removed: 0 },
        { FailoverRelationId: 2, RelationshipName: "br", added: 1, removed: 1 },
      ],
    }, "diff");
    ws.removeScopes({ ScopeIds: [11] });
    ws.addScopes({ Failover: { RecordId: 2 }, ScopeIds: [20] });
    same(ws.diff().removed, [], "removed then added again is no change");
  },

  tables_keep_fields_and_id_types({ Workspace }) {
    const big = 2n ** 60n;
    const t = tables();
    t.ADM_DhcpFailoverTable.push({ RecordId: big, RelationshipName: "big" });
    const ws = new Workspace(t);
    ws.addScopes({ Failover: { RecordId: big }, ScopeIds: [14] });
    const out = ws.tables();
    const last = out.ADM_DhcpScopeFailoverTable.at(-1);
    check(last.FailoverRelationId === big, "an unsafe id comes back as a BigInt");
    check(last.ScopeId === 14, "a safe id comes back as a number");
    same(Object.keys(out.ADM_DhcpFailoverTable[0]).slice(0, 3), ["RecordId", "RelationshipName", "Server1RecordId"], "field order kept");
    same(out.ADM_DHCPScopesTable.length, 7, "scopes table kept");
    out.ADM_DhcpScopeFailoverTable.length = 0;
    same(pairs(ws).length, 3, "the returned tables are a copy");
    same(ws.pairTable(), ws.tables().ADM_DhcpScopeFailoverTable, "pairTable() is the working pair table");
    check(ws.pairTable().at(-1).FailoverRelationId === big, "with BigInt where the id is unsafe");
    same(Object.keys(out), ["ADM_DhcpFailoverTable", "ADM_DhcpScopeFailoverTable", "ADM_DHCPScopesTable"], "table order");
  },

  snapshot_round_trips_exactly({ Workspace }) {
    const ws = new Workspace(tables());
    ws.addScopes({ Failover: { RecordId: 1 }, ScopeIds: [11, 12] });
    ws.removeScopes({ ScopeIds: [10] });
    ws.addScopes({ Failover: { RecordId: 2 }, ScopeIds: [13] });
    ws.undo();
    const text = ws.toJSON();
    const back = Workspace.fromJSON(text);
    same(back.toJSON(), text, "text round trip");
    same(back.tables(), ws.tables(), "tables");
    same(back.diff(), ws.diff(), "diff");
    same([back.canUndo, back.canRedo], [true, true], "history kept");
    same(back.redo(), true, "redo after restore");
    same(pairs(back), [[20, 2], [11, 1], [12, 1], [13, 2]], "redone");
    same(JSON.parse(JSON.stringify({ ws })).ws, text, "JSON.stringify uses toJSON");
  },

  damaged_snapshots_are_refused({ Workspace }) {
    const text = new Workspace(tables()).toJSON();
    for (const bad of [42, "", "{}", text.replace('"version":1', '"version":9'), text.slice(0, 40)]) {
      const e = fault(() => Workspace.fromJSON(bad), "INVALID_SNAPSHOT", `fromJSON(${String(bad).slice(0, 20)})`);
      same(e.step, null, "step");
    }
  },

  packed_copies_round_trip_and_damage_is_refused({ Workspace }) {
    const ws = new Workspace(tables());
    ws.addScopes({ Failover: { RecordId: 1 }, ScopeIds: [11, 12] });
    ws.removeScopes({ ScopeIds: [10] });
    ws.undo();
    const packed = ws.toPacked();
    check(packed instanceof Uint8Array, "toPacked gives a Uint8Array");
    for (const [kind, bytes] of [["Uint8Array", packed], ["ArrayBuffer", packed.slice().buffer]]) {
      const back = Workspace.fromPacked(bytes);
      same(back.toJSON(), ws.toJSON(), `tables and history from a ${kind}`);
      same(back.queryScopes({ limit: 100 }), ws.queryScopes({ limit: 100 }), `the list of scopes from a ${kind}`);
      same(back.redo(), true, "redo after restore");
      back.free();
    }
    const flipped = packed.slice();
    flipped[20] ^= 1;
    for (const bad of [packed.slice(0, 30), flipped, "IPAMFOWS", new Uint8Array(0), null]) {
      const e = fault(() => Workspace.fromPacked(bad), "INVALID_SNAPSHOT", `fromPacked(${String(bad).slice(0, 20)})`);
      same(e.step, null, "step");
    }
    same(ws.toJSON(), Workspace.fromPacked(packed).toJSON(), "the copy read is untouched by the refusals");
    // In pieces, as the page stores it: the same bytes, read back from the array of them.
    const pieces = [];
    same(ws.writePacked((piece) => pieces.push(piece)), pieces.length, "writePacked counts its pieces");
    check(pieces.every((p) => p instanceof Uint8Array), "each piece is a Uint8Array");
    const joined = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
    pieces.reduce((at, p) => { joined.set(p, at); return at + p.length; }, 0);
    same([...joined], [...packed], "the pieces joined are toPacked");
    const split = [packed.subarray(0, 7), packed.slice(7, 100).buffer, packed.subarray(100)];
    same(Workspace.fromPacked(split).toJSON(), ws.toJSON(), "read back from pieces");
    fault(() => Workspace.fromPacked([packed.subarray(0, 100), "x"]), "INVALID_SNAPSHOT", "a piece that is not bytes");
    fault(() => Workspace.fromPacked([packed.subarray(0, 100), packed.subarray(101)]), "INVALID_SNAPSHOT", "a byte missing");
    const boom = new Error("quota");
    let thrown = null;
    try { ws.writePacked(() => { throw boom; }); } catch (e) { thrown = e; }
    same(thrown, boom, "an exception from put is thrown on");
    same(Workspace.fromPacked(ws.toPacked()).toJSON(), ws.toJSON(), "and the copy is as it was");
  },

  exports_write_each_format({ Workspace }) {
    const ws = new Workspace(tables());
    ws.removeScopes({ ScopeIds: [20] });
    ws.addScopes({ Failover: { RecordId: 1 }, ScopeIds: [11] });
    const json = JSON.parse(ws.exportChangeSet("json"));
    same([json.removed.length, json.added[0].ScopeAddress], [1, "10.1.1.0"], "json");
    const csv = ws.exportChangeSet("csv").split("\r\n");
    same(csv.slice(0, 3), ["Change,ScopeId,ScopeAddress,ScopeName,FailoverRelationId,RelationshipName",
      "remove,20,10.2.0.0,BR 1,2,br", "add,11,10.1.1.0,HQ 2,1,hq"], "csv");
    const ps = ws.exportChangeSet("powershell");
    check(ps.includes("Remove-DhcpServerv4FailoverScope -ComputerName 'dhcp-br-01' -Name 'br' -ScopeId '10.2.0.0'"), "ps remove");
    check(ps.includes("Add-DhcpServerv4FailoverScope -ComputerName 'dhcp-hq-01' -Name 'hq' -ScopeId '10.1.1.0'"), "ps add");
    fault(() => ws.exportChangeSet("xml"), "INVALID_PARAMETER", "unknown format");
  },

  tables_text_is_what_json_stringify_writes_of_the_tables({ Workspace }) {
    const ws = new Workspace(tables());
    ws.removeScopes({ ScopeIds: [20] });
    ws.addScopes({ Failover: { RecordId: 1 }, ScopeIds: [11] });
    const pieces = [];
    same(ws.writeTablesText((piece) => pieces.push(piece)), pieces.length, "writeTablesText counts its pieces");
    check(pieces.length === 1 && typeof pieces[0] === "string", "one string piece for a small copy");
    same(pieces.join(""), JSON.stringify(ws.tables(), null, 2), "the layout of JSON.stringify(ws.tables(), null, 2)");
    const boom = new Error("stopped");
    let thrown = null;
    try { ws.writeTablesText(() => { throw boom; }); } catch (e) { thrown = e; }
    same(thrown, boom, "an exception from put is thrown on");
  },

  repeated_operations_on_a_large_copy({ Workspace }) {
    const n = 200_000;
    const t = { ADM_DhcpFailoverTable: [{ RecordId: 1 }, { RecordId: 2 }], ADM_DhcpScopeFailoverTable: [] };
    for (let i = 0; i < n; i++) t.ADM_DhcpScopeFailoverTable.push({ ScopeId: i, FailoverRelationId: 1 + (i % 2) });
    const ws = new Workspace(t);
    for (let k = 0; k < 50; k++) {
      ws.addScopes({ Failover: { RecordId: 1 }, ScopeIds: [n + k, 0] });
      ws.removeScopes({ Failover: { RecordId: 2 }, ScopeIds: [2 * k + 1] });
    }
    const d = ws.diff();
    same([d.added.length, d.removed.length], [50, 50], "50 adds and 50 removes pending");
    for (let k = 0; k < 100; k++) check(ws.undo(), "undo");
    same(ws.diff(), { added: [], removed: [], relationships: [] }, "all undone");
    same(ws.tables().ADM_DhcpScopeFailoverTable.length, n, "back to the loaded size");
  },

  from_text_builds_the_same_copy({ Workspace }) {
    const a = Workspace.fromText(JSON.stringify(tables()));
    const b = new Workspace(tables());
    same(a.tables(), b.tables(), "same tables either way");
    same(a.scopeCount, 7, "scopeCount");
    const e = fault(() => Workspace.fromText('{"ADM_DhcpFailoverTable": [1,'), "INVALID_TABLE", "truncated text");
    check(/line 1 column/.test(e.message), `the place is named: ${e.message}`);
    fault(() => Workspace.fromText(42), "INVALID_TABLE", "not a string");
    fault(() => Workspace.fromText("[]"), "INVALID_TABLE", "not tables");
    // From a file's bytes: UTF-8 (an ArrayBuffer too), UTF-16LE with a byte order mark.
    const text = JSON.stringify(tables());
    const utf8 = new TextEncoder().encode(text);
    const utf16 = new Uint8Array(2 + 2 * text.length);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) new DataView(utf16.buffer).setUint16(2 + 2 * i, text.charCodeAt(i), true);
    for (const [kind, bytes] of [["UTF-8", utf8], ["an ArrayBuffer", utf8.slice().buffer], ["UTF-16LE", utf16]]) {
      const c = Workspace.fromBytes(bytes);
      same(c.tables(), b.tables(), `fromBytes of ${kind}`);
      c.free();
    }
    const latin = fault(() => Workspace.fromBytes(new Uint8Array([0x7b, 0xe9, 0x7d])), "INVALID_TABLE", "not UTF-8");
    same(latin.message, "the tables file is not text: byte 0xE9 is not UTF-8; save the file as UTF-8 (Windows PowerShell 5.1: use Out-File -Encoding utf8, or the collector script) (at byte 1)", "the byte is named");
    fault(() => Workspace.fromBytes(text), "INVALID_TABLE", "a string is not bytes");
    fault(() => Workspace.fromBytes(utf16.subarray(0, 7)), "INVALID_TABLE", "odd UTF-16");
    same(a.tables(), b.tables(), "refusals change nothing");
    a.free();
    b.free();
  },

  query_scopes_filters_sorts_and_windows({ Workspace }) {
    const ws = new Workspace(tables());
    const page = ws.queryScopes({ server: "100", membership: "in-none", sort: "address", descending: true, limit: 2 });
    same(page.total, 4, "11, 13, 14 and 30 on server 100 are in no relationship");
    same(page.rows.map((r) => r.id), [30, 14], "first window, descending; the IPv6 scope has no IPv4 address: last");
    const row = ws.queryScopes({ text: "hq 1" }).rows[0];
    same([row.id, row.key, row.address, row.name, row.server, row.known], [10, "10", "10.1.0.0", "HQ 1", "dhcp-hq-01", true], "row fields");
    same(row.relationships, [{ id: 1, name: "hq", known: true, staged: false }], "membership");
    same(ws.queryScopes({ prefix: "10.1.0.0/23" }).rows.map((r) => r.id), [10, 11], "CIDR by address");
    same(ws.queryScopes({ membership: "in-other", relationship: 1 }).rows.map((r) => r.id), [20], "in another");
    same(ws.queryScopes(undefined).total, 7, "no query: everything");
    fault(() => ws.queryScopes({ prefix: "ten" }), "INVALID_PARAMETER", "bad prefix");
    fault(() => ws.queryScopes({ limit: "5" }), "INVALID_PARAMETER", "limit not a number");
    fault(() => ws.queryScopes({ relationship: 1.5, membership: "in-relationship" }), "INVALID_PARAMETER", "bad id");
    fault(() => ws.queryScopes("x"), "INVALID_PARAMETER", "not an object");
    ws.free();
  },

  selection_feeds_add_and_outcome({ Workspace }) {
    const ws = new Workspace(tables());
    same(ws.select({ mode: "matching", query: { server: "100", membership: "in-none", limit: 1 } }), 4, "across pages");
    same(ws.select({ mode: "unset", ids: [30n] }), 3, "BigInt ids work");
    same(ws.select({ mode: "toggle", ids: [12, 10] }), 5, "toggle");
    const ids = ws.selectedScopeIds();
    same(ids, [10, 11, 12, 13, 14], "table order");
    ws.addScopes({ Failover: { RecordId: 1 }, ScopeIds: ids });
    same(ws.lastOutcome(), { kind: "add", changed: [11, 12, 13, 14], unchanged: [10], total: 5 }, "outcome");
    same([...ws.outcomeOf([10, 11n, 99])], [0, 1, 0], "per scope, without the whole outcome");
    same([...ws.lastOutcomeCounts()], [4, 1], "the outcome's counts");
    same(ws.selectionCount, 5, "kept after the change");
    same(ws.queryScopes({ text: "HQ 2" }).rows[0].staged, true, "staged");
    same(ws.queryScopes({ text: "HQ 2" }).rows[0].relationships, [{ id: 1, name: "hq", known: true, staged: true }], "staged per relationship");
    same(ws.scopeLabels([12, 99n]), [{ id: 12, label: "HQ 3 10.1.2.0", known: true, name: "HQ 3", address: "10.1.2.0" },
      { id: 99, label: "scope 99", known: false, name: "", address: "" }], "labels");
    const summary = ws.relationshipSummary();
    same(summary.map((r) => [r.name, r.members, r.added, r.removed]), [["hq", 5, 4, 0], ["br", 1, 0, 0]], "summary");
    same(summary[0].row.Server1Name, "dhcp-hq-01", "the whole row");
    const pending = ws.pendingSummary(2);
    same([pending.added, pending.removed, pending.addedPairs.length], [4, 0, 2], "bounded pending");
    same(pending.addedPairs[0], { scopeId: 11, scope: "HQ 2 10.1.1.0", relationshipId: 1, relationship: "hq" }, "labels");
    same(ws.servers().map((s) => s.name), ["dhcp-hq-01", "dhcp-hq-02", "dhcp-br-01", "dhcp-br-02"], "servers");
    const coverage = ws.coverage();
    same(coverage.map((c) => [c.server, c.scopes, c.covered, c.uncovered, c.elsewhere]), [["100,101", 6, 5, 1, 0], ["200,201", 1, 1, 0, 0]], "coverage");
    same([...ws.coverageNumbers()], [6, 5, 1, 0, 1, 1, 0, 0], "coverage numbers, flat");
    same([...ws.relationshipNumbers()], [5, 4, 0, 1, 0, 0], "members, added, removed per relationship");
    same(ws.inAnyCount, 6, "scopes in any relationship");
    ws.undo();
    same([...ws.coverageNumbers()], [6, 1, 5, 0, 1, 1, 0, 0], "coverage numbers after an undo");
    same([...ws.relationshipNumbers()], [1, 0, 0, 1, 0, 0], "relationship numbers after an undo");
    same(ws.inAnyCount, 2, "in any after an undo");
    ws.redo();
    same(ws.queryScopes({ server: coverage[0].server, membership: "in-none" }).rows.map((r) => r.id), [30], "from a number to its scopes");
    same(ws.select({ mode: "clear" }), 0, "cleared");
    fault(() => ws.select({ mode: "all" }), "INVALID_PARAMETER", "unknown mode");
    fault(() => ws.select({ mode: "set", ids: "10" }), "INVALID_PARAMETER", "ids not an array");
    ws.free();
  },
};

export async function runCase(name) {
  const { Workspace } = await glue();
  const run = cases[name];
  if (!run) throw new Error(`no case ${name}`);
  await run({ Workspace });
}
