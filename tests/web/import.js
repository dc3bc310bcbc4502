// Cases for tests/web_import.rs: importDhcp and Workspace.reconcile as the page uses them,
// on the fixture files (name -> Uint8Array).

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
    check(e instanceof Error && e.name === "IpamFault", `${what}: not an IpamFault: ${e}`);
    same(e.code, code, `${what}: code`);
    return e;
  }
  throw new Error(`${what}: nothing was thrown`);
}

const HQ1 = "dhcp-hq-01.corp.example";

function scopeId(tables, server, address) {
  const servers = new Map();
  for (const r of tables.ADM_DhcpFailoverTable) {
    servers.set(r.Server1RecordId, r.Server1Name);
    servers.set(r.Server2RecordId, r.Server2Name);
  }
  const row = tables.ADM_DHCPScopesTable.find((s) => s.ScopeId === address && servers.get(s.DHCPServerRecordId) === server);
  check(row, `scope ${address} on ${server}`);
  return row.RecordId;
}

function relId(tables, name) {
  const row = tables.ADM_DhcpFailoverTable.find((r) => r.RelationshipName === name);
  check(row, `relationship ${name}`);
  return row.RecordId;
}

const cases = {
  imports_the_collection_into_tables_a_workspace_takes({ importDhcp, Workspace }, files) {
    const result = importDhcp([{ name: "collection-before.json", bytes: files["collection-before.json"] }]);
    same(result.files.map((f) => [f.name, f.kind]), [["collection-before.json", "collection"]], "recognised");
    const unreachable = result.servers.find((s) => s.error);
    check(unreachable && /RPC server is unavailable/.test(unreachable.error), "the unreachable server and its error");
    check(result.findings.some((f) => f.kind === "server-unreachable" && f.severity === "error"), "server-unreachable finding");
    const names = result.tables.ADM_DhcpFailoverTable.map((r) => r.RelationshipName).sort();
    check(names.includes("hq-loadbalance") && names.includes("malmö-standby"), `relationships: ${names}`);
    const ws = new Workspace(result.tables);
    same(ws.tables().ADM_DHCPScopesTable.length, result.tables.ADM_DHCPScopesTable.length, "the workspace takes the tables");
    const again = importDhcp([{ name: "collection-before.json", bytes: files["collection-before.json"] }]);
    same(again.tables, result.tables, "deterministic");
    const asText = importDhcp([{ name: "collection-before.json", bytes: files["collection-before.json"] }], { tablesAsText: true });
    check(asText.tables === undefined && typeof asText.tablesText === "string", "tables as text");
    same(Workspace.fromText(asText.tablesText).tables(), ws.tables(), "the text builds the same copy");
    const asBytes = importDhcp([{ name: "collection-before.json", bytes: files["collection-before.json"] }], { tablesAsBytes: true, tablesAsText: true });
    check(asBytes.tables === undefined && asBytes.tablesText === undefined && asBytes.tablesBytes instanceof Uint8Array, "tables as bytes");
    same(new TextDecoder().decode(asBytes.tablesBytes), asText.tablesText, "the bytes are the text's UTF-8");
    same(asBytes.overview, asText.overview, "the same overview");
    same(Workspace.fromBytes(asBytes.tablesBytes).tables(), ws.tables(), "the bytes build the same copy");
    ws.free();
  },

  raw_powershell_and_xml_files_import_with_their_servers({ importDhcp }, files) {
    const names = ["ps51-failover-hq-01.json", "ps51-scopes-hq-01.json", "ps7-failover-hq-02.json", "ps7-scopes-hq-02.json",
      "ps51-failover-mlm-01.utf16le.json", "export-mlm-01.xml"];
    const servers = { "ps51-scopes-hq-01.json": HQ1, "ps7-scopes-hq-02.json": "dhcp-hq-02.corp.example",
      "export-mlm-01.xml": "dhcp-mlm-01.corp.example", "ps51-failover-mlm-01.utf16le.json": "dhcp-mlm-01.corp.example" };
    const result = importDhcp(names.map((name) => ({ name, bytes: files[name], server: servers[name] ?? null })));
    same(result.files.map((f) => f.kind), ["failover-json", "scope-json", "failover-json", "scope-json", "failover-json", "export-xml"], "kinds");
    check(result.files.every((f) => f.server), "every file has its server");
    check(result.tables.ADM_DhcpScopeFailoverTable.length > 0, "pairs from the failover files");
    const scope = result.tables.ADM_DHCPScopesTable.find((s) => s.ScopeId === "10.1.0.0");
    check(scope && typeof scope.ScopeName === "string", "scope rows carry address and name");
    fault(() => importDhcp([{ name: "export-mlm-01.xml", bytes: files["export-mlm-01.xml"] }]), "INVALID_IMPORT", "XML needs its server");
  },

  bad_inputs_are_refused_with_the_file_and_place({ importDhcp }, files) {
    const bytes = (text) => new TextEncoder().encode(text);
    let e = fault(() => importDhcp([{ name: "cut.json", bytes: files["collection-before.json"].slice(0, 500) }]), "INVALID_IMPORT", "truncated");
    check(e.message.includes("cut.json") && /line \d+|column|byte|offset/.test(e.message), `names the file and place: ${e.message}`);
    e = fault(() => importDhcp([{ name: "notes.txt", bytes: bytes("hello") }]), "INVALID_IMPORT", "not JSON or XML");
    check(e.message.includes("notes.txt"), e.message);
    fault(() => importDhcp([{ name: "deep.json", bytes: bytes("[".repeat(100000)) }]), "INVALID_IMPORT", "deeply nested");
    fault(() => importDhcp([{ name: "script.py", bytes: files["make_fixtures.py"] }]), "INVALID_IMPORT", "another kind of file");
    const garbage = new Uint8Array(4 << 20);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 2654435761) >>> 24;
    fault(() => importDhcp([{ name: "garbage.bin", bytes: garbage }]), "INVALID_IMPORT", "garbage");
    fault(() => importDhcp("x"), "INVALID_IMPORT", "not an array");
    fault(() => importDhcp([{ name: "a.json", bytes: "text" }]), "INVALID_IMPORT", "bytes not a Uint8Array");
    fault(() => importDhcp([{ bytes: bytes("{}") }]), "INVALID_IMPORT", "no name");
    // The module still works after every refusal.
    same(importDhcp([{ name: "c.json", bytes: files["collection-before.json"] }]).files.length, 1, "still usable");
  },

  reconcile_reports_applied_not_applied_conflict_and_unplanned({ importDhcp, Workspace }, files) {
    const base = importDhcp([{ name: "before.json", bytes: files["collection-before.json"] }]).tables;
    const ws = new Workspace(base);
    const lb = relId(base, "hq-loadbalance");
    ws.addScopes({ Failover: { RecordId: lb }, ScopeIds: [scopeId(base, HQ1, "10.1.3.0"), scopeId(base, HQ1, "10.1.4.0")] });
    ws.addScopes({ Failover: { RecordId: relId(base, "malmö-standby") }, ScopeIds: [scopeId(base, "dhcp-mlm-01.corp.example", "10.2.2.0")] });
    ws.removeScopes({ Failover: { RecordId: lb }, ScopeIds: [scopeId(base, HQ1, "10.1.2.0"), scopeId(base, HQ1, "10.1.0.0")] });
    const observed = importDhcp([{ name: "after.json", bytes: files["collection-after.json"] }]).tables;
    const r = ws.reconcile(observed);
    same(r.changes.map((c) => `${c.change} ${c.relationship} ${c.scope} ${c.status}`), [
      "remove hq-loadbalance 10.1.0.0 not-applied",
      "remove hq-loadbalance 10.1.2.0 applied",
      "add hq-loadbalance 10.1.3.0 applied",
      "add hq-loadbalance 10.1.4.0 not-applied",
      "add malmö-standby 10.2.2.0 conflict",
    ], "each pending change");
    same(r.unplanned.map((c) => `${c.change} ${c.scope}`), ["remove 10.1.10.0", "add 10.2.2.0"], "unplanned");
    fault(() => ws.reconcile({ ADM_DhcpFailoverTable: "x" }), "INVALID_TABLE", "malformed observed tables");
    ws.free();
  },
};

export async function runCase(name, files) {
  const module = await glue();
  const run = cases[name];
  if (!run) throw new Error(`no case ${name}`);
  await run(module, files);
}
