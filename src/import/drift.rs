//! Drift: where the servers disagree with each other, or the inputs leave a side unknown.
//! Like ADEssentials' failover report (configured / missing / unknown / not collected, by
//! partner pair), but tied to the tables so the admin can stage the fix.

use std::collections::BTreeSet;
use std::net::Ipv4Addr;

use serde_json::{json, Value};

use crate::workspace::Severity;

use super::mapping::{is_hot_standby, Merged, Relationship};

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DriftKind {
    /// The collection recorded an error for a server.
    ServerUnreachable,
    /// The same server's data was given twice; the later input wins.
    DuplicateInput,
    /// A relationship's partner is not in the inputs, so its side is unknown.
    PartnerNotCollected,
    /// Both partners were read and only one reports the relationship.
    RelationshipOneSided,
    /// Both report it but disagree on mode, percentage or MCLT.
    RelationshipMismatch,
    /// The partners disagree on whether a scope is in the relationship.
    ScopeMembershipMismatch,
    /// A relationship lists a scope its server does not have.
    MemberScopeMissing,
    /// A scope exists on both partners but is in no relationship.
    ScopeOnBothPartners,
}

impl DriftKind {
    /// The kind's stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            DriftKind::ServerUnreachable => "server-unreachable",
            DriftKind::DuplicateInput => "duplicate-input",
            DriftKind::PartnerNotCollected => "partner-not-collected",
            DriftKind::RelationshipOneSided => "relationship-one-sided",
            DriftKind::RelationshipMismatch => "relationship-mismatch",
            DriftKind::ScopeMembershipMismatch => "scope-membership-mismatch",
            DriftKind::MemberScopeMissing => "member-scope-missing",
            DriftKind::ScopeOnBothPartners => "scope-on-both-partners",
        }
    }

    /// How serious the kind is.
    pub fn severity(self) -> Severity {
        match self {
            DriftKind::ServerUnreachable
            | DriftKind::RelationshipOneSided
            | DriftKind::ScopeMembershipMismatch
            | DriftKind::MemberScopeMissing => Severity::Error,
            DriftKind::DuplicateInput
            | DriftKind::PartnerNotCollected
            | DriftKind::RelationshipMismatch
            | DriftKind::ScopeOnBothPartners => Severity::Warning,
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DriftFinding {
    /// What it is about.
    pub kind: DriftKind,
    /// How serious it is.
    pub severity: Severity,
    /// The server it is about.
    pub server: Option<String>,
    /// The other server of the relationship or pair.
    pub partner: Option<String>,
    /// The relationship's name.
    pub relationship: Option<String>,
    /// The scope address.
    pub scope: Option<String>,
    /// What it means, in words.
    pub message: String,
}

impl DriftFinding {
    /// `{ kind, severity, server, partner, relationship, scope, message }`.
    pub fn to_json(&self) -> Value {
        json!({
            "kind": self.kind.as_str(),
            "severity": self.severity.as_str(),
            "server": self.server,
            "partner": self.partner,
            "relationship": self.relationship,
            "scope": self.scope,
            "message": self.message,
        })
    }
}

struct Ctx<'a> {
    merged: &'a Merged,
    out: Vec<(Option<String>, DriftKind, Option<Ipv4Addr>, DriftFinding)>,
}

impl Ctx<'_> {
    fn name(&self, server: Option<usize>) -> Option<String> {
        server.map(|s| self.merged.names.display(s).to_owned())
    }

    fn push(
        &mut self,
        kind: DriftKind,
        server: Option<usize>,
        partner: Option<usize>,
        rel: Option<&str>,
        scope: Option<Ipv4Addr>,
        message: String,
    ) {
        let finding = DriftFinding {
            kind,
            severity: kind.severity(),
            server: self.name(server),
            partner: self.name(partner),
            relationship: rel.map(String::from),
            scope: scope.map(|a| a.to_string()),
            message,
        };
        self.out
            .push((rel.map(super::names::normalize), kind, scope, finding));
    }
}

/// Every finding, sorted by relationship, kind, server, partner and scope.
pub fn findings(merged: &Merged, rels: &[Relationship]) -> Vec<DriftFinding> {
    let mut cx = Ctx {
        merged,
        out: Vec::new(),
    };
    for (id, state) in merged.servers.iter().enumerate() {
        if let Some(error) = &state.error {
            if state.scopes.is_none() && state.failover.is_none() {
                let name = merged.names.display(id);
                cx.push(
                    DriftKind::ServerUnreachable,
                    Some(id),
                    None,
                    None,
                    None,
                    format!("{name} could not be read: {error}"),
                );
            }
        }
    }
    for d in &merged.duplicates {
        let name = merged.names.display(d.server);
        let message = if d.earlier == d.later {
            format!(
                "the {} of {name} were given twice in {}; the later ones are used",
                d.what, d.later
            )
        } else {
            format!(
                "the {} of {name} were given in {} and again in {}; {} (the later input) is used",
                d.what, d.earlier, d.later, d.later
            )
        };
        cx.push(
            DriftKind::DuplicateInput,
            Some(d.server),
            None,
            None,
            None,
            message,
        );
    }
    for rel in rels {
        relationship(&mut cx, rel);
    }
    both_partners(&mut cx, rels);
    let mut out = cx.out;
    out.sort_by(|a, b| {
        let key = |x: &(Option<String>, DriftKind, Option<Ipv4Addr>, DriftFinding)| {
            (
                x.0.clone(),
                x.1,
                x.3.server.clone(),
                x.3.partner.clone(),
                x.2,
                x.3.message.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    out.into_iter().map(|(_, _, _, f)| f).collect()
}

fn relationship(cx: &mut Ctx, rel: &Relationship) {
    let merged = cx.merged;
    let name = rel.name.as_str();
    let views: Vec<usize> = rel.views.keys().copied().collect();
    if let [only] = views[..] {
        let partner = rel.partner_of(only);
        let who = merged.names.display(only).to_owned();
        match partner {
            None => cx.push(
                DriftKind::PartnerNotCollected,
                Some(only),
                None,
                Some(name),
                None,
                format!("{who} reports {name} but its partner could not be identified, so the other side is unknown"),
            ),
            Some(p) => {
                let state = merged.servers.get(p);
                let pname = merged.names.display(p).to_owned();
                if state.is_some_and(|s| s.failover.is_some()) {
                    cx.push(
                        DriftKind::RelationshipOneSided,
                        Some(only),
                        Some(p),
                        Some(name),
                        None,
                        format!("{who} reports {name} with {pname}, but {pname} has no such relationship"),
                    );
                } else {
                    let why = match state.and_then(|s| s.error.as_deref()) {
                        Some(e) => format!("{pname} could not be read ({e})"),
                        None => format!("{pname} is not in the inputs"),
                    };
                    cx.push(
                        DriftKind::PartnerNotCollected,
                        Some(only),
                        Some(p),
                        Some(name),
                        None,
                        format!("{why}, so its side of {name} is unknown"),
                    );
                }
            }
        }
    }
    if let (Some(v1), Some(v2), Some(s2)) = (
        rel.view(Some(rel.server1)),
        rel.view(rel.server2),
        rel.server2,
    ) {
        let mut differences = Vec::new();
        let mode1 = v1.mode.as_deref().unwrap_or("");
        let mode2 = v2.mode.as_deref().unwrap_or("");
        if !mode1.eq_ignore_ascii_case(mode2) {
            differences.push(format!("mode {mode1} / {mode2}"));
        }
        if is_hot_standby(v1.mode.as_deref()) {
            if v1.reserve_percent != v2.reserve_percent {
                differences.push(format!(
                    "reserve percent {} / {}",
                    show(v1.reserve_percent),
                    show(v2.reserve_percent)
                ));
            }
        } else if let (Some(a), Some(b)) = (v1.load_balance_percent, v2.load_balance_percent) {
            // Each server reports its own share: they must add up to 100.
            if a.checked_add(b) != Some(100) {
                differences.push(format!(
                    "load balance {a}% / {b}% (each side's own share; they should add up to 100)"
                ));
            }
        }
        if v1.mclt_seconds != v2.mclt_seconds {
            differences.push(format!(
                "MCLT {} s / {} s",
                show(v1.mclt_seconds),
                show(v2.mclt_seconds)
            ));
        }
        let (n1, n2) = (
            merged.names.display(rel.server1).to_owned(),
            merged.names.display(s2).to_owned(),
        );
        if !differences.is_empty() {
            cx.push(
                DriftKind::RelationshipMismatch,
                Some(rel.server1),
                Some(s2),
                Some(name),
                None,
                format!(
                    "{n1} and {n2} disagree on {name}: {}",
                    differences.join(", ")
                ),
            );
        }
        let set1: BTreeSet<Ipv4Addr> = v1.scopes.iter().copied().collect();
        let set2: BTreeSet<Ipv4Addr> = v2.scopes.iter().copied().collect();
        for (listing, other, only, (ln, on)) in [
            (rel.server1, s2, set1.difference(&set2), (&n1, &n2)),
            (s2, rel.server1, set2.difference(&set1), (&n2, &n1)),
        ] {
            for addr in only {
                cx.push(
                    DriftKind::ScopeMembershipMismatch,
                    Some(listing),
                    Some(other),
                    Some(name),
                    Some(*addr),
                    format!("{ln} lists scope {addr} in {name}; {on} does not"),
                );
            }
        }
    }
    for (server, view) in &rel.views {
        let Some(scopes) = merged.servers.get(*server).and_then(|s| s.scopes.as_ref()) else {
            continue;
        };
        let who = merged.names.display(*server).to_owned();
        let missing: BTreeSet<Ipv4Addr> = view
            .scopes
            .iter()
            .filter(|a| !scopes.contains(a))
            .copied()
            .collect();
        for addr in missing {
            cx.push(
                DriftKind::MemberScopeMissing,
                Some(*server),
                rel.partner_of(*server),
                Some(name),
                Some(addr),
                format!("{who} lists scope {addr} in {name} but has no such scope"),
            );
        }
    }
}

fn show(v: Option<u64>) -> String {
    v.map_or_else(|| "unknown".to_owned(), |v| v.to_string())
}

/// Scopes on both servers of a pair that share a relationship, in no relationship of
/// either: adding one would fail (the server refuses a scope that exists on the partner).
fn both_partners(cx: &mut Ctx, rels: &[Relationship]) {
    let merged = cx.merged;
    let pairs: BTreeSet<(usize, usize)> = rels
        .iter()
        .filter_map(|r| r.server2.map(|s2| (r.server1.min(s2), r.server1.max(s2))))
        .collect();
    for (a, b) in pairs {
        let (Some(sa), Some(sb)) = (
            merged.servers.get(a).and_then(|s| s.scopes.as_ref()),
            merged.servers.get(b).and_then(|s| s.scopes.as_ref()),
        ) else {
            continue;
        };
        let members: BTreeSet<Ipv4Addr> = rels
            .iter()
            .filter(|r| {
                [Some(r.server1), r.server2]
                    .iter()
                    .any(|s| *s == Some(a) || *s == Some(b))
            })
            .flat_map(|r| r.members())
            .chain(
                [a, b]
                    .iter()
                    .filter_map(|s| merged.servers.get(*s))
                    .flat_map(|s| s.failover.iter().flatten())
                    .flat_map(|f| f.scopes.iter().copied()),
            )
            .collect();
        let (na, nb) = (merged.names.display(a), merged.names.display(b));
        for addr in sa
            .addresses()
            .filter(|k| sb.contains(k) && !members.contains(k))
        {
            cx.push(
                DriftKind::ScopeOnBothPartners,
                Some(a),
                Some(b),
                None,
                Some(addr),
                format!("scope {addr} exists on both {na} and {nb} but is in no relationship: both serve it on their own, and adding it to a relationship will fail until one copy is removed"),
            );
        }
    }
}
