//! Preflight: the problems the DHCP servers would raise if an add were sent to them
//! (MS-DHCPM R_DhcpV4FailoverAddScopeToRelationship, opnum 94, and the SDK limits), found
//! in the working copy before anything is sent. Changes nothing.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::net::Ipv4Addr;

use crate::fault::Fault;
use crate::parameter::{validate_add, RawParameter};
use crate::tables::{id_field, text_field, FailoverRow};

use super::Store;

/// ERROR_DHCP_SUBNET_NOT_PRESENT.
pub const SUBNET_NOT_PRESENT: u32 = 20005;
/// ERROR_DHCP_FO_SCOPE_ALREADY_IN_RELATIONSHIP.
pub const SCOPE_ALREADY_IN_RELATIONSHIP: u32 = 20113;
/// ERROR_DHCP_FO_STATE_NOT_NORMAL.
pub const STATE_NOT_NORMAL: u32 = 20120;
/// ERROR_DHCP_FO_MAX_ADD_SCOPES.
pub const MAX_ADD_SCOPES: u32 = 20130;

/// Which rule a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// The scope is not in ADM_DHCPScopesTable.
    ScopeUnknown,
    /// The scope is hosted on neither server of the relationship.
    ScopeNotOnServers,
    /// A scope with the same address already exists on the partner server.
    ScopeExistsOnPartner,
    /// The scope is already in another relationship.
    ScopeInOtherRelationship,
    /// The scope is not an IPv4 scope (failover is IPv4 only).
    NotIpv4,
    /// The scope has no address in ADM_DHCPScopesTable, so no script can name it.
    AddressUnknown,
    /// More scopes than one server call takes.
    TooManyScopes,
    /// The relationship's state is known and not Normal.
    RelationshipState,
    /// The pair is already present: nothing to do.
    AlreadyPresent,
}

impl Rule {
    /// The rule's stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::ScopeUnknown => "scope-unknown",
            Rule::ScopeNotOnServers => "scope-not-on-servers",
            Rule::ScopeExistsOnPartner => "scope-exists-on-partner",
            Rule::ScopeInOtherRelationship => "scope-in-other-relationship",
            Rule::NotIpv4 => "not-ipv4",
            Rule::AddressUnknown => "address-unknown",
            Rule::TooManyScopes => "too-many-scopes",
            Rule::RelationshipState => "relationship-state",
            Rule::AlreadyPresent => "already-present",
        }
    }
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Nothing wrong; worth knowing.
    Info,
    /// The servers would accept it with a change (e.g. split into calls).
    Warning,
    /// The servers would refuse it.
    Error,
}

impl Severity {
    /// The severity's stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The scope it is about; `None` for the relationship or the whole call.
    pub scope_id: Option<i64>,
    /// The rule.
    pub rule: Rule,
    /// How serious it is.
    pub severity: Severity,
    /// The DHCP server's error code for it, when it has one.
    pub dhcp_error: Option<u32>,
    /// What it means, in words.
    pub message: String,
}

impl Finding {
    /// As JavaScript sees it: `{ ScopeId, rule, severity, dhcpError, message }`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "ScopeId": self.scope_id,
            "rule": self.rule.as_str(),
            "severity": self.severity.as_str(),
            "dhcpError": self.dhcp_error,
            "message": self.message,
        })
    }
}

/// The most scopes one add call takes (DHCP_FAILOVER_MAX_NUM_ADD_SCOPES).
const MAX_PER_CALL: usize = 400;

/// Checks an add parameter against the working copy. The parameter must be valid and the
/// relationship must exist (the same faults as the add); everything else is a finding.
pub fn preflight(store: &Store, raw: &RawParameter) -> Result<Vec<Finding>, Fault> {
    findings(store, raw, true, &mut |_, _| Ok(()))
}

/// The ADM_DHCPScopesTable fields the checks read.
const SCOPE_FIELDS: &[&str] = &[
    "ScopeId",
    "AddressFamily",
    "DHCPServerRecordId",
    "ParentDhcpServerRecordId",
];

/// How many scopes are checked between two calls of the progress tick.
pub(super) const CHECK_CHUNK: usize = 1024;

/// [`preflight`], with the per-scope findings' messages left empty unless `words` (what
/// counting and ranking the findings of a large add needs), calling `tick(done, total)`
/// every [`CHECK_CHUNK`] scopes; a tick's fault (a cancellation) ends the check.
pub(super) fn findings(
    store: &Store,
    raw: &RawParameter,
    words: bool,
    tick: &mut dyn FnMut(usize, usize) -> Result<(), Fault>,
) -> Result<Vec<Finding>, Fault> {
    let request = validate_add(raw)?;
    let relation_id = request.failover_id;
    let relation = store
        .failover(relation_id)
        .ok_or_else(|| Fault::failover_not_found(relation_id))?;
    let name = relation_name(relation);
    let mut findings = Vec::new();
    for (server, key) in [(1, "Server1State"), (2, "Server2State")] {
        if let Some(state) = text_field(&relation.fields, key) {
            if !state.eq_ignore_ascii_case("normal") && !state.eq_ignore_ascii_case("unknown") {
                findings.push(Finding {
                    scope_id: None,
                    rule: Rule::RelationshipState,
                    severity: Severity::Error,
                    dhcp_error: Some(STATE_NOT_NORMAL),
                    message: format!(
                        "{name}: server {server} is in state {state}; scopes can only be added while both servers are Normal"
                    ),
                });
            }
        }
    }
    let mut seen = HashSet::default();
    let distinct: Vec<i64> = request
        .scope_ids
        .iter()
        .copied()
        .filter(|id| seen.insert(*id))
        .collect();
    if distinct.len() > MAX_PER_CALL {
        findings.push(Finding {
            scope_id: None,
            rule: Rule::TooManyScopes,
            severity: Severity::Warning,
            dhcp_error: Some(MAX_ADD_SCOPES),
            message: format!(
                "{} scopes: a DHCP server takes at most {MAX_PER_CALL} per call; the exported script splits them into {} calls",
                distinct.len(),
                distinct.len().div_ceil(MAX_PER_CALL)
            ),
        });
    }
    let servers: Vec<i64> = ["Server1RecordId", "Server2RecordId"]
        .iter()
        .filter_map(|k| id_field(&relation.fields, k))
        .collect();
    let server_names = server_names(store);
    let total = distinct.len();
    for (done, scope_id) in distinct.into_iter().enumerate() {
        if done % CHECK_CHUNK == 0 {
            tick(done, total)?;
        }
        let context = Context {
            relation_id,
            name: &name,
            servers: &servers,
            server_names: &server_names,
            words,
        };
        check_scope(store, &context, scope_id, &mut findings);
    }
    Ok(findings)
}

/// What every scope of one request is checked against.
struct Context<'a> {
    relation_id: i64,
    name: &'a str,
    servers: &'a [i64],
    /// Every server's name as the relationships know it, read once per call: a finding
    /// that names a server then costs a lookup, not a scan of the relationships.
    server_names: &'a HashMap<i64, String>,
    /// Whether to write the findings' messages (a count needs none).
    words: bool,
}

fn check_scope(store: &Store, cx: &Context, scope_id: i64, findings: &mut Vec<Finding>) {
    let (relation_id, name, servers) = (cx.relation_id, cx.name, cx.servers);
    let words = cx.words;
    let mut find = |rule, severity, dhcp_error, message: &dyn Fn() -> String| {
        findings.push(Finding {
            scope_id: Some(scope_id),
            rule,
            severity,
            dhcp_error,
            message: if words { message() } else { String::new() },
        })
    };
    let relations = store.relations_of(scope_id);
    if relations.contains(&relation_id) {
        // The add changes nothing for this scope, so nothing the servers check applies.
        find(Rule::AlreadyPresent, Severity::Info, None, &|| {
            format!("scope {scope_id} is already in {name}; nothing to do")
        });
        return;
    }
    for other in &relations {
        find(
            Rule::ScopeInOtherRelationship,
            Severity::Error,
            Some(SCOPE_ALREADY_IN_RELATIONSHIP),
            &|| {
                let other_name = store
                    .failover(*other)
                    .map(relation_name)
                    .unwrap_or_else(|| {
                        format!("relationship {other} (not in ADM_DhcpFailoverTable)")
                    });
                format!("scope {scope_id} is already in {other_name}; a scope can be in only one relationship: remove it there first")
            },
        );
    }
    if !store.has_scopes_table() {
        return;
    }
    let Some(scope) = store.scope_with(scope_id, SCOPE_FIELDS) else {
        find(
            Rule::ScopeUnknown,
            Severity::Error,
            Some(SUBNET_NOT_PRESENT),
            &|| format!("scope {scope_id} is not in ADM_DHCPScopesTable"),
        );
        return;
    };
    let address = text_field(&scope.fields, "ScopeId");
    if address.is_none() {
        find(Rule::AddressUnknown, Severity::Warning, None, &|| {
            format!(
                "scope {scope_id} has no address in ADM_DHCPScopesTable; DHCP servers name scopes by address, so the exported script cannot include it"
            )
        });
    }
    let family = text_field(&scope.fields, "AddressFamily");
    let ipv6_family = family.is_some_and(|f| f.contains('6'));
    if ipv6_family || address.is_some_and(|a| a.parse::<Ipv4Addr>().is_err()) {
        find(Rule::NotIpv4, Severity::Error, None, &|| {
            format!(
                "scope {scope_id} ({}) is not an IPv4 scope; DHCP failover supports IPv4 scopes only",
                address.unwrap_or("no address")
            )
        });
    }
    let host = id_field(&scope.fields, "DHCPServerRecordId")
        .or_else(|| id_field(&scope.fields, "ParentDhcpServerRecordId"));
    if let (Some(host), Some(address)) = (host, address) {
        if let Some(partner) = partner_of(servers, host) {
            let on_partner = address
                .trim()
                .parse::<Ipv4Addr>()
                .is_ok_and(|ip| store.hosts(partner, u32::from(ip)));
            if on_partner {
                find(Rule::ScopeExistsOnPartner, Severity::Error, None, &|| {
                    format!(
                        "scope {scope_id} ({address}) already exists on the partner {}; the DHCP server refuses to add a scope that exists on the partner: remove the partner's copy first",
                        server_name(cx.server_names, partner)
                    )
                });
            }
        }
    }
    if let Some(host) = host {
        if !servers.is_empty() && !servers.contains(&host) {
            find(
                Rule::ScopeNotOnServers,
                Severity::Error,
                Some(SUBNET_NOT_PRESENT),
                &|| {
                    format!(
                        "scope {scope_id} is hosted on {}, which is neither server of {name}",
                        server_name(cx.server_names, host)
                    )
                },
            );
        }
    }
}

/// The other server of the relationship, when `host` is one of its two.
fn partner_of(servers: &[i64], host: i64) -> Option<i64> {
    match servers {
        [a, b] if *a == host && *b != host => Some(*b),
        [a, b] if *b == host && *a != host => Some(*a),
        _ => None,
    }
}

/// Every server's name as the relationships know it: the first relationship (in table
/// order) that names the server gives its name.
fn server_names(store: &Store) -> HashMap<i64, String> {
    let mut names = HashMap::default();
    for r in store.failovers() {
        for n in 1..=2 {
            let id = id_field(&r.fields, &format!("Server{n}RecordId"));
            let name = text_field(&r.fields, &format!("Server{n}Name"));
            if let (Some(id), Some(name)) = (id, name) {
                names.entry(id).or_insert_with(|| name.to_owned());
            }
        }
    }
    names
}

/// A server's name as the relationships know it ("dhcp-br-01 (server 21)"), else "server 21".
fn server_name(names: &HashMap<i64, String>, server_id: i64) -> String {
    names.get(&server_id).map_or_else(
        || format!("server {server_id}"),
        |name| format!("{name} (server {server_id})"),
    )
}

/// "name (RecordId n)" or "relationship n".
pub fn relation_name(row: &FailoverRow) -> String {
    match text_field(&row.fields, "RelationshipName") {
        Some(n) => format!("{n} (RecordId {})", row.record_id),
        None => format!("relationship {}", row.record_id),
    }
}
