//! Import from real DHCP servers: what Windows DHCP admins can produce in one command
//! (the project's collection file, raw `ConvertTo-Json` of Get-DhcpServerv4Failover /
//! Get-DhcpServerv4Scope, Export-DhcpServer XML) turned into the tables, with the places
//! where the servers disagree ([`DriftFinding`]), and, after a change set ran, which planned
//! changes landed ([`reconcile_tables`]).
//!
//! One file per concern: [`encoding`], format recognition (`detect`), `collection`,
//! `ps_json`, `xml`, server identity (`names`), `mapping`, the tables as typed rows (`rows`),
//! [`drift`], [`reconcile`].

pub mod drift;
pub mod encoding;
pub mod reconcile;

mod collection;
mod detect;
mod mapping;
mod model;
mod names;
mod overview;
mod ps_json;
mod ps_shapes;
mod rows;
mod xml;

pub use drift::{DriftFinding, DriftKind};
pub use model::FileKind;
pub use overview::{RelationshipOverview, TablesOverview};
pub use reconcile::{reconcile_tables, PlannedChange, ReconciledChange, Reconciliation};

use std::borrow::Borrow;

use serde_json::{json, Map, Value};

use crate::fault::Fault;

use model::ParsedFile;
use rows::TableRows;

/// One file to import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The file's name (used in messages only; the format is read from the content).
    pub name: String,
    /// Its raw bytes.
    pub bytes: Vec<u8>,
    /// The DHCP server it came from, for files that do not say (XML, local JSON).
    pub server: Option<String>,
}

/// One server seen in the inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerInfo {
    /// Its name.
    pub name: String,
    /// Its IP, when known.
    pub ip: Option<String>,
    /// The inputs that held its data, in input order (empty: only named as a partner).
    pub sources: Vec<String>,
    /// How many IPv4 scopes it has; `None` when no input gave its scopes.
    pub scopes: Option<usize>,
    /// How many relationships (rows of ADM_DhcpFailoverTable) it is in.
    pub relationships: usize,
    /// The error the collection recorded for it.
    pub error: Option<String>,
}

/// What one input was recognised as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileInfo {
    /// The file's name.
    pub name: String,
    /// Its kind.
    pub kind: FileKind,
    /// The server it describes, when it describes exactly one.
    pub server: Option<String>,
    /// How many scopes it holds.
    pub scopes: usize,
    /// How many relationship records it holds.
    pub relationships: usize,
}

/// The result of an import.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// ADM_DhcpFailoverTable, ADM_DhcpScopeFailoverTable and ADM_DHCPScopesTable, in the
    /// shape `Tables::from_json`, `addScopes` and `new Workspace` take.
    pub tables: Value,
    /// Every server seen, by name.
    pub servers: Vec<ServerInfo>,
    /// Where the servers disagree, sorted.
    pub findings: Vec<DriftFinding>,
    /// Per input, in input order.
    pub files: Vec<FileInfo>,
    /// What the tables hold, as a working copy of them would list it.
    pub overview: TablesOverview,
}

impl Imported {
    /// `{ tables, servers, findings, files, overview }` with camelCase keys.
    pub fn to_json(&self) -> Value {
        let mut out = report_of(&self.servers, &self.findings, &self.files, &self.overview);
        out.shift_insert(0, "tables".into(), lean_copy(&self.tables));
        Value::Object(out)
    }
}

/// A copy of a JSON value. A map of plain values (a row) is cloned as it is (no key is
/// hashed again: several times cheaper than serializing it into a new value as `json!`
/// would), into a map of its exact size (`clone` would round its room up to its hash
/// table's).
fn lean_copy(value: &Value) -> Value {
    match value {
        Value::Array(items) => Value::Array(items.iter().map(lean_copy).collect()),
        Value::Object(fields) if fields.values().all(|v| !v.is_array() && !v.is_object()) => {
            let mut out = Map::with_capacity(fields.len());
            out.clone_from(fields);
            Value::Object(out)
        }
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(k, v)| (k.clone(), lean_copy(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// An import whose tables are still compact rows: what [`import_dhcp`] builds before it
/// turns them into [`Imported::tables`]. Leaner when the tables are wanted as JSON text
/// ([`ImportedRows::tables_text`]), or as JSON once ([`ImportedRows::into_json`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedRows {
    /// The three tables.
    tables: TableRows,
    /// Every server seen, by name.
    pub servers: Vec<ServerInfo>,
    /// Where the servers disagree, sorted.
    pub findings: Vec<DriftFinding>,
    /// Per input, in input order.
    pub files: Vec<FileInfo>,
    /// What the tables hold, as a working copy of them would list it.
    pub overview: TablesOverview,
}

impl ImportedRows {
    /// The tables as JSON text: exactly `into_imported().tables.to_string()`, written
    /// without building the JSON value.
    pub fn tables_text(&self) -> String {
        self.tables.to_text()
    }

    /// `{ servers, findings, files, overview, tablesText }`: [`Imported::to_json`] with the tables as
    /// JSON text ([`ImportedRows::tables_text`]) last instead of `tables` first.
    pub fn to_json_with_tables_text(&self) -> Value {
        let mut out = self.report_map();
        out.insert("tablesText".into(), self.tables_text().into());
        Value::Object(out)
    }

    /// `{ servers, findings, files, overview }`: [`Imported::to_json`] without the tables,
    /// for a caller that hands them on in another form.
    pub fn report_json(&self) -> Value {
        Value::Object(self.report_map())
    }

    /// The members of [`ImportedRows::report_json`], with room for the tables.
    fn report_map(&self) -> Map<String, Value> {
        report_of(&self.servers, &self.findings, &self.files, &self.overview)
    }

    /// `{ tables, servers, findings, files, overview }`: what `into_imported().to_json()` gives,
    /// without a second copy of the tables.
    pub fn into_json(self) -> Value {
        let mut out = self.report_map();
        out.shift_insert(0, "tables".into(), self.tables.into_value());
        Value::Object(out)
    }

    /// The tables as a JSON value, with the rest.
    pub fn into_imported(self) -> Imported {
        Imported {
            tables: self.tables.into_value(),
            servers: self.servers,
            findings: self.findings,
            files: self.files,
            overview: self.overview,
        }
    }
}

/// `servers`, `findings`, `files` and `overview` of [`Imported::to_json`], with room for
/// the tables.
fn report_of(
    servers: &[ServerInfo],
    findings: &[DriftFinding],
    files: &[FileInfo],
    overview: &TablesOverview,
) -> Map<String, Value> {
    let mut out = Map::with_capacity(5);
    let servers = servers.iter().map(|s| {
        json!({
            "name": s.name,
            "ip": s.ip,
            "sources": s.sources,
            "scopes": s.scopes,
            "relationships": s.relationships,
            "error": s.error,
        })
    });
    out.insert("servers".into(), Value::Array(servers.collect()));
    let findings = findings.iter().map(DriftFinding::to_json);
    out.insert("findings".into(), Value::Array(findings.collect()));
    let files = files.iter().map(|f| {
        json!({
            "name": f.name,
            "kind": f.kind.as_str(),
            "server": f.server,
            "scopes": f.scopes,
            "relationships": f.relationships,
        })
    });
    out.insert("files".into(), Value::Array(files.collect()));
    out.insert("overview".into(), overview.to_json());
    out
}

/// Reads every input and builds the tables, the server list and the drift findings.
/// Any input that cannot be read refuses the whole import with `INVALID_IMPORT`, naming
/// the file and the place.
pub fn import_dhcp(inputs: &[Input]) -> Result<Imported, Fault> {
    import_dhcp_rows(inputs).map(ImportedRows::into_imported)
}

/// [`import_dhcp`] with the tables kept as rows, for a caller that wants them as JSON
/// text or as JSON once.
pub fn import_dhcp_rows(inputs: &[Input]) -> Result<ImportedRows, Fault> {
    import_dhcp_rows_each(inputs)
}

/// [`import_dhcp_rows`] taking the inputs one at a time. Given by value, each file's bytes
/// are freed as soon as it is read, before the next is asked for and before the tables are
/// built, so they never sit beside the tables. What the wasm binding does: in wasm, memory
/// once grown stays grown, so the import's peak is what the page keeps.
pub fn import_dhcp_rows_each<I: Borrow<Input>>(
    inputs: impl IntoIterator<Item = I>,
) -> Result<ImportedRows, Fault> {
    let read = inputs
        .into_iter()
        .map(|i| {
            let i = i.borrow();
            read_input(&i.name, &i.bytes, i.server.as_deref())
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut files = Vec::with_capacity(read.len());
    let mut parsed = Vec::with_capacity(read.len());
    for (info, file) in read {
        parsed.push((info.name.clone(), file));
        files.push(info);
    }

    let mut merged = mapping::merge(parsed);
    let rels = mapping::relationships(&merged);
    let findings = drift::findings(&merged, &rels);
    let servers = merged
        .names
        .servers()
        .iter()
        .zip(&merged.servers)
        .enumerate()
        .map(|(id, (name, state))| ServerInfo {
            name: name.display.clone(),
            ip: state.ip.clone().or_else(|| name.ip.clone()),
            sources: state.sources.clone(),
            scopes: state.scopes.as_ref().map(|s| s.len()),
            relationships: rels
                .iter()
                .filter(|r| r.server1 == id || r.server2 == Some(id))
                .count(),
            error: state.error.clone(),
        })
        .collect();
    for f in &mut files {
        if let Some(s) = f.server.as_deref().and_then(|s| merged.names.resolve(s)) {
            f.server = Some(merged.names.display(s).to_owned());
        }
    }
    let tables = mapping::tables(&mut merged, &rels);
    Ok(ImportedRows {
        overview: TablesOverview::of(&tables),
        tables,
        servers,
        findings,
        files,
    })
}

/// One input read: what it was recognised as, and its servers.
fn read_input(
    name: &str,
    bytes: &[u8],
    server: Option<&str>,
) -> Result<(FileInfo, ParsedFile), Fault> {
    let file = detect::read_file(name, bytes, server)?;
    let info = FileInfo {
        name: name.to_owned(),
        kind: file.kind,
        server: match file.servers.as_slice() {
            [one] => Some(one.name.clone()),
            _ => None,
        },
        scopes: file
            .servers
            .iter()
            .map(|s| s.scopes.as_ref().map_or(0, Vec::len))
            .sum(),
        relationships: file
            .servers
            .iter()
            .map(|s| s.failover.as_ref().map_or(0, Vec::len))
            .sum(),
    };
    Ok((info, file))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str, server: Option<&str>) -> Input {
        let path = format!("{}/tests/fixtures/dhcp/{name}", env!("CARGO_MANIFEST_DIR"));
        Input {
            name: name.into(),
            bytes: std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}")),
            server: server.map(String::from),
        }
    }

    /// The fixture sets: one collection, the other, and every format at once.
    fn fixture_sets() -> Vec<Vec<Input>> {
        vec![
            vec![fixture("collection-before.json", None)],
            vec![fixture("collection-after.json", None)],
            vec![
                fixture("ps51-failover-hq-01.json", Some("dhcp-hq-01.corp.example")),
                fixture("ps51-scopes-hq-01.json", Some("DHCP-HQ-01")),
                fixture("ps7-failover-hq-02.json", None),
                fixture("ps7-scopes-hq-02.json", None),
                fixture("ps51-failover-mlm-01.utf16le.json", None),
                fixture("export-mlm-01.xml", Some("DHCP-MLM-01")),
            ],
            // Only one side of a relationship: its partner is named but not read.
            vec![fixture("ps51-failover-mlm-01.utf16le.json", None)],
        ]
    }

    #[test]
    fn the_overview_is_what_a_working_copy_of_the_tables_lists() {
        for inputs in fixture_sets() {
            let rows = import_dhcp_rows(&inputs).unwrap();
            let ws = crate::workspace::Workspace::from_text(&rows.tables_text()).unwrap();
            let listed: Vec<Value> = match ws.relationship_summary() {
                Value::Array(items) => items,
                other => panic!("{other}"),
            };
            let expected: Vec<Value> = listed
                .iter()
                .map(|r| {
                    json!({
                        "name": r["name"], "mode": r["mode"], "server1": r["server1"],
                        "server2": r["server2"], "members": r["members"],
                    })
                })
                .collect();
            let overview = rows.overview.to_json();
            assert!(!expected.is_empty());
            assert_eq!(overview["relationships"], Value::Array(expected));
            assert_eq!(overview["scopes"], json!(ws.view().len()));
            let pairs: u64 = listed.iter().filter_map(|r| r["members"].as_u64()).sum();
            assert_eq!(overview["pairs"], json!(pairs));
        }
    }

    #[test]
    fn the_rows_give_the_same_json_and_text_as_the_value() {
        for inputs in fixture_sets() {
            let imported = import_dhcp(&inputs).unwrap();
            let rows = import_dhcp_rows(&inputs).unwrap();
            assert_eq!(rows.tables_text(), imported.tables.to_string());
            // Taken one at a time by value, as the wasm binding does: the same import.
            let each = import_dhcp_rows_each(inputs.clone()).unwrap();
            let text = each.tables_text();
            assert_eq!(text, rows.tables_text());
            // Counted first, written into a buffer of exactly its size.
            assert_eq!(text.capacity(), text.len());
            assert_eq!(
                each.to_json_with_tables_text(),
                rows.to_json_with_tables_text()
            );
            let with_text = rows.to_json_with_tables_text();
            let json = imported.to_json();
            let mut expected = json.as_object().cloned().unwrap();
            let tables = expected.shift_remove("tables").unwrap();
            expected.insert("tablesText".into(), tables.to_string().into());
            assert_eq!(with_text.to_string(), Value::Object(expected).to_string());
            assert_eq!(rows.into_json().to_string(), json.to_string());
        }
    }
}
