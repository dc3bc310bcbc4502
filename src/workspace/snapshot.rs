//! The serialised form of a working copy: the loaded tables, every recorded change, and
//! how many of them are applied. Loading replays the changes and checks each one, so a
//! damaged snapshot is refused (`INVALID_SNAPSHOT`) rather than half-read.

use serde_json::{json, Map, Value};

use crate::fault::{Fault, FaultCode};
use crate::tables::{pair_json, pair_row, Tables, SCOPES_TABLE, SCOPE_FAILOVER_TABLE};

use super::{Change, Store, Workspace};

/// The `format` field every snapshot carries.
pub const FORMAT: &str = "ipam-failover-workspace";
/// The snapshot version this code writes and reads.
pub const VERSION: u64 = 1;

fn bad(message: impl Into<String>) -> Fault {
    Fault::unstepped(
        FaultCode::InvalidSnapshot,
        format!("the saved working copy cannot be read: {}", message.into()),
    )
}

impl Workspace {
    /// The working copy as JSON text; [`Workspace::from_json`] reads it back exactly.
    ///
    /// The scope rows are written from the text they are kept as (not parsed and built
    /// again), so a snapshot of 100,000 scopes costs about the copying of their text.
    pub fn to_json(&self) -> String {
        let changes: Vec<Value> = self
            .done
            .iter()
            .chain(self.undone.iter().rev())
            .map(change_json)
            .collect();
        let base = self.baseline_slots();
        let pairs: Vec<Value> = base.rows().map(|p| pair_json(&p)).collect();
        let failovers = Tables {
            failovers: self.store.failovers().to_vec(),
            scope_failovers: Vec::new(),
            scopes: None,
        }
        .to_json();
        let mut tables = Map::new();
        if let Value::Object(mut f) = failovers {
            tables.append(&mut f);
        }
        tables.insert(SCOPE_FAILOVER_TABLE.into(), Value::Array(pairs));
        let mut tables = Value::Object(tables).to_string();
        if let Some(rows) = self.store.scope_rows_json() {
            tables.pop(); // the closing brace: the scopes table goes last
            tables.push_str(&format!(",{}:", Value::from(SCOPES_TABLE)));
            tables.push_str(&rows);
            tables.push('}');
        }
        let head = json!({ "format": FORMAT, "version": VERSION }).to_string();
        let tail = json!({ "changes": changes, "cursor": self.done.len() }).to_string();
        format!(
            "{},\"tables\":{},{}",
            &head[..head.len() - 1],
            tables,
            &tail[1..]
        )
    }

    /// Reads a working copy written by [`Workspace::to_json`].
    pub fn from_json(text: &str) -> Result<Workspace, Fault> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| bad(format!("it is not JSON ({e})")))?;
        let Value::Object(top) = value else {
            return Err(bad("it is not a JSON object"));
        };
        if top.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(bad(format!("its format is not {FORMAT:?}")));
        }
        match top.get("version").and_then(Value::as_u64) {
            Some(VERSION) => {}
            other => return Err(bad(format!("version {other:?} is not {VERSION}"))),
        }
        let tables = Tables::from_json(top.get("tables").unwrap_or(&Value::Null))
            .map_err(|f| bad(format!("its tables are malformed: {}", f.message())))?;
        let Some(Value::Array(changes)) = top.get("changes") else {
            return Err(bad("it has no list of changes"));
        };
        let cursor = top
            .get("cursor")
            .and_then(Value::as_u64)
            .filter(|c| *c as usize <= changes.len())
            .ok_or_else(|| bad("its cursor is missing or beyond its changes"))?;
        let mut ws = Workspace::new(tables);
        for (i, value) in changes.iter().enumerate() {
            let change =
                read_change(value, &ws.store).map_err(|m| bad(format!("change {i}: {m}")))?;
            change.apply(&mut ws.store);
            ws.after(&change);
            ws.done.push(change);
        }
        for _ in cursor as usize..changes.len() {
            ws.undo();
        }
        Ok(ws)
    }
}

fn change_json(change: &Change) -> Value {
    match change {
        Change::Add { start, rows } => json!({
            "op": "add",
            "start": start,
            "rows": rows.iter().map(pair_json).collect::<Vec<_>>(),
        }),
        Change::Remove { rows } => json!({
            "op": "remove",
            "rows": rows
                .iter()
                .map(|(slot, row)| json!({ "slot": slot, "row": pair_json(row) }))
                .collect::<Vec<_>>(),
        }),
    }
}

fn read_change(value: &Value, store: &Store) -> Result<Change, String> {
    let fields: &Map<String, Value> = value.as_object().ok_or("not an object")?;
    let rows = fields
        .get("rows")
        .and_then(Value::as_array)
        .ok_or("no rows")?;
    let row = |i: usize, v: &Value| pair_row("rows", i, v).map_err(|f| f.message().to_owned());
    match fields.get("op").and_then(Value::as_str) {
        Some("add") => {
            let start = fields
                .get("start")
                .and_then(Value::as_u64)
                .ok_or("no start")?;
            if start as usize != store.slot_count() {
                return Err(format!(
                    "it starts at row {start}, not {}",
                    store.slot_count()
                ));
            }
            let rows = rows
                .iter()
                .enumerate()
                .map(|(i, v)| row(i, v))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Change::Add {
                start: start as usize,
                rows,
            })
        }
        Some("remove") => {
            let mut out = Vec::with_capacity(rows.len());
            for (i, entry) in rows.iter().enumerate() {
                let slot = entry
                    .get("slot")
                    .and_then(Value::as_u64)
                    .ok_or_else(|| format!("rows[{i}] has no slot"))?
                    as usize;
                let removed = row(i, entry.get("row").unwrap_or(&Value::Null))?;
                if out.last().is_some_and(|(prev, _)| *prev >= slot) {
                    return Err(format!("rows[{i}] is not after the row before it"));
                }
                if store.slot(slot).as_ref() != Some(&removed) {
                    return Err(format!("rows[{i}] does not match row {slot} of the table"));
                }
                out.push((slot, removed));
            }
            Ok(Change::Remove { rows: out })
        }
        _ => Err("op is neither \"add\" nor \"remove\"".into()),
    }
}
