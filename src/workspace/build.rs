//! Building a working copy row by row: the store (compact scope rows, indices) and the
//! page's view together, from owned tables or straight from JSON text. From text, each row
//! is parsed, checked, kept compactly and dropped before the next, so a 300,000-scope file
//! never becomes a JSON tree in wasm memory (which, once grown, is never given back).

use std::net::Ipv4Addr;

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
    /// From owned text ([`Builder::from_string`]): the scope rows as places in that text,
    /// moved into place once the build is done instead of copied out row by row.
    spans: Option<Spans>,
}

/// Where the scope rows lie in the input text: row `i` runs from `starts[i]` to the
/// scope rows' `ends[i]` (which hold places in the input until the text is adopted).
struct Spans {
    /// The address of the input's first byte, to turn a row's text into its place.
    base: usize,
    starts: Vec<usize>,
}

impl Builder {
    /// `scopes`: how many scope rows there are, None without a scopes table. The pairs come
    /// later, as columns (`Store::load_pairs`).
    fn new(failovers: Vec<FailoverRow>, scopes: Option<usize>) -> Builder {
        let mut view = ScopeView::default();
        let listed = scopes.unwrap_or(0);
        view.reserve(listed);
        for row in &failovers {
            view.learn_servers(row);
        }
        let failover_index = failovers
            .iter()
            .enumerate()
            .map(|(i, r)| (r.record_id, i))
            .collect();
        let scope_index = super::id_index::IdIndex::default();
        let mut hosted = rustc_hash::FxHashSet::default();
        hosted.reserve(listed);
        Builder {
            store: Store {
                failovers,
                failover_index,
                scopes: scopes.map(ScopeRows::with_capacity),
                scope_index,
                hosted,
                ..Store::default()
            },
            view,
            spans: None,
        }
    }

    fn scope(
        &mut self,
        row: usize,
        record_id: i64,
        fields: &Map<String, Value>,
    ) -> Result<(), Fault> {
        let host = id_field(fields, "DHCPServerRecordId")
            .or_else(|| id_field(fields, "ParentDhcpServerRecordId"));
        let known = Known {
            address: text_field(fields, "ScopeId"),
            mask: text_field(fields, "SubnetMask"),
            name: text_field(fields, "ScopeName"),
            host,
        };
        self.scope_known(row, record_id, &known)?;
        if let Some(scopes) = self.store.scopes.as_mut() {
            scopes.push(record_id, fields);
        }
        Ok(())
    }

    /// The part of a scope row the indices and the view read.
    fn scope_known(&mut self, row: usize, record_id: i64, known: &Known) -> Result<(), Fault> {
        // Every row before this one was kept (a fault ends the build), so a row's place in
        // the scope rows is its row number: the index finds a repeated RecordId.
        if let Some(scopes) = self.store.scopes.as_ref() {
            if let Some(earlier) = self
                .store
                .scope_index
                .insert(record_id, scopes.len() as u32)
            {
                return Err(Fault::invalid_table(format!(
                    "{SCOPES_TABLE}: RecordId {record_id} appears in rows {earlier} and {row}; RecordId is the primary key"
                )));
            }
        }
        let address = known
            .address
            .and_then(|a| a.trim().parse::<Ipv4Addr>().ok());
        if let (Some(host), Some(address)) = (known.host, address) {
            self.store.hosted.insert((host, u32::from(address)));
        }
        self.view
            .push_scope(record_id, known.address, known.mask, known.name, known.host);
        Ok(())
    }

    /// A scope row from its text: the known fields read without building the row, the
    /// row kept as its text. Falls back to the full reader when the fast one is not sure
    /// (a field of an unexpected type, an escape, a repeated key), so faults stay the same.
    fn scope_text(&mut self, row: usize, raw: &RawValue, input: &str) -> Result<(), Fault> {
        let fast = serde_json::from_str::<ScopeText>(raw.get())
            .ok()
            .and_then(|t| {
                let record_id = plain_id(t.record_id).or_else(|| {
                    read_id(
                        SCOPES_TABLE,
                        row,
                        "RecordId",
                        &RawCell::Value(raw_id(t.record_id)),
                    )
                    .ok()
                })?;
                // As `id_field(..).or_else(..)`: the first that holds an integer.
                let host = match t.host.map_or(Some(None), small_id)? {
                    Some(h) => Some(h),
                    None => t.parent_host.map_or(Some(None), small_id)?,
                };
                let known = Known {
                    address: text(t.address)?,
                    mask: text(t.mask)?,
                    name: text(t.name)?,
                    host,
                };
                Some((record_id, known))
            });
        let Some((record_id, known)) = fast else {
            let (record_id, fields) = keyed(SCOPES_TABLE, row, raw)?;
            self.copy_spans(input);
            return self.scope(row, record_id, &fields);
        };
        self.scope_known(row, record_id, &known)?;
        if let Some(scopes) = self.store.scopes.as_mut() {
            let text = raw.get();
            match self.spans.as_mut() {
                Some(spans) => {
                    let start = (text.as_ptr() as usize).wrapping_sub(spans.base);
                    spans.starts.push(start);
                    scopes.ids.push(record_id);
                    scopes.ends.push(start + text.len());
                }
                None => scopes.push_text(record_id, &minified(text)),
            }
        }
        Ok(())
    }

    /// Leaves the rows kept so far as places in the input for copies of their text (a row
    /// that only the full reader can read is kept as its re-written text, which may be
    /// longer than where it lies, so it cannot be moved into place).
    fn copy_spans(&mut self, input: &str) {
        let (Some(spans), Some(scopes)) = (self.spans.take(), self.store.scopes.as_mut()) else {
            return;
        };
        let ends = std::mem::take(&mut scopes.ends);
        scopes.ends.reserve(ends.len());
        for (start, end) in spans.starts.into_iter().zip(ends) {
            scopes
                .text
                .push_str(&minified(input.get(start..end).unwrap_or_default()));
            scopes.ends.push(scopes.text.len());
        }
    }

    fn finish(mut self) -> (Store, ScopeView) {
        self.view.include(self.store.paired_scope_ids());
        (self.store, self.view)
    }

    /// From owned, checked tables (their scope-failover rows go in as columns).
    pub(super) fn from_tables(mut tables: Tables) -> (Store, ScopeView) {
        let pairs = std::mem::take(&mut tables.scope_failovers);
        let mut columns = PairColumns::with_capacity(pairs.len());
        for (i, row) in pairs.into_iter().enumerate() {
            columns.push(i, row);
        }
        Builder::from_columns(
            tables,
            columns.scope_ids,
            columns.relation_ids,
            columns.extras,
        )
    }

    /// From owned, checked tables whose scope-failover rows are given as two id columns
    /// of equal length (`tables.scope_failovers` is ignored) and the few rows' other
    /// fields, by row, ascending: no row is built for the others.
    pub(super) fn from_columns(
        tables: Tables,
        scope_ids: Vec<i64>,
        relation_ids: Vec<i64>,
        extras: Vec<(usize, Map<String, Value>)>,
    ) -> (Store, ScopeView) {
        let mut builder = Builder::new(tables.failovers, tables.scopes.as_ref().map(Vec::len));
        for (i, row) in tables.scopes.into_iter().flatten().enumerate() {
            // Owned tables were checked already: RecordIds are unique.
            let _ = builder.scope(i, row.record_id, &row.fields);
        }
        builder.store.load_pairs(scope_ids, relation_ids, extras);
        builder.finish()
    }

    /// From JSON text in the shape `addScopes` takes, with the same checks and faults as
    /// [`Tables::from_json`]; a syntax error names its line and column.
    pub(super) fn from_text(text: &str) -> Result<(Store, ScopeView), Fault> {
        Self::read_text(text, false).map(|b| b.finish())
    }

    /// As [`Builder::from_text`], taking the text: the scope rows' text is made in place
    /// from the rows as they lie in it (white space between tokens dropped, moved to the
    /// front), so a load needs no second copy of it.
    pub(super) fn from_string(text: String) -> Result<(Store, ScopeView), Fault> {
        let mut builder = Self::read_text(&text, true)?;
        if let (Some(spans), Some(scopes)) = (builder.spans.take(), builder.store.scopes.as_mut()) {
            adopt(scopes, text, &spans.starts);
        }
        Ok(builder.finish())
    }

    /// Reads the tables; with `spans`, the scope rows are left as places in `text`.
    fn read_text(text: &str, spans: bool) -> Result<Builder, Fault> {
        let input = text;
        let spans = spans.then(|| Spans {
            base: input.as_ptr() as usize,
            starts: Vec::new(),
        });
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let syntax = |e: serde_json::Error| {
            Fault::invalid_table(format!("the tables are not valid JSON: {e}"))
        };
        // Each table's rows in one pass; anything unusual (a table that is not an array, a
        // repeated key) takes the slower path below, which names the fault.
        if let Ok(top) = serde_json::from_str::<TopRows>(text) {
            return Builder::from_rows(top.failovers, top.pairs, top.scopes, input, spans);
        }
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
        Builder::from_rows(
            rows(FAILOVER_TABLE, top.failovers, true)?,
            rows(SCOPE_FAILOVER_TABLE, top.pairs, true)?,
            rows(SCOPES_TABLE, top.scopes, false)?,
            input,
            spans,
        )
    }

    /// From each table's rows, unparsed; None is a table that is absent or null.
    fn from_rows(
        failover_rows: Option<Vec<&RawValue>>,
        pair_rows: Option<Vec<&RawValue>>,
        scope_rows: Option<Vec<&RawValue>>,
        input: &str,
        spans: Option<Spans>,
    ) -> Result<Builder, Fault> {
        let Some(failover_rows) = failover_rows else {
            return Err(not_a_table(FAILOVER_TABLE, Shape::Undefined));
        };
        let Some(pair_rows) = pair_rows else {
            return Err(not_a_table(SCOPE_FAILOVER_TABLE, Shape::Undefined));
        };

        let mut failovers = Vec::with_capacity(failover_rows.len());
        for (i, raw) in failover_rows.iter().enumerate() {
            let (record_id, fields) = keyed(FAILOVER_TABLE, i, raw)?;
            failovers.push(FailoverRow { record_id, fields });
        }
        check_unique(
            FAILOVER_TABLE,
            &failovers.iter().map(|r| r.record_id).collect::<Vec<_>>(),
        )?;
        // The pairs are read into columns and become the slots at the end (`load_pairs`).
        let mut builder = Builder::new(failovers, scope_rows.as_ref().map(Vec::len));
        if let (Some(rows), Some(scopes)) = (&scope_rows, builder.store.scopes.as_mut()) {
            match spans {
                Some(mut spans) => {
                    spans.starts.reserve_exact(rows.len());
                    builder.spans = Some(spans);
                }
                // Room for every row's text at once (minified, it is no longer): a string
                // grown by doubling would hold up to twice it for a moment.
                None => scopes
                    .text
                    .reserve_exact(rows.iter().map(|r| r.get().len()).sum()),
            }
        }
        for (i, raw) in scope_rows.iter().flatten().enumerate() {
            builder.scope_text(i, raw, input)?;
        }
        let mut columns = PairColumns::with_capacity(pair_rows.len());
        for (i, raw) in pair_rows.iter().enumerate() {
            let fast = serde_json::from_str::<PairText>(raw.get())
                .ok()
                .and_then(|p| {
                    let id = |v: Option<&RawValue>, column| {
                        plain_id(v).or_else(|| {
                            read_id(SCOPE_FAILOVER_TABLE, i, column, &RawCell::Value(raw_id(v)))
                                .ok()
                        })
                    };
                    Some(ScopeFailoverRow {
                        scope_id: id(p.scope_id, "ScopeId")?,
                        relation_id: id(p.relation_id, "FailoverRelationId")?,
                        extra: Map::new(),
                    })
                });
            let row = match fast {
                Some(row) => row,
                None => pair_row(
                    SCOPE_FAILOVER_TABLE,
                    i,
                    &parse_row(SCOPE_FAILOVER_TABLE, i, raw)?,
                )?,
            };
            columns.push(i, row);
        }
        drop(pair_rows);
        builder
            .store
            .load_pairs(columns.scope_ids, columns.relation_ids, columns.extras);
        Ok(builder)
    }
}

/// Makes `input` the scope rows' text: row `i`, which lies at `starts[i]..rows.ends[i]`,
/// is minified and moved to the front, in order. Rows lie in order and apart, and a row
/// never grows, so nothing is overwritten before it is moved.
fn adopt(rows: &mut ScopeRows, input: String, starts: &[usize]) {
    let mut bytes = input.into_bytes();
    let mut to = 0;
    for (start, end) in starts.iter().zip(rows.ends.iter_mut()) {
        to += minify_within(&mut bytes, *start..*end, to);
        *end = to;
    }
    bytes.truncate(to);
    bytes.shrink_to_fit();
    // Whole JSON values without some ASCII white space: UTF-8 still (checked all the same).
    rows.text = String::from_utf8(bytes).unwrap_or_else(|e| {
        let valid = e.utf8_error().valid_up_to();
        let mut bytes = e.into_bytes();
        bytes.truncate(valid);
        String::from_utf8(bytes).unwrap_or_default()
    });
}

/// Copies `bytes[from]` to `bytes[to..]` (`to <= from.start`) without the white space
/// between tokens, as [`minified`]; returns how many bytes it wrote.
fn minify_within(bytes: &mut [u8], from: std::ops::Range<usize>, to: usize) -> usize {
    let Some(span) = bytes.get(from.clone()) else {
        return 0;
    };
    let Some(first) = first_space(span) else {
        bytes.copy_within(from.clone(), to);
        return from.len();
    };
    bytes.copy_within(from.start..from.start + first, to);
    let mut w = to + first;
    let (mut in_string, mut escaped) = (false, false);
    for r in from.start + first..from.end {
        let b = bytes[r];
        let keep = if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            true
        } else {
            in_string = b == b'"';
            !b.is_ascii_whitespace()
        };
        if keep {
            bytes[w] = b;
            w += 1;
        }
    }
    w - to
}

/// Scope-failover rows gathered as the columns `Store::load_pairs` takes: the two ids of
/// every row, and the other fields of the rows that have any, by row number.
struct PairColumns {
    scope_ids: Vec<i64>,
    relation_ids: Vec<i64>,
    extras: Vec<(usize, Map<String, Value>)>,
}

impl PairColumns {
    fn with_capacity(rows: usize) -> PairColumns {
        PairColumns {
            scope_ids: Vec::with_capacity(rows),
            relation_ids: Vec::with_capacity(rows),
            extras: Vec::new(),
        }
    }

    /// Row `i`.
    fn push(&mut self, i: usize, row: ScopeFailoverRow) {
        self.scope_ids.push(row.scope_id);
        self.relation_ids.push(row.relation_id);
        if !row.extra.is_empty() {
            self.extras.push((i, row.extra));
        }
    }
}

/// What the indices and the view read of a scope row.
struct Known<'a> {
    address: Option<&'a str>,
    mask: Option<&'a str>,
    name: Option<&'a str>,
    host: Option<i64>,
}

/// The fields of a scope row the fast reader looks at, each left unparsed; any other key
/// is skipped. A repeated key makes it fail, and the full reader takes over.
#[derive(Deserialize)]
struct ScopeText<'a> {
    #[serde(borrow, rename = "RecordId")]
    record_id: Option<&'a RawValue>,
    #[serde(borrow, rename = "ScopeId")]
    address: Option<&'a RawValue>,
    #[serde(borrow, rename = "SubnetMask")]
    mask: Option<&'a RawValue>,
    #[serde(borrow, rename = "ScopeName")]
    name: Option<&'a RawValue>,
    #[serde(borrow, rename = "DHCPServerRecordId")]
    host: Option<&'a RawValue>,
    #[serde(borrow, rename = "ParentDhcpServerRecordId")]
    parent_host: Option<&'a RawValue>,
}

/// A pair row with exactly its two ids; any other key sends it to the full reader, which
/// keeps the extra fields.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PairText<'a> {
    #[serde(borrow, rename = "ScopeId")]
    scope_id: Option<&'a RawValue>,
    #[serde(borrow, rename = "FailoverRelationId")]
    relation_id: Option<&'a RawValue>,
}

/// An id written as a plain integer that fits in an i64, which the shared rules take as it
/// is (as [`raw_id`] and `read_id` would); None for anything else.
fn plain_id(value: Option<&RawValue>) -> Option<i64> {
    value?.get().parse().ok()
}

/// An id cell as the shared rules read it.
fn raw_id(value: Option<&RawValue>) -> crate::raw::RawId {
    match value {
        None => json_id(None),
        Some(raw) => match serde_json::from_str::<Value>(raw.get()) {
            Ok(v) => json_id(Some(&v)),
            Err(_) => crate::raw::RawId::Other(Shape::Unreadable),
        },
    }
}

/// A text field: Some(None) when absent, null, or empty (as `text_field` reads them), None
/// (not sure: use the full reader) when it holds an escape or is not a string.
fn text(value: Option<&RawValue>) -> Option<Option<&str>> {
    let Some(raw) = value else {
        return Some(None);
    };
    let t = raw.get();
    if t == "null" || !t.starts_with('"') {
        // A number or an object in a text field is what `text_field` skips too, but only
        // the full reader is sure of it.
        return (t == "null").then_some(None);
    }
    let inner = t.get(1..t.len() - 1)?;
    if inner.contains('\\') {
        return None;
    }
    Some((!inner.is_empty()).then_some(inner))
}

/// An optional id field as `id_field` reads it: Some(Some(id)) for an integer,
/// Some(None) for null, None (not sure: use the full reader) for anything else.
fn small_id(raw: &RawValue) -> Option<Option<i64>> {
    let t = raw.get();
    if t == "null" {
        return Some(None);
    }
    t.parse::<i64>().ok().map(Some)
}

/// JSON text without the white space between tokens.
fn minified(text: &str) -> std::borrow::Cow<'_, str> {
    if first_space(text.as_bytes()).is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    let len = minify_within(&mut bytes, 0..text.len(), 0);
    bytes.truncate(len);
    // Only ASCII white space was dropped: still UTF-8.
    std::borrow::Cow::Owned(String::from_utf8(bytes).unwrap_or_default())
}

/// Where the first white space between tokens of JSON text is. Most rows have none: each
/// string is skipped to its closing quote (white space, quotes and backslashes are ASCII,
/// and no byte of a longer UTF-8 sequence is).
fn first_space(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while let Some(at) = bytes[i.min(bytes.len())..]
                    .iter()
                    .position(|&b| b == b'"' || b == b'\\')
                {
                    i += at;
                    if bytes[i] == b'"' {
                        break;
                    }
                    i += 2; // a backslash and the character it escapes
                }
                i += 1;
            }
            b if b.is_ascii_whitespace() => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// The top level of a tables text with each table's rows, each row left unparsed.
#[derive(Deserialize)]
struct TopRows<'a> {
    #[serde(borrow, rename = "ADM_DhcpFailoverTable")]
    failovers: Option<Vec<&'a RawValue>>,
    #[serde(borrow, rename = "ADM_DhcpScopeFailoverTable")]
    pairs: Option<Vec<&'a RawValue>>,
    #[serde(borrow, rename = "ADM_DHCPScopesTable")]
    scopes: Option<Vec<&'a RawValue>>,
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

#[cfg(test)]
mod tests {
    use super::minified;

    #[test]
    fn minified_drops_white_space_between_tokens_only() {
        assert_eq!(
            &*minified(r#"{"a":"x y","b":[1,2]}"#),
            r#"{"a":"x y","b":[1,2]}"#
        );
        assert_eq!(
            &*minified("{ \"a\" : \"x \\\" y\\\\\",\n\t\"é b\": [ 1 , \"z  \" ] }"),
            "{\"a\":\"x \\\" y\\\\\",\"é b\":[1,\"z  \"]}"
        );
        assert_eq!(&*minified(r#"{"a\\":"b" }"#), r#"{"a\\":"b"}"#);
        assert_eq!(&*minified(""), "");
    }
}
