//! A query over the scopes a working copy lists: filters that combine (text, address
//! prefix, server, membership), a sort, and a window.

use std::net::Ipv4Addr;

use crate::fault::{Fault, FaultCode};
use crate::raw::quote;

/// The most rows one query returns.
pub const MAX_LIMIT: usize = 1000;
/// The rows a query returns when it does not say.
pub const DEFAULT_LIMIT: usize = 50;

/// Which scopes a membership filter keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Membership {
    /// Every scope.
    #[default]
    Any,
    /// Scopes in at least one relationship.
    InAny,
    /// Scopes in no relationship.
    InNone,
    /// Scopes in this relationship.
    InRelationship(i64),
    /// Scopes in some relationship other than this one.
    InOther(i64),
}

/// What a query sorts by; addresses sort as addresses (10.2.0.0 before 10.10.0.0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// The network address, then the prefix length.
    Address,
    /// ScopeName, case-insensitively.
    Name,
    /// The hosting server's short name.
    Server,
    /// The first relationship's name; scopes in none last.
    Relationships,
}

impl SortKey {
    /// The key for its stable name.
    pub fn parse(name: &str) -> Option<SortKey> {
        Some(match name {
            "address" => SortKey::Address,
            "name" => SortKey::Name,
            "server" => SortKey::Server,
            "relationships" => SortKey::Relationships,
            _ => return None,
        })
    }
}

/// A validated query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// A substring of the name or the address, lower-case; None matches all.
    pub text: Option<String>,
    /// (network, mask): the address must lie in it.
    pub prefix: Option<(u32, u32)>,
    /// The hosting server's RecordId.
    pub server: Option<i64>,
    /// The membership filter.
    pub membership: Membership,
    /// The sort; None keeps table order.
    pub sort: Option<SortKey>,
    /// Reverse the order.
    pub descending: bool,
    /// Rows to skip.
    pub offset: usize,
    /// Rows to return at most.
    pub limit: usize,
}

impl Default for Query {
    fn default() -> Query {
        Query {
            text: None,
            prefix: None,
            server: None,
            membership: Membership::Any,
            sort: None,
            descending: false,
            offset: 0,
            limit: DEFAULT_LIMIT,
        }
    }
}

/// A query as the caller gave it, before checking.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawQuery {
    /// `text`.
    pub text: Option<String>,
    /// `prefix`: "10.20.", "10.20" or "10.20.0.0/16".
    pub prefix: Option<String>,
    /// `server`: a server key (its RecordId as text).
    pub server: Option<String>,
    /// `membership`: "any", "in-any", "in-none", "in-relationship", "in-other".
    pub membership: Option<String>,
    /// `relationship`, for "in-relationship" and "in-other".
    pub relationship: Option<i64>,
    /// `sort`.
    pub sort: Option<String>,
    /// `descending`.
    pub descending: bool,
    /// `offset`.
    pub offset: Option<f64>,
    /// `limit`.
    pub limit: Option<f64>,
}

fn bad(message: String) -> Fault {
    Fault::unstepped(FaultCode::InvalidParameter, message)
}

/// Parses an address prefix: dotted octets, possibly incomplete ("10.20." or "10.20"),
/// or a CIDR block ("10.20.0.0/16"). Returns (network, mask).
pub fn parse_prefix(text: &str) -> Option<(u32, u32)> {
    let text = text.trim();
    if let Some((address, bits)) = text.split_once('/') {
        let address: Ipv4Addr = address.trim().parse().ok()?;
        let bits: u32 = bits.trim().parse().ok().filter(|b| *b <= 32)?;
        let mask = if bits == 0 {
            0
        } else {
            u32::MAX << (32 - bits)
        };
        return Some((u32::from(address) & mask, mask));
    }
    let octets: Vec<&str> = text.trim_end_matches('.').split('.').collect();
    if octets.is_empty() || octets.len() > 4 || octets[0].is_empty() {
        return None;
    }
    let mut network = 0u32;
    for (i, octet) in octets.iter().enumerate() {
        if octet.is_empty() || octet.len() > 3 || !octet.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let value: u32 = octet.parse().ok().filter(|v| *v <= 255)?;
        network |= value << (24 - 8 * i);
    }
    let bits = 8 * octets.len() as u32;
    let mask = if bits == 32 {
        u32::MAX
    } else {
        !(u32::MAX >> bits)
    };
    Some((network, mask))
}

impl RawQuery {
    /// Checks the query.
    pub fn validate(&self) -> Result<Query, Fault> {
        let text = self
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_lowercase);
        let prefix = match self.prefix.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            None => None,
            Some(p) => Some(parse_prefix(p).ok_or_else(|| {
                bad(format!(
                    "the address prefix must be dotted octets such as \"10.20.\" or a block such as \"10.20.0.0/16\"; got {}",
                    quote(p)
                ))
            })?),
        };
        let server = match self.server.as_deref().filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(s.parse::<i64>().map_err(|_| {
                bad(format!(
                    "the server key must be a server's RecordId; got {}",
                    quote(s)
                ))
            })?),
        };
        let need = |what: &str| {
            self.relationship.ok_or_else(|| {
                bad(format!(
                    "membership {what:?} needs the relationship's RecordId in `relationship`"
                ))
            })
        };
        let membership = match self.membership.as_deref().unwrap_or("any") {
            "any" | "" => Membership::Any,
            "in-any" => Membership::InAny,
            "in-none" => Membership::InNone,
            "in-relationship" => Membership::InRelationship(need("in-relationship")?),
            "in-other" => Membership::InOther(need("in-other")?),
            other => {
                return Err(bad(format!(
                    "membership must be \"any\", \"in-any\", \"in-none\", \"in-relationship\" or \"in-other\"; got {}",
                    quote(other)
                )))
            }
        };
        let sort = match self.sort.as_deref().filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(SortKey::parse(s).ok_or_else(|| {
                bad(format!(
                    "sort must be \"address\", \"name\", \"server\" or \"relationships\"; got {}",
                    quote(s)
                ))
            })?),
        };
        let count = |value: Option<f64>, what: &str, default: usize| -> Result<usize, Fault> {
            match value {
                None => Ok(default),
                Some(v) if v.is_finite() && v >= 0.0 && v.fract() == 0.0 => Ok(v as usize),
                Some(v) => Err(bad(format!(
                    "{what} must be a whole number of rows, 0 or more; got {v}"
                ))),
            }
        };
        Ok(Query {
            text,
            prefix,
            server,
            membership,
            sort,
            descending: self.descending,
            offset: count(self.offset, "offset", 0)?,
            limit: count(self.limit, "limit", DEFAULT_LIMIT)?.min(MAX_LIMIT),
        })
    }
}
