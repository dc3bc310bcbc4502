//! Server identity: which names (and IPs) denote the same DHCP server.
//!
//! Names compare case-insensitively, without a trailing dot. A short name (`dhcp-hq-01`)
//! is the same server as a full name (`dhcp-hq-01.corp.example`) only when exactly one
//! known server has a full name with that first label; otherwise it stays a server of its
//! own. A name and an IP are the same server when an input says so (a collected server's
//! `ip`, a relationship's PrimaryServerName with PrimaryServerIP). The result does not
//! depend on the order in which names were added.

use std::collections::{BTreeMap, BTreeSet};
use std::net::{IpAddr, Ipv4Addr};

/// Collects names, then [`NameBuilder::build`]s the servers.
#[derive(Debug, Default)]
pub struct NameBuilder {
    /// Normalised alias -> the spellings seen.
    spellings: BTreeMap<String, BTreeSet<String>>,
    /// Aliases known to be one server.
    links: BTreeSet<(String, String)>,
}

/// The servers, each with one display name.
#[derive(Debug, Clone, Default)]
pub struct ServerNames {
    alias: BTreeMap<String, usize>,
    servers: Vec<Server>,
}

/// One server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    /// The name shown: its longest full name, spelled as first seen in sort order.
    pub display: String,
    /// An IPv4 address among its aliases, when there is one.
    pub ip: Option<String>,
}

/// A name as compared: trimmed, no trailing dot, lower case.
pub fn normalize(name: &str) -> String {
    name.trim().trim_end_matches('.').to_lowercase()
}

fn is_ip(alias: &str) -> bool {
    alias.parse::<IpAddr>().is_ok()
}

impl NameBuilder {
    /// Records that all of `names` (empty ones skipped) denote one server.
    pub fn add<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        let mut first: Option<String> = None;
        for name in names {
            let key = normalize(name);
            if key.is_empty() {
                continue;
            }
            self.spellings
                .entry(key.clone())
                .or_default()
                .insert(name.trim().trim_end_matches('.').to_owned());
            match &first {
                None => first = Some(key),
                Some(f) if *f != key => {
                    let pair = if *f < key {
                        (f.clone(), key)
                    } else {
                        (key, f.clone())
                    };
                    self.links.insert(pair);
                }
                Some(_) => {}
            }
        }
    }

    /// Joins the names into servers, numbered in the order of their display names.
    pub fn build(self) -> ServerNames {
        let keys: Vec<&String> = self.spellings.keys().collect();
        let index: BTreeMap<&str, usize> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i))
            .collect();
        let mut sets = UnionFind::new(keys.len());
        for (a, b) in &self.links {
            if let (Some(a), Some(b)) = (index.get(a.as_str()), index.get(b.as_str())) {
                sets.union(*a, *b);
            }
        }
        // Short names join a full name only when that is unambiguous, judged on the sets
        // as the inputs linked them (so the result does not depend on the order of joins).
        let mut joins = Vec::new();
        for (i, key) in keys.iter().enumerate() {
            if key.contains('.') || is_ip(key) {
                continue;
            }
            let prefix = format!("{key}.");
            let own = sets.find(i);
            let roots: BTreeSet<usize> = keys
                .iter()
                .enumerate()
                .filter(|(_, k)| k.starts_with(&prefix) && !is_ip(k))
                .map(|(j, _)| sets.find(j))
                .filter(|r| *r != own)
                .collect();
            if let [root] = roots.iter().copied().collect::<Vec<_>>()[..] {
                joins.push((i, root));
            }
        }
        for (a, b) in joins {
            sets.union(a, b);
        }
        let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..keys.len() {
            members.entry(sets.find(i)).or_default().push(i);
        }
        let mut servers: Vec<(Server, Vec<usize>)> = members
            .into_values()
            .map(|group| {
                let best = group
                    .iter()
                    .copied()
                    .min_by_key(|i| {
                        let k = keys[*i];
                        (
                            is_ip(k),
                            std::cmp::Reverse(k.split('.').count()),
                            k.to_string(),
                        )
                    })
                    .unwrap_or(0);
                let display = self
                    .spellings
                    .get(keys[best].as_str())
                    .and_then(|s| s.iter().next().cloned())
                    .unwrap_or_else(|| keys[best].clone());
                let ip = group
                    .iter()
                    .filter_map(|i| keys[*i].parse::<Ipv4Addr>().ok())
                    .min()
                    .map(|a| a.to_string());
                (Server { display, ip }, group)
            })
            .collect();
        servers.sort_by(|a, b| {
            (normalize(&a.0.display), &a.0.display).cmp(&(normalize(&b.0.display), &b.0.display))
        });
        let mut alias = BTreeMap::new();
        for (n, (_, group)) in servers.iter().enumerate() {
            for i in group {
                alias.insert(keys[*i].clone(), n);
            }
        }
        ServerNames {
            alias,
            servers: servers.into_iter().map(|(s, _)| s).collect(),
        }
    }
}

impl ServerNames {
    /// The server a name or IP denotes, if it was added.
    pub fn resolve(&self, name: &str) -> Option<usize> {
        self.alias.get(&normalize(name)).copied()
    }

    /// The servers, in display-name order.
    pub fn servers(&self) -> &[Server] {
        &self.servers
    }

    /// The display name of server `id`.
    pub fn display(&self, id: usize) -> &str {
        self.servers.get(id).map_or("", |s| s.display.as_str())
    }
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind((0..n).collect())
    }
    fn find(&mut self, mut i: usize) -> usize {
        while let Some(&p) = self.0.get(i) {
            if p == i {
                break;
            }
            let grand = self.0.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.0.get_mut(i) {
                *slot = grand;
            }
            i = p;
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        // The smaller index becomes the root, so the result is order-independent.
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        if let Some(slot) = self.0.get_mut(child) {
            *slot = root;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(groups: &[&[&str]]) -> ServerNames {
        let mut b = NameBuilder::default();
        for g in groups {
            b.add(g.iter().copied());
        }
        b.build()
    }

    #[test]
    fn short_names_join_only_when_unambiguous() {
        let n = names(&[
            &["dhcp-hq-01.corp.example"],
            &["DHCP-HQ-01"],
            &["dhcp-01.a.example"],
            &["dhcp-01.b.example"],
            &["dhcp-01"],
        ]);
        assert_eq!(
            n.resolve("dhcp-hq-01"),
            n.resolve("DHCP-HQ-01.Corp.Example.")
        );
        assert_eq!(
            n.display(n.resolve("dhcp-hq-01").unwrap()),
            "dhcp-hq-01.corp.example"
        );
        assert_ne!(n.resolve("dhcp-01"), n.resolve("dhcp-01.a.example"));
        assert_ne!(n.resolve("dhcp-01"), n.resolve("dhcp-01.b.example"));
        assert_eq!(n.servers().len(), 4);
    }

    #[test]
    fn ips_join_through_links_and_order_does_not_matter() {
        let a = names(&[&["dhcp-a.x", "192.0.2.1"], &["192.0.2.1"], &["Malmö-DHCP"]]);
        let b = names(&[&["malmö-dhcp"], &["192.0.2.1"], &["192.0.2.1", "dhcp-a.x"]]);
        assert_eq!(a.servers().len(), 2);
        assert_eq!(a.resolve("192.0.2.1"), a.resolve("DHCP-A.x"));
        assert_eq!(a.servers()[0].ip.as_deref(), Some("192.0.2.1"));
        assert_eq!(
            a.servers()
                .iter()
                .map(|s| normalize(&s.display))
                .collect::<Vec<_>>(),
            b.servers()
                .iter()
                .map(|s| normalize(&s.display))
                .collect::<Vec<_>>()
        );
    }
}
