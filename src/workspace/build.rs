//! Building a working copy row by row: the store (compact scope rows, indices) and the
//! page's view together, from owned tables or straight from JSON text. From text, each row
//! is parsed, checked, kept compactly and dropped before the next, so a 300,000-scope file
//! never becomes a JSON tree in wasm memory (which, once grown, is never given back).

use std::net::Ipv4Addr;

use rustc_hash::FxHashMap;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::fault::Fault;
use crate::raw::Shape;
use crate::tables::{
    check_unique, id_field, json_id, json_shape, not_a_table, not_tables, pair_row, read_id,
    row_not_object, text_field, FailoverRow, RawCell, ScopeFailoverRow, Tables, FAILOVER_TABLE,
    SCOPES_TABLE, SCOPE_FAILOVER_TABLE,
};

use super::store::{ScopeRows, Store};
use super::ScopeView;

/// Builds a store and its view.
pub(super) struct Builder {
    store: Store,
    view: ScopeView,
    first_row: FxHashMap<i64, usize>,
}

impl Builder {
    fn new(failovers: Vec<FailoverRow>, has_scopes: bool) -> Builder {
        let mut view = ScopeView::default();
        for row in &failovers {
            view.learn_servers(row);
        }
        let failover_index = failovers
            .iter()
            .enumerate()
            .map(|(i, r)| (r.record_id, i))
            .collect();
        Builder {
            store: Store {
                failovers,
                failover_index,
                scopes: has_scopes.then(ScopeRows::default),
                ..Store::default()
            },
            view,
            first_row: FxHashMap::default(),
        }
    }

    fn scope(
        &mut self,
        row: usize,
        record_id: i64,
        fields: &Map<String, Value>,
    ) -> Result<(), Fault> {
        if let Some(earlier) = self.first_row.insert(record_id, row) {
            return Err(Fault::invalid_table(format!(
                "{SCOPES_TABLE}: RecordId {record_id} appears in rows {earlier} and {row}; RecordId is the primary key"
            )));
        }
        let host = id_field(fields, "DHCPServerRecordId")
            .or_else(|| id_field(fields, "ParentDhcpServerRecordId"));
        let address = text_field(fields, "ScopeId").and_then(|a| a.trim().parse::<Ipv4Addr>().ok());
        if let (Some(host), Some(address)) = (host, address) {
            self.store.hosted.insert((host, u32::from(address)));
        }
        self.view.push_known(record_id, fields);
        if let Some(scopes) = self.store.scopes.as_mut() {
            self.store.scope_index.insert(record_id, scopes.len());
            scopes.push(record_id, fields);
        }
        Ok(())
    }

    fn pair(&mut self, row: ScopeFailoverRow) {
        let slot = self.store.slots.len();
        self.store.index(slot, row.scope_id);
        self.store.slots.push(Some(row));
    }

    fn finish(mut self) -> (Store, ScopeView) {
        self.view
            .include(self.store.pairs().map(|p| p.scope_id).collect::<Vec<_>>());
        (self.store, self.view)
    }

    /// From owned, checked tables.
    pub(super) fn from_tables(tables: Tables) -> (Store, ScopeView) {
        let mut builder = Builder::new(tables.failovers, tables.scopes.is_some());
        for (i, row) in tables.scopes.into_iter().flatten().enumerate() {
            // Owned tables were checked already: RecordIds are unique.
            let _ = builder.scope(i, row.record_id, &row.fields);
        }
        builder.store.slots.reserve(tables.scope_failovers.len());
        for row in tables.scope_failovers {
            builder.pair(row);
        }
        builder.finish()
    }

    /// From JSON text in the shape `addScopes` takes, with the same checks and faults as
    /// [`Tables::from_json`]; a syntax error names its line and column.
    pub(super) fn from_text(text: &str) -> Result<(Store, ScopeView), Fault> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let syntax = |e: serde_json::Error| {
            Fault::invalid_table(format!("the tables are not valid JSON: {e}"))
        };
        let top: Top = match serde_json::from_str(text) {
            Ok(top) => top,
            Err(e) if e.is_data() => {
                // Valid JSON of another shape: say which, as Tables::from_json does.
                let value: Value = serde_json::from_str(text).map_err(syntax)?;
                return match value {
                    Value::Object(_) => Err(Fault::invalid_table(format!(
                        "the tables cannot be read: {e}"
                    ))),
                    other => Err(not_tables(json_shape(&other))),
                };
            }
            Err(e) => return Err(syntax(e)),
        };
        let failover_rows = rows(FAILOVER_TABLE, top.failovers, true)?.unwrap_or_default();
        let pair_rows = rows(SCOPE_FAILOVER_TABLE, top.pairs, true)?.unwrap_or_default();
        let scope_rows = rows(SCOPES_TABLE, top.scopes, false)?;

        let mut failovers = Vec::with_capacity(failover_rows.len());
        for (i, raw) in failover_rows.iter().enumerate() {
            let (record_id, fields) = keyed(FAILOVER_TABLE, i, raw)?;
            failovers.push(FailoverRow { record_id, fields });
        }
        check_unique(
            FAILOVER_TABLE,
            &failovers.iter().map(|r| r.record_id).collect::<Vec<_>>(),
        )?;
        let mut builder = Builder::new(failovers, scope_rows.is_some());
        for (i, raw) in scope_rows.iter().flatten().enumerate() {
            let (record_id, fields) = keyed(SCOPES_TABLE, i, raw)?;
            builder.scope(i, record_id, &fields)?;
        }
        builder.store.slots.reserve(pair_rows.len());
        for (i, raw) in pair_rows.iter().enumerate() {
            let value = parse_row(SCOPE_FAILOVER_TABLE, i, raw)?;
            builder.pair(pair_row(SCOPE_FAILOVER_TABLE, i, &value)?);
        }
        Ok(builder.finish())
    }
}

/// The top level of a tables text, each table left unparsed.
#[derive(Deserialize)]
struct Top<'a> {
    #[serde(borrow, rename = "ADM_DhcpFailoverTable")]
    failovers: Option<&'a RawValue>,
    #[serde(borrow, rename = "ADM_DhcpScopeFailoverTable")]
    pairs: Option<&'a RawValue>,
    #[serde(borrow, rename = "ADM_DHCPScopesTable")]
    scopes: Option<&'a RawValue>,
}

/// A table's rows, each unparsed; `null` is absent.
fn rows<'a>(
    name: &str,
    raw: Option<&'a RawValue>,
    required: bool,
) -> Result<Option<Vec<&'a RawValue>>, Fault> {
    let Some(raw) = raw.filter(|r| r.get() != "null") else {
        return if required {
            Err(not_a_table(name, Shape::Undefined))
        } else {
            Ok(None)
        };
    };
    serde_json::from_str::<Vec<&RawValue>>(raw.get())
        .map(Some)
        .map_err(|_| {
            let shape = serde_json::from_str::<Value>(raw.get())
                .map(|v| json_shape(&v))
                .unwrap_or(Shape::Unreadable);
            not_a_table(name, shape)
        })
}

fn parse_row(table: &str, i: usize, raw: &RawValue) -> Result<Value, Fault> {
    serde_json::from_str(raw.get())
        .map_err(|e| Fault::invalid_table(format!("{table}[{i}] cannot be read: {e}")))
}

/// A row that must be an object with a valid RecordId: the id and the other fields.
fn keyed(table: &str, i: usize, raw: &RawValue) -> Result<(i64, Map<String, Value>), Fault> {
    let Value::Object(mut fields) = parse_row(table, i, raw)? else {
        let value = parse_row(table, i, raw)?;
        return Err(row_not_object(table, i, json_shape(&value)));
    };
    let id = read_id(
        table,
        i,
        "RecordId",
        &RawCell::Value(json_id(fields.get("RecordId"))),
    )?;
    fields.shift_remove("RecordId");
    Ok((id, fields))
}
