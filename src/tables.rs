//! The tables the delegates read and change: ADM_DhcpFailoverTable,
//! ADM_DhcpScopeFailoverTable and (optionally) ADM_DHCPScopesTable.
//!
//! Two forms share one set of validation rules ([`read_id`]):
//! - [`PairColumns`]: just the id columns, read in bulk by the binding for the stateless
//!   `addScopes`, which then appends to the caller's own arrays;
//! - [`Tables`]: owned rows with every other field kept as JSON, for native callers and the
//!   resident working copy.

use rustc_hash::{FxHashMap, FxHashSet};

use serde_json::{Map, Value};

use crate::fault::Fault;
use crate::raw::{RawId, Shape};

/// ADM_DhcpFailoverTable (MS-IPAMM2 3.1.1.1.44).
pub const FAILOVER_TABLE: &str = "ADM_DhcpFailoverTable";
/// ADM_DhcpScopeFailoverTable (MS-IPAMM2 3.1.1.1.45).
pub const SCOPE_FAILOVER_TABLE: &str = "ADM_DhcpScopeFailoverTable";
/// ADM_DHCPScopesTable (MS-IPAMM2 3.1.1.1.13).
pub const SCOPES_TABLE: &str = "ADM_DHCPScopesTable";

/// One cell of an id column as the binding read it.
#[derive(Debug, Clone, PartialEq)]
pub enum RawCell {
    /// The row itself is not an object.
    RowNotObject(Shape),
    /// The row is an object; the value of the column.
    Value(RawId),
}

/// The fault for a row that is not an object.
pub fn row_not_object(table: &str, row: usize, shape: Shape) -> Fault {
    Fault::invalid_table(format!("{table}[{row}] must be an object; got {shape}"))
}

/// Checks one required id cell: `table[row].column` must be a valid id.
pub fn read_id(table: &str, row: usize, column: &str, cell: &RawCell) -> Result<i64, Fault> {
    match cell {
        RawCell::RowNotObject(shape) => Err(row_not_object(table, row, *shape)),
        RawCell::Value(RawId::Other(Shape::Undefined)) => Err(Fault::invalid_table(format!(
            "{table}[{row}] has no {column}"
        ))),
        RawCell::Value(raw) => raw
            .to_id()
            .map_err(|why| Fault::invalid_table(format!("{table}[{row}].{column}: {why}"))),
    }
}

/// The fault for a table that is missing or not an array.
pub fn not_a_table(table: &str, shape: Shape) -> Fault {
    if shape == Shape::Undefined {
        Fault::invalid_table(format!("the tables have no {table} array"))
    } else {
        Fault::invalid_table(format!("{table} must be an array of rows; got {shape}"))
    }
}

/// The fault for tables that are not an object.
pub fn not_tables(shape: Shape) -> Fault {
    Fault::invalid_table(format!(
        "the tables must be an object holding {FAILOVER_TABLE} and {SCOPE_FAILOVER_TABLE} arrays; got {shape}"
    ))
}

/// Refuses a RecordId column in which an id repeats: RecordId is the primary key.
pub fn check_unique(table: &str, ids: &[i64]) -> Result<(), Fault> {
    let mut first = FxHashMap::default();
    first.reserve(ids.len());
    for (row, id) in ids.iter().enumerate() {
        if let Some(earlier) = first.insert(*id, row) {
            return Err(Fault::invalid_table(format!(
                "{table}: RecordId {id} appears in rows {earlier} and {row}; RecordId is the primary key"
            )));
        }
    }
    Ok(())
}

/// A scope staged for an operation: its id, and where it first stands in the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Staged {
    /// The scope's RecordId.
    pub scope_id: i64,
    /// Its first position in the request's `ScopeIds`.
    pub request_index: usize,
}

/// What the add delegate needs from the tables.
pub trait FailoverTables {
    /// The position of the ADM_DhcpFailoverTable row whose RecordId is `record_id`.
    fn failover_position(&self, record_id: i64) -> Option<usize>;
    /// For each of `scope_ids` (distinct), whether ADM_DhcpScopeFailoverTable has a row with
    /// exactly that (ScopeId, `relation_id`) pair. One call per operation, so a table that
    /// must be scanned is scanned once.
    fn present(&mut self, relation_id: i64, scope_ids: &[i64]) -> Vec<bool>;
    /// Whether `present` costs in proportion to the ids it is given (the tables are
    /// indexed), so that asking a chunk at a time costs no more than asking once.
    fn indexed(&self) -> bool {
        false
    }
    /// Whether ADM_DhcpScopeFailoverTable has a row with exactly this pair.
    fn has_pair(&mut self, scope_id: i64, relation_id: i64) -> bool {
        self.present(relation_id, &[scope_id])[0]
    }
    /// Appends `{ ScopeId, FailoverRelationId }` rows, in order. Called once, last, after
    /// everything was checked. Owned tables cannot fail here; a caller's JavaScript array
    /// can refuse (frozen, a throwing Proxy), and then nothing must have been appended.
    fn append_pairs(&mut self, relation_id: i64, added: &[Staged]) -> Result<(), Fault>;
}

/// What the remove delegate needs from the tables: rows that can be found by scope and
/// taken out of their slots, so a removal can be undone exactly.
pub trait RemovableTables: FailoverTables {
    /// The slots of live rows holding `scope_id` (in `relation_id`, when given), ascending.
    fn matching(&self, scope_id: i64, relation_id: Option<i64>) -> Vec<usize>;
    /// Empties a slot, returning its row.
    fn take(&mut self, slot: usize) -> Option<ScopeFailoverRow>;
}

impl<T: FailoverTables + ?Sized> FailoverTables for &mut T {
    fn failover_position(&self, record_id: i64) -> Option<usize> {
        (**self).failover_position(record_id)
    }
    fn present(&mut self, relation_id: i64, scope_ids: &[i64]) -> Vec<bool> {
        (**self).present(relation_id, scope_ids)
    }
    fn indexed(&self) -> bool {
        (**self).indexed()
    }
    fn append_pairs(&mut self, relation_id: i64, added: &[Staged]) -> Result<(), Fault> {
        (**self).append_pairs(relation_id, added)
    }
}

/// The id columns of the two required tables, validated. A query indexes the requested
/// scopes and scans the table once.
#[derive(Debug, Default, Clone)]
pub struct PairColumns {
    failover_ids: Vec<i64>,
    scope_ids: Vec<i64>,
    relation_ids: Vec<i64>,
}

impl PairColumns {
    /// Checks the columns and keeps them. `scope_ids` and `relation_ids` are the two
    /// columns of ADM_DhcpScopeFailoverTable, row by row.
    pub fn new(
        failover_ids: Vec<i64>,
        scope_ids: Vec<i64>,
        relation_ids: Vec<i64>,
    ) -> Result<PairColumns, Fault> {
        check_unique(FAILOVER_TABLE, &failover_ids)?;
        if scope_ids.len() != relation_ids.len() {
            return Err(Fault::invalid_table(format!(
                "{SCOPE_FAILOVER_TABLE}: {} ScopeIds but {} FailoverRelationIds",
                scope_ids.len(),
                relation_ids.len()
            )));
        }
        Ok(PairColumns {
            failover_ids,
            scope_ids,
            relation_ids,
        })
    }

    /// The number of ADM_DhcpScopeFailoverTable rows.
    pub fn pair_count(&self) -> usize {
        self.scope_ids.len()
    }
}

impl FailoverTables for PairColumns {
    fn failover_position(&self, record_id: i64) -> Option<usize> {
        self.failover_ids.iter().position(|id| *id == record_id)
    }

    fn present(&mut self, relation_id: i64, scope_ids: &[i64]) -> Vec<bool> {
        let mut wanted = FxHashMap::default();
        wanted.reserve(scope_ids.len());
        wanted.extend(scope_ids.iter().enumerate().map(|(k, s)| (*s, k)));
        let mut out = vec![false; scope_ids.len()];
        for (scope, relation) in self.scope_ids.iter().zip(&self.relation_ids) {
            if *relation == relation_id {
                if let Some(k) = wanted.get(scope) {
                    out[*k] = true;
                }
            }
        }
        out
    }

    fn append_pairs(&mut self, relation_id: i64, added: &[Staged]) -> Result<(), Fault> {
        for staged in added {
            self.scope_ids.push(staged.scope_id);
            self.relation_ids.push(relation_id);
        }
        Ok(())
    }
}

/// A row of ADM_DhcpFailoverTable: its RecordId and every other field as given.
#[derive(Debug, Clone, PartialEq)]
pub struct FailoverRow {
    /// RecordId, the primary key.
    pub record_id: i64,
    /// The other fields (RelationshipName, Mode, Server1RecordId...), kept as given.
    pub fields: Map<String, Value>,
}

/// A row of ADM_DhcpScopeFailoverTable.
#[derive(Debug, Clone, PartialEq)]
pub struct ScopeFailoverRow {
    /// ScopeId: the RecordId of the scope in ADM_DHCPScopesTable.
    pub scope_id: i64,
    /// FailoverRelationId: the RecordId of the relationship in ADM_DhcpFailoverTable.
    pub relation_id: i64,
    /// Any other fields, left alone.
    pub extra: Map<String, Value>,
}

/// A row of ADM_DHCPScopesTable.
#[derive(Debug, Clone, PartialEq)]
pub struct ScopeRow {
    /// RecordId, the primary key.
    pub record_id: i64,
    /// The other fields (ScopeId as IPv4 text, ScopeName, server ids...), kept as given.
    pub fields: Map<String, Value>,
}

/// The three tables, owned.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tables {
    /// ADM_DhcpFailoverTable.
    pub failovers: Vec<FailoverRow>,
    /// ADM_DhcpScopeFailoverTable.
    pub scope_failovers: Vec<ScopeFailoverRow>,
    /// ADM_DHCPScopesTable, when given.
    pub scopes: Option<Vec<ScopeRow>>,
}

/// The shape of a JSON value, in JavaScript's terms.
pub fn json_shape(value: &Value) -> Shape {
    match value {
        Value::Null => Shape::Null,
        Value::Bool(_) => Shape::Boolean,
        Value::Number(_) => Shape::Number,
        Value::String(_) => Shape::String,
        Value::Array(_) => Shape::Array,
        Value::Object(_) => Shape::Object,
    }
}

/// A JSON value read as an id. JSON integers are exact, so any that fits in 64 bits counts.
pub fn json_id(value: Option<&Value>) -> RawId {
    match value {
        None => RawId::Other(Shape::Undefined),
        Some(Value::Number(n)) => match (n.as_i64(), n.as_f64()) {
            (Some(v), _) => RawId::BigInt(Ok(v)),
            (None, _) if n.is_u64() => RawId::BigInt(Err(n.to_string())),
            (None, Some(f)) => RawId::Number(f),
            (None, None) => RawId::Other(Shape::Number),
        },
        Some(Value::String(s)) => RawId::Text(s.clone()),
        Some(other) => RawId::Other(json_shape(other)),
    }
}

/// Writes an id as JSON.
pub fn id_json(id: i64) -> Value {
    Value::from(id)
}

impl Tables {
    /// Reads and checks tables given as JSON (the same shapes `addScopes` takes).
    pub fn from_json(value: &Value) -> Result<Tables, Fault> {
        let Value::Object(tables) = value else {
            return Err(not_tables(json_shape(value)));
        };
        let rows = |name: &str, required: bool| -> Result<Option<&Vec<Value>>, Fault> {
            match tables.get(name) {
                Some(Value::Array(rows)) => Ok(Some(rows)),
                None | Some(Value::Null) if !required => Ok(None),
                None => Err(not_a_table(name, Shape::Undefined)),
                Some(other) => Err(not_a_table(name, json_shape(other))),
            }
        };
        let failover_rows = rows(FAILOVER_TABLE, true)?.unwrap_or(&EMPTY);
        let pair_rows = rows(SCOPE_FAILOVER_TABLE, true)?.unwrap_or(&EMPTY);
        let scope_rows = rows(SCOPES_TABLE, false)?;

        let failovers = keyed_rows(FAILOVER_TABLE, failover_rows)?
            .into_iter()
            .map(|(record_id, fields)| FailoverRow { record_id, fields })
            .collect::<Vec<_>>();
        check_unique(
            FAILOVER_TABLE,
            &failovers.iter().map(|r| r.record_id).collect::<Vec<_>>(),
        )?;
        let scopes = match scope_rows {
            None => None,
            Some(rows) => {
                let scopes = keyed_rows(SCOPES_TABLE, rows)?
                    .into_iter()
                    .map(|(record_id, fields)| ScopeRow { record_id, fields })
                    .collect::<Vec<_>>();
                check_unique(
                    SCOPES_TABLE,
                    &scopes.iter().map(|r| r.record_id).collect::<Vec<_>>(),
                )?;
                Some(scopes)
            }
        };
        let scope_failovers = pair_rows
            .iter()
            .enumerate()
            .map(|(i, row)| pair_row(SCOPE_FAILOVER_TABLE, i, row))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Tables {
            failovers,
            scope_failovers,
            scopes,
        })
    }

    /// Reads and checks tables given as JSON text. Text that is not JSON is refused with
    /// INVALID_TABLE naming the line and column.
    pub fn from_text(text: &str) -> Result<Tables, Fault> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: Value = serde_json::from_str(text)
            .map_err(|e| Fault::invalid_table(format!("the tables are not valid JSON: {e}")))?;
        Tables::from_json(&value)
    }

    /// The tables as JSON, in the shape [`Tables::from_json`] reads.
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        out.insert(
            FAILOVER_TABLE.into(),
            self.failovers
                .iter()
                .map(|r| keyed_json(r.record_id, &r.fields))
                .collect(),
        );
        out.insert(
            SCOPE_FAILOVER_TABLE.into(),
            self.scope_failovers.iter().map(pair_json).collect(),
        );
        if let Some(scopes) = &self.scopes {
            out.insert(
                SCOPES_TABLE.into(),
                scopes
                    .iter()
                    .map(|r| keyed_json(r.record_id, &r.fields))
                    .collect(),
            );
        }
        Value::Object(out)
    }
}

static EMPTY: Vec<Value> = Vec::new();

/// Scope-failover rows from two id columns and the other fields of the few rows that
/// have any (by row number, ascending; the rest get none).
pub fn rows_from_columns<'a>(
    scope_ids: &'a [i64],
    relation_ids: &'a [i64],
    extras: Vec<(usize, Map<String, Value>)>,
) -> impl Iterator<Item = ScopeFailoverRow> + 'a {
    let mut extras = extras.into_iter().peekable();
    scope_ids
        .iter()
        .zip(relation_ids)
        .enumerate()
        .map(move |(i, (scope_id, relation_id))| ScopeFailoverRow {
            scope_id: *scope_id,
            relation_id: *relation_id,
            extra: extras
                .next_if(|(at, _)| *at == i)
                .map(|(_, fields)| fields)
                .unwrap_or_default(),
        })
}

/// Reads one scope-failover row given as JSON; `table[row]` names it in faults.
pub fn pair_row(table: &str, row: usize, value: &Value) -> Result<ScopeFailoverRow, Fault> {
    let Value::Object(fields) = value else {
        return Err(row_not_object(table, row, json_shape(value)));
    };
    let id = |key: &str| read_id(table, row, key, &RawCell::Value(json_id(fields.get(key))));
    let scope_id = id("ScopeId")?;
    let relation_id = id("FailoverRelationId")?;
    let mut extra = fields.clone();
    extra.shift_remove("ScopeId");
    extra.shift_remove("FailoverRelationId");
    Ok(ScopeFailoverRow {
        scope_id,
        relation_id,
        extra,
    })
}

/// A row's RecordId and its other fields.
type Keyed = (i64, Map<String, Value>);

/// Rows that must be objects with a valid RecordId; returns each id and the other fields.
fn keyed_rows(table: &str, rows: &[Value]) -> Result<Vec<Keyed>, Fault> {
    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            let Value::Object(fields) = row else {
                return Err(row_not_object(table, i, json_shape(row)));
            };
            let id = read_id(
                table,
                i,
                "RecordId",
                &RawCell::Value(json_id(fields.get("RecordId"))),
            )?;
            let mut fields = fields.clone();
            fields.shift_remove("RecordId");
            Ok((id, fields))
        })
        .collect()
}

/// A row with a RecordId as JSON: the id first, then its other fields in order.
pub fn keyed_json(record_id: i64, fields: &Map<String, Value>) -> Value {
    let mut row = Map::with_capacity(fields.len() + 1);
    row.insert("RecordId".into(), id_json(record_id));
    row.extend(fields.iter().map(|(k, v)| (k.clone(), v.clone())));
    Value::Object(row)
}

/// A scope-failover row as JSON.
pub fn pair_json(row: &ScopeFailoverRow) -> Value {
    let mut out = Map::with_capacity(row.extra.len() + 2);
    out.insert("ScopeId".into(), id_json(row.scope_id));
    out.insert("FailoverRelationId".into(), id_json(row.relation_id));
    out.extend(row.extra.iter().map(|(k, v)| (k.clone(), v.clone())));
    Value::Object(out)
}

impl FailoverTables for Tables {
    fn failover_position(&self, record_id: i64) -> Option<usize> {
        self.failovers.iter().position(|r| r.record_id == record_id)
    }

    fn present(&mut self, relation_id: i64, scope_ids: &[i64]) -> Vec<bool> {
        let scopes: FxHashSet<i64> = self
            .scope_failovers
            .iter()
            .filter(|r| r.relation_id == relation_id)
            .map(|r| r.scope_id)
            .collect();
        scope_ids.iter().map(|s| scopes.contains(s)).collect()
    }

    fn append_pairs(&mut self, relation_id: i64, added: &[Staged]) -> Result<(), Fault> {
        self.scope_failovers
            .extend(added.iter().map(|s| ScopeFailoverRow {
                scope_id: s.scope_id,
                relation_id,
                extra: Map::new(),
            }));
        Ok(())
    }
}

/// A text field of a row, if it is a non-empty string.
pub fn text_field<'a>(fields: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    fields
        .get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

/// An id field of a row, if it is an integer.
pub fn id_field(fields: &Map<String, Value>, key: &str) -> Option<i64> {
    fields.get(key).and_then(Value::as_i64)
}
