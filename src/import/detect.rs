//! Recognises a file by its content, never by its name: XML when the text starts with `<`,
//! JSON when it starts with `{` or `[`; then, for JSON, our collection (by its `format`),
//! Get-DhcpServerv4Failover or Get-DhcpServerv4Scope objects (by their properties).
//! Every refusal names the file and the place (line and column, byte offset or JSON path).

use std::fmt;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::fault::Fault;

use super::encoding::decode;
use super::model::{FileKind, ParsedFile, ServerRecord};
use super::ps_json::{self, Item, Items, PsObject};
use super::{collection, xml};

/// The top level of a JSON file: one object, or an array of objects.
enum Document<'a> {
    Object(Box<PsObject<'a>>),
    Items(Items),
}

impl<'de> Deserialize<'de> for Document<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Document<'de>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Document<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a collection, or Get-DhcpServerv4Failover / Get-DhcpServerv4Scope output (an object or an array of objects)",
                )
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Document<'de>, A::Error> {
                Items::deserialize(SeqAccessDeserializer::new(seq)).map(Document::Items)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Document<'de>, A::Error> {
                PsObject::deserialize(MapAccessDeserializer::new(map))
                    .map(|o| Document::Object(Box::new(o)))
            }
        }
        d.deserialize_any(V)
    }
}

/// Reads one input: decodes, recognises and parses it.
pub fn read_file(name: &str, bytes: &[u8], server: Option<&str>) -> Result<ParsedFile, Fault> {
    let (text, _) = decode(bytes)
        .map_err(|e| Fault::invalid_import(name, &format!("byte {}", e.offset), &e.message))?;
    let start = text.trim_start();
    match start.chars().next() {
        None => Err(Fault::invalid_import(name, "", "the file is empty")),
        Some('<') => read_xml(name, &text, server),
        Some('{' | '[') => read_json(name, &text, server),
        Some(_) => {
            let head: String = start.chars().take(24).collect();
            Err(Fault::invalid_import(
                name,
                &place(&text, text.len() - start.len()),
                format!(
                    "neither JSON nor XML: the text starts with {}",
                    crate::raw::quote(&head)
                ),
            ))
        }
    }
}

/// "line L, column C" of a byte offset in `text`.
pub fn place(text: &str, offset: usize) -> String {
    let offset = offset.min(text.len());
    let before = text.as_bytes().get(..offset).unwrap_or_default();
    let line = 1 + before.iter().filter(|b| **b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let column = 1 + String::from_utf8_lossy(before.get(line_start..).unwrap_or_default())
        .chars()
        .count();
    format!("line {line}, column {column}")
}

fn server_of(server: Option<&str>) -> Option<&str> {
    server.map(str::trim).filter(|s| !s.is_empty())
}

fn read_xml(name: &str, text: &str, server: Option<&str>) -> Result<ParsedFile, Fault> {
    let scopes = xml::read_scopes(text)
        .map_err(|e| Fault::invalid_import(name, &place(text, e.offset), &e.message))?;
    let server = server_of(server).ok_or_else(|| {
        Fault::invalid_import(
            name,
            "",
            "an Export-DhcpServer file does not say which DHCP server it came from; give its server",
        )
    })?;
    Ok(ParsedFile {
        kind: FileKind::ExportXml,
        servers: vec![ServerRecord {
            name: server.to_owned(),
            scopes: Some(scopes),
            ..ServerRecord::default()
        }],
    })
}

fn read_json(name: &str, text: &str, server: Option<&str>) -> Result<ParsedFile, Fault> {
    let document: Document = serde_json::from_str(text).map_err(|e| json_fault(name, &e))?;
    let refuse = |path: String| Fault::invalid_import(name, "", path);
    let items = match document {
        Document::Items(items) => items.0,
        Document::Object(obj) => {
            let obj = *obj;
            if obj.format.is_some() || obj.servers.is_some() || obj.version.is_some() {
                let servers = collection::into_servers(obj.format, obj.version, obj.servers)
                    .map_err(refuse)?;
                return Ok(ParsedFile {
                    kind: FileKind::Collection,
                    servers,
                });
            }
            match obj.value {
                Some(items) => items.0,
                None => vec![ps_json::convert(obj, "the object").map_err(refuse)?],
            }
        }
    };
    let scopes = items
        .iter()
        .filter(|i| matches!(i, Item::Scope { .. }))
        .count();
    let kind = match (scopes, items.len() - scopes) {
        (0, 0) => {
            return Err(refuse(
                "the array is empty: it holds no scopes and no relationships".into(),
            ))
        }
        (_, 0) => FileKind::ScopeJson,
        (0, _) => FileKind::FailoverJson,
        _ => {
            return Err(refuse(
                "the array mixes scopes and relationships; export Get-DhcpServerv4Scope and Get-DhcpServerv4Failover to separate files".into(),
            ))
        }
    };
    let servers = ps_json::into_servers(items, server_of(server)).map_err(refuse)?;
    Ok(ParsedFile { kind, servers })
}

fn json_fault(name: &str, e: &serde_json::Error) -> Fault {
    let place = format!("line {}, column {}", e.line(), e.column());
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let detail = text.strip_suffix(&suffix).unwrap_or(&text);
    let message = match e.classify() {
        serde_json::error::Category::Eof => {
            format!("the JSON ends early (truncated?): {detail}")
        }
        serde_json::error::Category::Syntax => format!("not valid JSON: {detail}"),
        _ => detail.to_owned(),
    };
    Fault::invalid_import(name, &place, message)
}
