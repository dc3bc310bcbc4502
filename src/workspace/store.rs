//! The working copy's tables, indexed so each operation costs in proportion to the scope
//! ids it is given, not to the size of the tables.
//!
//! ADM_DhcpScopeFailoverTable rows live in slots (columns, see `slots.rs`); a removed row
//! leaves an empty slot, so undoing the removal puts it back exactly where it was, and
//! `tables()` keeps row order.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde_json::{Map, Value};

use super::id_index::IdIndex;
use super::slots::Slots;
use crate::fault::Fault;
use crate::tables::{
    FailoverRow, FailoverTables, RemovableTables, ScopeFailoverRow, ScopeRow, Staged, Tables,
};

/// ADM_DHCPScopesTable, kept compact: each row's fields other than RecordId as JSON text,
/// the rows' texts one after another in one string, parsed again only for the few rows an
/// operation looks at (what the page lists lives in the view's columns).
#[derive(Debug, Clone, Default)]
pub(crate) struct ScopeRows {
    pub(super) ids: Vec<i64>,
    /// Where each row's text ends in `text`.
    pub(super) ends: Vec<usize>,
    pub(super) text: String,
}

impl ScopeRows {
    /// Room for `n` rows.
    pub fn with_capacity(n: usize) -> ScopeRows {
        ScopeRows {
            ids: Vec::with_capacity(n),
            ends: Vec::with_capacity(n),
            text: String::new(),
        }
    }

    /// Appends a row.
    pub fn push(&mut self, record_id: i64, fields: &Map<String, Value>) {
        self.push_text(record_id, &Value::Object(fields.clone()).to_string());
    }

    /// Appends a row given as its JSON object text (its RecordId key may be in it).
    pub fn push_text(&mut self, record_id: i64, text: &str) {
        self.ids.push(record_id);
        self.text.push_str(text);
        self.ends.push(self.text.len());
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Row `i`'s text.
    fn text_of(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start..end)
    }

    /// Appends row `i` to `out` as JSON text. The stored text is copied as it is when it
    /// plainly holds its own RecordId member (one flat object, no escapes, one
    /// `"RecordId":`), or gets `"RecordId":N` put first when it plainly holds none; any
    /// other row is parsed and written again. What a snapshot of many rows needs.
    pub fn write_row(&self, i: usize, out: &mut String) {
        let (Some(id), Some(text)) = (self.ids.get(i), self.text_of(i)) else {
            return;
        };
        let flat = text.starts_with('{')
            && text.ends_with('}')
            && !text.contains('\\')
            && text.matches('{').count() == 1;
        // Quoted: "DHCPServerRecordId" is another key; a string holding a quote would escape it.
        match text.matches("\"RecordId\"").count() {
            1 if flat && text.contains("\"RecordId\":") => out.push_str(text),
            0 if flat => {
                out.push_str("{\"RecordId\":");
                out.push_str(&id.to_string());
                if text.len() > 2 {
                    out.push(',');
                }
                out.push_str(&text[1..]);
            }
            _ => {
                if let Some(row) = self.row(i) {
                    out.push_str(
                        &crate::tables::keyed_json(row.record_id, &row.fields).to_string(),
                    );
                }
            }
        }
    }

    /// Row `i` with only the fields named in `keys` parsed (the others are skipped, not
    /// built): what a check of many rows needs. Same values as [`ScopeRows::row`].
    pub fn row_with(&self, i: usize, keys: &[&str]) -> Option<ScopeRow> {
        let text = self.text_of(i)?;
        let mut reader = serde_json::Deserializer::from_str(text);
        match serde::de::DeserializeSeed::deserialize(Only(keys), &mut reader) {
            Ok(fields) => Some(ScopeRow {
                record_id: self.ids[i],
                fields,
            }),
            // A key with escapes cannot be borrowed: read the row whole.
            Err(_) => self.row(i).map(|mut row| {
                row.fields.retain(|k, _| keys.contains(&k.as_str()));
                row
            }),
        }
    }

    /// Row `i`, its fields parsed.
    pub fn row(&self, i: usize) -> Option<ScopeRow> {
        let mut fields = match serde_json::from_str(self.text_of(i)?) {
            Ok(Value::Object(fields)) => fields,
            _ => Map::new(),
        };
        fields.shift_remove("RecordId");
        Some(ScopeRow {
            record_id: self.ids[i],
            fields,
        })
    }
}

/// Reads a JSON object keeping only the members named (keys borrowed from the text).
struct Only<'k>(&'k [&'k str]);

impl<'de> serde::de::DeserializeSeed<'de> for Only<'_> {
    type Value = Map<String, Value>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Only<'_> {
    type Value = Map<String, Value>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<&'de str>()? {
            if self.0.contains(&key) {
                out.insert(key.to_owned(), map.next_value()?);
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        Ok(out)
    }
}

/// The indexed tables of a working copy.
/// How many times each id occurs. Relationship ids are database identities, so they mostly
/// fill a short range: counted in an array then, without a hash per row.
fn count_ids(ids: &[i64]) -> HashMap<i64, usize> {
    const SHORT: i128 = 1 << 16;
    let (Some(low), Some(high)) = (ids.iter().min(), ids.iter().max()) else {
        return HashMap::default();
    };
    let mut out = HashMap::default();
    if (*high as i128 - *low as i128) < SHORT {
        let mut counts = vec![0usize; (*high - *low) as usize + 1];
        for id in ids {
            counts[(*id - *low) as usize] += 1;
        }
        for (offset, count) in counts.into_iter().enumerate() {
            if count > 0 {
                out.insert(*low + offset as i64, count);
            }
        }
    } else {
        for id in ids {
            *out.entry(*id).or_default() += 1;
        }
    }
    out
}

#[derive(Debug, Clone, Default)]
pub struct Store {
    pub(super) failovers: Vec<FailoverRow>,
    pub(super) failover_index: HashMap<i64, usize>,
    pub(super) scopes: Option<ScopeRows>,
    pub(super) scope_index: IdIndex,
    /// (server RecordId, IPv4 address) of every scope row: the partner check.
    pub(super) hosted: HashSet<(i64, u32)>,
    pub(super) slots: Slots,
    pub(super) delta: HashMap<(i64, i64), i64>,
    /// Live rows per relationship.
    pub(super) members: HashMap<i64, usize>,
    /// Per relationship: pairs with more rows than loaded (added) and fewer (removed).
    pub(super) pending: HashMap<i64, (usize, usize)>,
    /// Rows come and gone since the tally last read them: (scope, relationship, +1 or -1).
    /// Kept only while a tally exists (`Some`).
    pub(super) log: Option<Vec<(i64, i64, i64)>>,
}

impl Store {
    /// Indexes checked tables (from [`Tables::from_json`] or the binding's reader).
    pub fn new(tables: Tables) -> Store {
        super::build::Builder::from_tables(tables).0
    }

    /// Takes ADM_DhcpScopeFailoverTable as two id columns and the few rows' other fields
    /// (by row number, ascending), in place of any rows it had: the columns become the
    /// slots as they are, and each relationship's members are counted.
    pub(super) fn load_pairs(
        &mut self,
        scope_ids: Vec<i64>,
        relation_ids: Vec<i64>,
        extras: Vec<(usize, Map<String, Value>)>,
    ) {
        self.slots = Slots::from_columns(scope_ids, relation_ids, extras);
        self.members = count_ids(self.slots.relation_column());
    }

    /// The working tables, in the shape they were loaded in.
    pub fn tables(&self) -> Tables {
        Tables {
            failovers: self.failovers.clone(),
            scope_failovers: self.slots.rows().collect(),
            scopes: self.scope_rows().map(Iterator::collect),
        }
    }

    /// The live scope-failover rows, in table order.
    pub fn pairs(&self) -> impl Iterator<Item = ScopeFailoverRow> + '_ {
        self.slots.rows()
    }

    /// The live scope-failover rows in table order, borrowed: (scope id, relationship id,
    /// the row's other fields if it has any).
    pub fn pair_columns(
        &self,
    ) -> impl Iterator<Item = (i64, i64, Option<&Map<String, Value>>)> + '_ {
        self.slots.columns()
    }

    /// The scope id of every live scope-failover row, in table order.
    pub fn paired_scope_ids(&self) -> impl Iterator<Item = i64> + Clone + '_ {
        self.slots.scope_ids()
    }

    /// The relationship with this RecordId.
    pub fn failover(&self, record_id: i64) -> Option<&FailoverRow> {
        self.failover_index
            .get(&record_id)
            .map(|i| &self.failovers[*i])
    }

    /// The relationships, in table order.
    pub fn failovers(&self) -> &[FailoverRow] {
        &self.failovers
    }

    /// ADM_DHCPScopesTable's rows, when given, each parsed as it is reached.
    pub fn scope_rows(&self) -> Option<impl Iterator<Item = ScopeRow> + '_> {
        let scopes = self.scopes.as_ref()?;
        Some((0..scopes.len()).filter_map(|i| scopes.row(i)))
    }

    /// The scope with this RecordId in ADM_DHCPScopesTable, with only the fields named in
    /// `keys` parsed.
    pub fn scope_with(&self, record_id: i64, keys: &[&str]) -> Option<ScopeRow> {
        let scopes = self.scopes.as_ref()?;
        self.scope_index
            .get(record_id)
            .and_then(|i| scopes.row_with(i as usize, keys))
    }

    /// ADM_DHCPScopesTable as a JSON array, each row as [`ScopeRows::write_row`] writes
    /// it; `None` when the table was not given.
    pub fn scope_rows_json(&self) -> Option<String> {
        let scopes = self.scopes.as_ref()?;
        let mut out = String::with_capacity(scopes.text.len() + 24 * scopes.len() + 2);
        out.push('[');
        for i in 0..scopes.len() {
            if i > 0 {
                out.push(',');
            }
            scopes.write_row(i, &mut out);
        }
        out.push(']');
        Some(out)
    }

    /// Whether ADM_DHCPScopesTable has a scope with this IPv4 address on this server.
    pub fn hosts(&self, server: i64, address: u32) -> bool {
        self.hosted.contains(&(server, address))
    }

    /// Whether ADM_DHCPScopesTable was given.
    pub fn has_scopes_table(&self) -> bool {
        self.scopes.is_some()
    }

    /// The scope with this RecordId in ADM_DHCPScopesTable, its fields parsed.
    pub fn scope(&self, record_id: i64) -> Option<ScopeRow> {
        let scopes = self.scopes.as_ref()?;
        self.scope_index
            .get(record_id)
            .and_then(|i| scopes.row(i as usize))
    }

    /// The relationship of each live row of a scope, in no particular order (one per row:
    /// a relationship can repeat), read without building the rows: what a count of every
    /// scope needs.
    pub fn relation_ids(&self, scope_id: i64) -> impl Iterator<Item = i64> + '_ {
        self.slots
            .of_scope(scope_id)
            .map(|slot| self.slots.relation_at(slot))
    }

    /// The relationships a scope is in, per the live rows.
    pub fn relations_of(&self, scope_id: i64) -> Vec<i64> {
        // A row's relationship read alone, not the row with its other fields.
        let mut out: Vec<i64> = self
            .matching(scope_id, None)
            .into_iter()
            .map(|slot| self.slots.relation_at(slot))
            .collect();
        out.dedup();
        out
    }

    /// Whether a live row holds `scope_id` (in `relation_id`, when given).
    pub fn is_member(&self, scope_id: i64, relation_id: Option<i64>) -> bool {
        self.slots.holds(scope_id, relation_id)
    }

    /// How many live rows a relationship has; kept as rows come and go.
    pub fn member_count(&self, relation_id: i64) -> usize {
        self.members.get(&relation_id).copied().unwrap_or(0)
    }

    /// A relationship's pending pairs: (added, removed); kept as changes happen.
    pub fn pending_count(&self, relation_id: i64) -> (usize, usize) {
        self.pending.get(&relation_id).copied().unwrap_or((0, 0))
    }

    /// The slots of live rows holding `scope_id` (in `relation_id`, when given), ascending.
    pub fn matching(&self, scope_id: i64, relation_id: Option<i64>) -> Vec<usize> {
        let slots: Vec<usize> = self.slots.of_pair(scope_id, relation_id).collect();
        if slots.len() < 2 {
            return slots;
        }
        super::sort::sorted_by(slots, |slot| (*slot as i64, 0))
    }

    /// The number of slots, live or empty: where the next appended row goes.
    pub fn slot_count(&self) -> usize {
        self.slots.len()
    }

    /// The row in a slot, if live.
    pub fn slot(&self, slot: usize) -> Option<ScopeFailoverRow> {
        self.slots.get(slot)
    }

    /// Appends rows at the end.
    pub fn append(&mut self, rows: impl IntoIterator<Item = ScopeFailoverRow>) {
        for row in rows {
            self.count(&row, 1);
            self.slots.push(row);
        }
    }

    /// Drops every slot from `start` on (undoing an append; later changes were undone first).
    pub fn truncate(&mut self, start: usize) {
        while self.slots.len() > start {
            if let Some(row) = self.slots.pop() {
                self.count(&row, -1);
            }
        }
    }

    /// Empties a slot, returning its row.
    pub fn take(&mut self, slot: usize) -> Option<ScopeFailoverRow> {
        let row = self.slots.empty(slot)?;
        self.count(&row, -1);
        Some(row)
    }

    /// Puts a row back into an empty slot (undoing a removal).
    pub fn put(&mut self, slot: usize, row: ScopeFailoverRow) {
        if slot < self.slots.len() && self.slots.get(slot).is_none() {
            self.count(&row, 1);
            self.slots.fill(slot, row);
        }
    }

    /// How each pair's row count differs from the loaded tables (non-zero entries only).
    pub fn delta(&self) -> impl Iterator<Item = ((i64, i64), i64)> + '_ {
        self.delta.iter().map(|(k, v)| (*k, *v))
    }

    /// The number of live rows pairing `scope_id` with `relation_id`.
    pub fn pair_rows(&self, scope_id: i64, relation_id: i64) -> usize {
        self.slots.of_pair(scope_id, Some(relation_id)).count()
    }

    fn count(&mut self, row: &ScopeFailoverRow, by: i64) {
        let key = (row.scope_id, row.relation_id);
        if let Some(log) = &mut self.log {
            log.push((row.scope_id, row.relation_id, by));
        }
        let entry = self.delta.entry(key).or_insert(0);
        let before = *entry;
        *entry += by;
        let after = *entry;
        if after == 0 {
            self.delta.remove(&key);
        }
        let pending = self.pending.entry(row.relation_id).or_default();
        for (value, up) in [(before, false), (after, true)] {
            let slot = match value.signum() {
                1 => &mut pending.0,
                -1 => &mut pending.1,
                _ => continue,
            };
            *slot = if up {
                *slot + 1
            } else {
                slot.saturating_sub(1)
            };
        }
        let members = self.members.entry(row.relation_id).or_default();
        *members = if by > 0 {
            *members + 1
        } else {
            members.saturating_sub(1)
        };
    }
}

impl FailoverTables for Store {
    fn failover_position(&self, record_id: i64) -> Option<usize> {
        self.failover_index.get(&record_id).copied()
    }

    fn present(&mut self, relation_id: i64, scope_ids: &[i64]) -> Vec<bool> {
        scope_ids
            .iter()
            .map(|scope_id| self.slots.holds(*scope_id, Some(relation_id)))
            .collect()
    }

    fn indexed(&self) -> bool {
        true
    }

    fn append_pairs(&mut self, relation_id: i64, added: &[Staged]) -> Result<(), Fault> {
        self.append(added.iter().map(|s| ScopeFailoverRow {
            scope_id: s.scope_id,
            relation_id,
            extra: Default::default(),
        }));
        Ok(())
    }
}

impl RemovableTables for Store {
    fn matching(&self, scope_id: i64, relation_id: Option<i64>) -> Vec<usize> {
        Store::matching(self, scope_id, relation_id)
    }

    fn take(&mut self, slot: usize) -> Option<ScopeFailoverRow> {
        Store::take(self, slot)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_with_some_fields_reads_them_as_the_whole_row_does() {
        let mut rows = ScopeRows::default();
        let text = r#"{"ScopeId":"10.0.0.0","Nested":{"a":[1,{"b":"}"}]},"DHCPServerRecordId":7,"Esc\u0061ped":1,"ScopeId":"10.0.0.1"}"#;
        rows.push_text(1, text);
        rows.push_text(2, r#"{"Sc\u006fpeId":"10.9.0.0","DHCPServerRecordId":"8"}"#);
        rows.push_text(3, "not json");
        let keys = ["ScopeId", "DHCPServerRecordId", "Missing"];
        for i in 0..2 {
            let mut whole = rows.row(i).unwrap();
            whole.fields.retain(|k, _| keys.contains(&k.as_str()));
            assert_eq!(rows.row_with(i, &keys).unwrap(), whole, "row {i}");
        }
        let first = rows.row_with(0, &keys).unwrap();
        assert_eq!(
            first.fields["ScopeId"], "10.0.0.1",
            "the last of a repeated key, as the whole row"
        );
        assert_eq!(
            rows.row_with(1, &keys).unwrap().fields["ScopeId"],
            "10.9.0.0",
            "an escaped key"
        );
        assert!(
            rows.row_with(2, &keys).unwrap().fields.is_empty(),
            "unreadable: no fields, no panic"
        );
    }
}
