//! Exports of the pending changes: the change set as JSON and CSV, and a PowerShell script
//! that applies it to real servers with Add-/Remove-DhcpServerv4FailoverScope.

use std::fmt::Write;
use std::net::Ipv4Addr;

use serde_json::{json, Value};

use crate::tables::{id_field, text_field};

use super::{Diff, Store};

/// The most scope ids one Add-DhcpServerv4FailoverScope call takes
/// (DHCP_FAILOVER_MAX_NUM_ADD_SCOPES).
pub const MAX_SCOPES_PER_CALL: usize = 400;

/// One pending change with what the tables say of its scope and relationship.
struct Entry {
    remove: bool,
    scope_id: i64,
    relation_id: i64,
    address: Option<Ipv4Addr>,
    address_text: Option<String>,
    scope_name: Option<String>,
    relationship: Option<String>,
    computer: Option<String>,
}

fn entries(store: &Store, diff: &Diff) -> Vec<Entry> {
    let removed = diff.removed.iter().map(|p| (true, *p));
    let added = diff.added.iter().map(|p| (false, *p));
    removed
        .chain(added)
        .map(|(remove, (scope_id, relation_id))| {
            let scope = store.scope(scope_id);
            let field = |k: &str| {
                scope
                    .as_ref()
                    .and_then(|s| text_field(&s.fields, k))
                    .map(String::from)
            };
            let address_text = field("ScopeId");
            let relation = store.failover(relation_id);
            let host = scope.as_ref().and_then(|s| {
                id_field(&s.fields, "DHCPServerRecordId")
                    .or_else(|| id_field(&s.fields, "ParentDhcpServerRecordId"))
            });
            let computer = relation.and_then(|r| {
                let f = &r.fields;
                let name = |n: u8| {
                    text_field(f, &format!("Server{n}Name"))
                        .or_else(|| text_field(f, &format!("Server{n}IP")))
                };
                let on =
                    |n: u8| host.is_some() && id_field(f, &format!("Server{n}RecordId")) == host;
                if on(2) { name(2) } else { name(1) }.map(String::from)
            });
            Entry {
                remove,
                scope_id,
                relation_id,
                address: address_text.as_deref().and_then(|a| a.parse().ok()),
                address_text,
                scope_name: field("ScopeName"),
                relationship: relation
                    .and_then(|r| text_field(&r.fields, "RelationshipName"))
                    .map(String::from),
                computer,
            }
        })
        .collect()
}

/// The change set as JSON text.
pub fn change_set_json(store: &Store, diff: &Diff) -> String {
    let rows = |remove: bool| -> Vec<Value> {
        entries(store, diff)
            .into_iter()
            .filter(|e| e.remove == remove)
            .map(|e| {
                json!({
                    "ScopeId": e.scope_id,
                    "ScopeAddress": e.address_text,
                    "ScopeName": e.scope_name,
                    "FailoverRelationId": e.relation_id,
                    "RelationshipName": e.relationship,
                })
            })
            .collect()
    };
    let relationships = diff.relationships_json();
    let out = json!({
        "format": "ipam-failover-change-set",
        "version": 1,
        "removed": rows(true),
        "added": rows(false),
        "relationships": relationships,
    });
    serde_json::to_string_pretty(&out).unwrap_or_default()
}

/// The change set as CSV (RFC 4180), removals first. Text cells that a spreadsheet would
/// run as a formula are prefixed with `'`.
pub fn change_set_csv(store: &Store, diff: &Diff) -> String {
    let mut out = String::from(
        "Change,ScopeId,ScopeAddress,ScopeName,FailoverRelationId,RelationshipName\r\n",
    );
    for e in entries(store, diff) {
        let cells = [
            (if e.remove { "remove" } else { "add" }).to_owned(),
            e.scope_id.to_string(),
            csv_text(e.address_text.as_deref()),
            csv_text(e.scope_name.as_deref()),
            e.relation_id.to_string(),
            csv_text(e.relationship.as_deref()),
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_text(text: Option<&str>) -> String {
    let text = text.unwrap_or("");
    let guarded = match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    };
    if guarded.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// A PowerShell single-quoted string. PowerShell also ends such strings at the typographic
/// single quotes, so those are doubled too.
pub fn ps_quote(text: &str) -> String {
    let mut out = String::from("'");
    for c in text.chars() {
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}') {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// Characters that end or bend a line: control characters other than tab (CR, LF, NEL,
/// ...) and the Unicode line and paragraph separators.
fn line_breaking(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Whether a name must not be written into a command: it holds a character of
/// [`line_breaking`]. Such changes are flagged instead.
pub fn unsafe_in_command(text: &str) -> bool {
    text.chars().any(line_breaking)
}

/// Text for a `#` comment: one line, no control characters.
fn comment(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || line_breaking(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// A script applying the change set: removals first (a scope can be in only one
/// relationship), then additions, grouped by relationship and server, at most
/// [`MAX_SCOPES_PER_CALL`] scope ids per command. Changes that cannot be written (no IPv4
/// address, no relationship name, no server) are listed as flagged comments.
pub fn powershell_script(store: &Store, diff: &Diff) -> String {
    let entries = entries(store, diff);
    let mut out = String::new();
    let removes = entries.iter().filter(|e| e.remove).count();
    let _ = writeln!(
        out,
        "# ipam-failover change set: {removes} scope(s) to remove from failover, {} to add.",
        entries.len() - removes
    );
    out.push_str(
        "# Review before running. Removals run first: a scope can be in only one relationship.\n",
    );
    out.push_str("#Requires -Modules DhcpServer\n$ErrorActionPreference = 'Stop'\n");

    let mut flagged = Vec::new();
    // Group consecutive entries by (remove, relationship, computer); entries are sorted by
    // relationship within each kind, so one pass suffices.
    let mut groups: Vec<(bool, i64, String, String, Vec<Ipv4Addr>)> = Vec::new();
    for e in &entries {
        let verb = if e.remove { "remove from" } else { "add to" };
        let problem = match (&e.address, &e.relationship, &e.computer) {
            (None, _, _) => Some(match &e.address_text {
                None => "no IPv4 address in ADM_DHCPScopesTable".to_owned(),
                Some(a) => format!("address {a:?} is not an IPv4 address"),
            }),
            (_, None, _) => Some("the relationship has no RelationshipName".to_owned()),
            (_, _, None) => Some("the relationship names no server".to_owned()),
            (_, Some(name), _) if unsafe_in_command(name) => Some(
                "the relationship name holds control characters (line breaks?), which are never written into a command".to_owned(),
            ),
            (_, _, Some(computer)) if unsafe_in_command(computer) => Some(
                "the server name holds control characters (line breaks?), which are never written into a command".to_owned(),
            ),
            _ => None,
        };
        if let Some(problem) = problem {
            flagged.push(comment(&format!(
                "# FLAGGED: scope RecordId {} ({verb} relationship {}): {problem}; not included above.",
                e.scope_id, e.relation_id
            )));
            continue;
        }
        let (Some(address), Some(name), Some(computer)) = (e.address, &e.relationship, &e.computer)
        else {
            continue;
        };
        match groups.last_mut() {
            Some(g) if g.0 == e.remove && g.1 == e.relation_id && &g.3 == computer => {
                g.4.push(address)
            }
            _ => groups.push((
                e.remove,
                e.relation_id,
                name.clone(),
                computer.clone(),
                vec![address],
            )),
        }
    }
    for (remove, relation_id, name, computer, addresses) in &groups {
        let (verb, cmdlet) = if *remove {
            ("Remove from", "Remove-DhcpServerv4FailoverScope")
        } else {
            ("Add to", "Add-DhcpServerv4FailoverScope")
        };
        let _ = writeln!(
            out,
            "\n{}",
            comment(&format!(
                "# {verb} {name} (RecordId {relation_id}) on {computer}: {} scope(s)",
                addresses.len()
            ))
        );
        for chunk in addresses.chunks(MAX_SCOPES_PER_CALL) {
            let ids: Vec<String> = chunk.iter().map(|a| ps_quote(&a.to_string())).collect();
            let _ = writeln!(
                out,
                "{cmdlet} -ComputerName {} -Name {} -ScopeId {}",
                ps_quote(computer),
                ps_quote(name),
                ids.join(", ")
            );
        }
    }
    if !flagged.is_empty() {
        out.push('\n');
        for line in flagged {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}
