//! The working tables as indented JSON text, two spaces a level, the layout
//! `JSON.stringify(tables, null, 2)` gives `ws.tables()`: what the page's "working tables"
//! export saves. Written row by row from the rows' text as kept (re-indented, not parsed
//! again) and handed out in pieces of about a megabyte, so neither a JavaScript object per
//! row nor the whole text in wasm memory is ever made.

use std::fmt::Write;

use serde_json::Value;

use crate::tables::{
    keyed_json, pair_json, ScopeFailoverRow, FAILOVER_TABLE, SCOPES_TABLE, SCOPE_FAILOVER_TABLE,
};

use super::Workspace;

/// About how much text each piece holds.
const PIECE: usize = 1 << 20;

/// Text gathered into pieces for `put`.
struct Pieces<'a> {
    text: String,
    put: &'a mut dyn FnMut(&str),
}

impl Pieces<'_> {
    fn push(&mut self, text: &str) {
        self.text.push_str(text);
        if self.text.len() >= PIECE {
            (self.put)(&self.text);
            self.text.clear();
        }
    }

    fn finish(self) {
        if !self.text.is_empty() {
            (self.put)(&self.text);
        }
    }
}

/// Writes `compact` (JSON text with no white space between tokens, as rows are kept)
/// indented two spaces a level from `depth` levels on, laid out as serde_json's pretty
/// printer and `JSON.stringify(value, null, 2)` lay out JSON; the tokens themselves
/// (numbers, strings with their escapes) are copied as they are.
fn indent(compact: &str, depth: usize, out: &mut String) {
    let bytes = compact.as_bytes();
    let newline = |out: &mut String, level: usize| {
        out.push('\n');
        (0..level).for_each(|_| out.push_str("  "));
    };
    let (mut level, mut at, mut from) = (depth, 0, 0);
    while at < bytes.len() {
        match bytes[at] {
            b'"' => {
                at += 1;
                while at < bytes.len() && bytes[at] != b'"' {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
            }
            open @ (b'{' | b'[') => {
                let close = if open == b'{' { b'}' } else { b']' };
                if bytes.get(at + 1) == Some(&close) {
                    at += 1; // an empty one stays "{}" or "[]"
                } else {
                    out.push_str(&compact[from..=at]);
                    level += 1;
                    newline(out, level);
                    from = at + 1;
                }
            }
            b'}' | b']' => {
                out.push_str(&compact[from..at]);
                level = level.saturating_sub(1);
                newline(out, level);
                from = at; // the bracket goes out with what follows
            }
            b',' => {
                out.push_str(&compact[from..=at]);
                newline(out, level);
                from = at + 1;
            }
            b':' => {
                out.push_str(&compact[from..=at]);
                out.push(' ');
                from = at + 1;
            }
            b' ' | b'\t' | b'\n' | b'\r' => {
                out.push_str(&compact[from..at]);
                from = at + 1;
            }
            _ => {}
        }
        at += 1;
    }
    out.push_str(compact.get(from..).unwrap_or_default());
}

/// One table: its name, then its rows, each written compact into a buffer by `write` and
/// indented as the second level.
fn table<T>(
    out: &mut Pieces<'_>,
    name: &str,
    rows: impl Iterator<Item = T>,
    mut write: impl FnMut(T, &mut String),
) {
    out.push("\n  ");
    out.push(&Value::from(name).to_string());
    out.push(": [");
    let (mut compact, mut pretty) = (String::new(), String::new());
    let mut any = false;
    for row in rows {
        compact.clear();
        write(row, &mut compact);
        pretty.clear();
        pretty.push_str(if any { ",\n    " } else { "\n    " });
        indent(&compact, 2, &mut pretty);
        out.push(&pretty);
        any = true;
    }
    out.push(if any { "\n  ]" } else { "]" });
}

impl Workspace {
    /// The working tables (what [`Workspace::tables`] gives) as JSON text indented by two
    /// spaces, handed to `put` in pieces of about a megabyte, in order.
    pub fn write_tables_text(&self, put: &mut dyn FnMut(&str)) {
        let store = &self.store;
        let mut out = Pieces {
            text: String::new(),
            put,
        };
        out.push("{");
        table(
            &mut out,
            FAILOVER_TABLE,
            store.failovers().iter(),
            |r, text| {
                text.push_str(&keyed_json(r.record_id, &r.fields).to_string());
            },
        );
        out.push(",");
        let pairs = store.pair_columns();
        table(
            &mut out,
            SCOPE_FAILOVER_TABLE,
            pairs,
            |(scope, relation, extra), text| match extra {
                None => {
                    let _ = write!(
                        text,
                        "{{\"ScopeId\":{scope},\"FailoverRelationId\":{relation}}}"
                    );
                }
                Some(extra) => text.push_str(
                    &pair_json(&ScopeFailoverRow {
                        scope_id: scope,
                        relation_id: relation,
                        extra: extra.clone(),
                    })
                    .to_string(),
                ),
            },
        );
        if let Some(rows) = &store.scopes {
            out.push(",");
            table(&mut out, SCOPES_TABLE, 0..rows.len(), |i, text| {
                rows.write_row(i, text);
                // RecordId first, as in `tables()`: a row kept with it elsewhere is parsed
                // and written again.
                if !text.starts_with("{\"RecordId\":") {
                    if let Some(row) = rows.row(i) {
                        text.clear();
                        text.push_str(&keyed_json(row.record_id, &row.fields).to_string());
                    }
                }
            });
        }
        out.push("\n}");
        out.finish();
    }

    /// [`Workspace::write_tables_text`]'s pieces as one text.
    pub fn tables_text(&self) -> String {
        let mut text = String::new();
        self.write_tables_text(&mut |piece| text.push_str(piece));
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `indent` at depth 0 lays out as the pretty printer does, whatever the strings hold.
    #[test]
    fn indent_lays_out_as_the_pretty_printer() {
        let texts = [
            r#"{"a":"x,y:{z}[w]","b":"q\"{,}\\","c":"\\","d":[],"e":{},"f":[[],{}]}"#,
            r#"[1,[2,[3,{"k":[{"v":null}]}]],"\\\"",true]"#,
            r#"{"é":"\u0001 ü","":""}"#,
            "[]",
            "7",
        ];
        for text in texts {
            let value: Value = serde_json::from_str(text).unwrap();
            let mut out = String::new();
            indent(text, 0, &mut out);
            assert_eq!(out, serde_json::to_string_pretty(&value).unwrap(), "{text}");
            // White space between tokens is dropped first.
            let spaced = serde_json::to_string_pretty(&value).unwrap();
            let mut again = String::new();
            indent(&spaced, 0, &mut again);
            assert_eq!(again, spaced, "{text}");
        }
        let mut deeper = String::new();
        indent(r#"{"a":[1]}"#, 2, &mut deeper);
        assert_eq!(deeper, "{\n      \"a\": [\n        1\n      ]\n    }");
    }
}
