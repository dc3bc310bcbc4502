//! `Export-DhcpServer` XML: root `DHCPServer` in namespace
//! `http://schemas.microsoft.com/windows/DHCPServer`, everything below it in no namespace
//! (`xmlns=""`). Only the direct children of `IPv4/Scopes/Scope` are read; IPv6, options,
//! policies, reservations, leases and any element this reader does not know are skipped.
//! The file holds no failover data and does not name its server.
//!
//! Streaming (quick-xml), so memory grows with the scopes kept, not with the file; the
//! element depth is bounded.

use std::net::Ipv4Addr;

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::model::{timespan_seconds, ScopeProps, ScopeRecord};

/// The namespace of the root element.
pub const NAMESPACE: &str = "http://schemas.microsoft.com/windows/DHCPServer";

/// The deepest element nesting read; a real export is about 8 deep.
pub const MAX_DEPTH: usize = 256;

/// Where in the text an error is, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    /// The byte offset in the decoded text.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

/// The scopes one v4 `Scope` element is built from: the text of each direct child.
#[derive(Default)]
struct ScopeText {
    fields: Vec<(String, String)>,
}

impl ScopeText {
    fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn into_record(self) -> Result<ScopeRecord, String> {
        let id = self
            .get("ScopeId")
            .ok_or("a v4 Scope has no ScopeId")?
            .trim();
        let address: Ipv4Addr = id
            .parse()
            .map_err(|_| format!("ScopeId {} is not an IPv4 address", crate::raw::quote(id)))?;
        let text = |k: &str| {
            self.get(k)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
        };
        let number = |k: &str| self.get(k).and_then(|s| s.trim().parse::<u64>().ok());
        let flag = |k: &str| {
            self.get(k).and_then(|s| match s.trim() {
                t if t.eq_ignore_ascii_case("true") => Some(true),
                t if t.eq_ignore_ascii_case("false") => Some(false),
                _ => None,
            })
        };
        let props = ScopeProps {
            name: text("Name"),
            subnet_mask: text("SubnetMask"),
            start_range: text("StartRange"),
            end_range: text("EndRange"),
            lease_seconds: self.get("LeaseDuration").and_then(timespan_seconds),
            state: text("State"),
            kind: text("Type"),
            description: self.get("Description").map(String::from),
            superscope: text("SuperScopeName").or_else(|| text("SuperscopeName")),
            delay: number("Delay"),
            max_bootp_clients: number("MaxBootpClients"),
            nap_enable: flag("NapEnable"),
            nap_profile: text("NapProfile"),
            activate_policies: flag("ActivatePolicies"),
        };
        Ok(props.into_record(address))
    }
}

/// Reads the v4 scopes of an export.
pub fn read_scopes(text: &str) -> Result<Vec<ScopeRecord>, XmlError> {
    let mut reader = NsReader::from_str(text);
    // Our own stack of local names ("" for an element in a foreign namespace).
    let mut stack: Vec<String> = Vec::new();
    let mut seen_root = false;
    let mut scope: Option<ScopeText> = None;
    let mut field: Option<(String, String)> = None;
    let mut scopes = Vec::new();
    let here = |r: &NsReader<&[u8]>| usize::try_from(r.buffer_position()).unwrap_or(usize::MAX);
    loop {
        let event = reader.read_resolved_event();
        let (ns, event) = match event {
            Ok((ns, event)) => (ns_kind(&ns), event),
            Err(e) => {
                return Err(XmlError {
                    offset: usize::try_from(reader.error_position()).unwrap_or(usize::MAX),
                    message: format!("not well-formed XML: {e}"),
                })
            }
        };
        let at = here(&reader);
        let fail = |message: String| XmlError {
            offset: at,
            message,
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                let empty = matches!(event, Event::Empty(_));
                if stack.is_empty() {
                    if seen_root {
                        return Err(fail("a second root element".into()));
                    }
                    if local != "DHCPServer" || ns == Ns::Foreign {
                        return Err(fail(format!(
                            "the root element is <{local}>, not Export-DhcpServer's <DHCPServer xmlns=\"{NAMESPACE}\">"
                        )));
                    }
                    seen_root = true;
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(fail(format!(
                        "elements nest deeper than {MAX_DEPTH} levels"
                    )));
                }
                let name = if ns == Ns::Foreign && !stack.is_empty() {
                    String::new()
                } else {
                    local
                };
                stack.push(name);
                if path_is(&stack, &["DHCPServer", "IPv4", "Scopes", "Scope"]) {
                    scope = Some(ScopeText::default());
                } else if stack.len() == 5 && scope.is_some() {
                    field = stack.last().map(|n| (n.clone(), String::new()));
                }
                if empty {
                    close(&mut stack, &mut scope, &mut field, &mut scopes).map_err(fail)?;
                }
            }
            Event::End(_) => {
                close(&mut stack, &mut scope, &mut field, &mut scopes).map_err(fail)?;
            }
            Event::Text(e) => {
                if let Some((_, value)) = field.as_mut() {
                    let t = e
                        .decode()
                        .map_err(|e| fail(format!("text is not UTF-8: {e}")))?;
                    value.push_str(&t);
                } else if stack.is_empty() && !e.iter().all(u8::is_ascii_whitespace) {
                    return Err(fail("text outside the root element".into()));
                }
            }
            Event::CData(e) => {
                if let Some((_, value)) = field.as_mut() {
                    value.push_str(&String::from_utf8_lossy(&e));
                }
            }
            Event::GeneralRef(e) => {
                let c = match e.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => {
                        let name = String::from_utf8_lossy(&e).into_owned();
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .map(String::from)
                            .ok_or_else(|| fail(format!("unknown entity &{name};")))?
                    }
                    Err(err) => return Err(fail(format!("bad character reference: {err}"))),
                };
                if let Some((_, value)) = field.as_mut() {
                    value.push_str(&c);
                }
            }
            Event::Eof => {
                if let Some(open) = stack.last() {
                    return Err(fail(format!("the file ends inside <{open}> (truncated?)")));
                }
                if !seen_root {
                    return Err(fail("no root element".into()));
                }
                return Ok(scopes);
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    /// No namespace, or the export's own.
    Ours,
    /// Any other namespace.
    Foreign,
}

fn ns_kind(ns: &ResolveResult) -> Ns {
    match ns {
        ResolveResult::Unbound => Ns::Ours,
        ResolveResult::Bound(n) if n.as_ref() == NAMESPACE.as_bytes() => Ns::Ours,
        _ => Ns::Foreign,
    }
}

fn path_is(stack: &[String], path: &[&str]) -> bool {
    stack.len() == path.len() && stack.iter().zip(path).all(|(a, b)| a == b)
}

/// Closes the innermost element: a field's text goes to its scope, a scope to the list.
fn close(
    stack: &mut Vec<String>,
    scope: &mut Option<ScopeText>,
    field: &mut Option<(String, String)>,
    scopes: &mut Vec<ScopeRecord>,
) -> Result<(), String> {
    if stack.len() == 5 {
        if let (Some(f), Some(s)) = (field.take(), scope.as_mut()) {
            s.fields.push(f);
        }
    }
    if path_is(stack, &["DHCPServer", "IPv4", "Scopes", "Scope"]) {
        if let Some(s) = scope.take() {
            scopes.push(s.into_record()?);
        }
    }
    stack.pop();
    Ok(())
}
