//! The project's own collection file, written by `tools/Collect-DhcpFailover.ps1`:
//! `{ "format": "ipam-failover-collection", "version": 1, "collectedAt", "servers": [...] }`
//! (the README documents every key). Addresses are text, durations seconds, lists plain
//! arrays; the readers still accept 5.1's shapes in case a hand-made file has them.

use serde::{Deserialize, Deserializer};

use super::model::{FailoverRecord, ScopeProps, ScopeRecord, ServerRecord};
use super::ps_shapes::{each_item, text, Duration, IpList, IpValue, List, Text};

/// The value of `format`.
pub const FORMAT: &str = "ipam-failover-collection";
/// The one version this reader knows.
pub const VERSION: &str = "1";

/// One entry of `servers`.
#[derive(Debug, Default, Deserialize)]
pub struct CollectedServer<'a> {
    /// The server's name as the collector was given it (or Get-DhcpServerInDC listed it).
    pub name: Option<Text>,
    /// Its IPv4 address.
    #[serde(borrow)]
    pub ip: Option<IpValue<'a>>,
    /// Why it could not be read; then there is no data.
    pub error: Option<Text>,
    /// Its IPv4 scopes, each converted as it is read.
    pub scopes: Option<Scopes>,
    /// Its failover relationships.
    #[serde(borrow)]
    pub failover: Option<List<CollectedFailover<'a>>>,
}

/// A server's `scopes`, each turned into a [`ScopeRecord`] as soon as it is read, so the
/// scopes as read never all sit in memory beside the records (at 300,000 scopes they would
/// add about as much again as the file). The first scope that cannot be converted is kept
/// as the error (its path from `scopes[i]` on); reading goes on, so a syntax error further
/// on is still the one reported, as when the whole file was read first.
#[derive(Debug)]
pub struct Scopes(pub Result<Vec<ScopeRecord>, String>);

impl<'de> Deserialize<'de> for Scopes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Scopes, D::Error> {
        let mut out = Ok(Vec::new());
        each_item(d, |i, s: CollectedScope<'de>| {
            if let Ok(records) = &mut out {
                match scope(s, i) {
                    Ok(record) => records.push(record),
                    Err(e) => out = Err(e),
                }
            }
        })?;
        Ok(Scopes(out))
    }
}

/// One entry of a server's `scopes`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CollectedScope<'a> {
    /// The scope address.
    #[serde(borrow)]
    pub scope_id: Option<IpValue<'a>>,
    /// Name.
    pub name: Option<Text>,
    /// SubnetMask.
    #[serde(borrow)]
    pub subnet_mask: Option<IpValue<'a>>,
    /// StartRange.
    #[serde(borrow)]
    pub start_range: Option<IpValue<'a>>,
    /// EndRange.
    #[serde(borrow)]
    pub end_range: Option<IpValue<'a>>,
    /// LeaseDuration in seconds.
    pub lease_duration_seconds: Option<Duration>,
    /// State.
    pub state: Option<Text>,
    /// Type.
    #[serde(rename = "type")]
    pub kind: Option<Text>,
    /// Description.
    pub description: Option<Text>,
    /// SuperscopeName.
    pub superscope_name: Option<Text>,
    /// Delay.
    pub delay: Option<u64>,
    /// MaxBootpClients.
    pub max_bootp_clients: Option<u64>,
    /// NapEnable.
    pub nap_enable: Option<bool>,
    /// NapProfile.
    pub nap_profile: Option<Text>,
    /// ActivatePolicies.
    pub activate_policies: Option<bool>,
}

/// One entry of a server's `failover`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CollectedFailover<'a> {
    /// Name.
    pub name: Option<Text>,
    /// PartnerServer.
    pub partner_server: Option<Text>,
    /// Mode.
    pub mode: Option<Text>,
    /// ServerType.
    pub server_type: Option<Text>,
    /// ServerRole.
    pub server_role: Option<Text>,
    /// LoadBalancePercent.
    pub load_balance_percent: Option<u64>,
    /// ReservePercent.
    pub reserve_percent: Option<u64>,
    /// MaxClientLeadTime in seconds.
    pub max_client_lead_time_seconds: Option<Duration>,
    /// AutoStateTransition.
    pub auto_state_transition: Option<bool>,
    /// StateSwitchInterval in seconds.
    pub state_switch_interval_seconds: Option<Duration>,
    /// State.
    pub state: Option<Text>,
    /// EnableAuth.
    pub enable_auth: Option<bool>,
    /// PrimaryServerName.
    pub primary_server_name: Option<Text>,
    /// PrimaryServerIP.
    #[serde(rename = "primaryServerIP")]
    #[serde(borrow)]
    pub primary_server_ip: Option<IpValue<'a>>,
    /// SecondaryServerName.
    pub secondary_server_name: Option<Text>,
    /// SecondaryServerIP.
    #[serde(rename = "secondaryServerIP")]
    #[serde(borrow)]
    pub secondary_server_ip: Option<IpValue<'a>>,
    /// The member scopes.
    #[serde(borrow)]
    pub scope_ids: Option<IpList<'a>>,
}

/// Checks the envelope and converts every server. Errors name a JSON path.
pub fn into_servers(
    format: Option<Text>,
    version: Option<Text>,
    servers: Option<List<CollectedServer<'_>>>,
) -> Result<Vec<ServerRecord>, String> {
    let format = text(format).unwrap_or_default();
    if format != FORMAT {
        return Err(format!(
            "format: expected \"{FORMAT}\", got {}",
            crate::raw::quote(&format)
        ));
    }
    let version = text(version).unwrap_or_default();
    if version != VERSION {
        return Err(format!(
            "version: this tool reads version {VERSION} of the collection format; got {}",
            crate::raw::quote(&version)
        ));
    }
    let servers = servers.ok_or("servers: the collection has no servers array")?;
    servers
        .0
        .into_iter()
        .enumerate()
        .map(|(i, s)| server(s, &format!("servers[{i}]")))
        .collect()
}

fn server(s: CollectedServer, path: &str) -> Result<ServerRecord, String> {
    let name = text(s.name).ok_or_else(|| format!("{path}.name: the server has no name"))?;
    let ip = s.ip.and_then(|ip| ip.display());
    let error = text(s.error);
    let scopes = s
        .scopes
        .map(|list| list.0.map_err(|e| format!("{path}.{e}")))
        .transpose()?;
    let failover = s
        .failover
        .map(|list| {
            list.0
                .into_iter()
                .enumerate()
                .map(|(i, f)| relationship(f, &format!("{path}.failover[{i}]")))
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()?;
    Ok(ServerRecord {
        name,
        ip,
        error,
        scopes,
        failover,
    })
}

fn ip_text(value: Option<IpValue<'_>>) -> Option<String> {
    value.and_then(|v| v.display())
}

/// Scope `i` of a server's list; errors name the path from `scopes[i]` on.
fn scope(s: CollectedScope, i: usize) -> Result<ScopeRecord, String> {
    let address = s
        .scope_id
        .ok_or_else(|| format!("scopes[{i}].scopeId: the scope has no address"))?
        .ipv4()
        .map_err(|e| format!("scopes[{i}].scopeId: {e}"))?;
    let props = ScopeProps {
        name: text(s.name),
        subnet_mask: ip_text(s.subnet_mask),
        start_range: ip_text(s.start_range),
        end_range: ip_text(s.end_range),
        lease_seconds: s.lease_duration_seconds.and_then(|d| d.seconds),
        state: text(s.state),
        kind: text(s.kind),
        description: s.description.map(|t| t.0),
        superscope: text(s.superscope_name),
        delay: s.delay,
        max_bootp_clients: s.max_bootp_clients,
        nap_enable: s.nap_enable,
        nap_profile: text(s.nap_profile),
        activate_policies: s.activate_policies,
    };
    Ok(props.into_record(address))
}

fn relationship(f: CollectedFailover, path: &str) -> Result<FailoverRecord, String> {
    let name = text(f.name).ok_or_else(|| format!("{path}.name: the relationship has no name"))?;
    let scopes = f
        .scope_ids
        .map(|list| {
            list.items
                .iter()
                .enumerate()
                .map(|(i, ip)| ip.ipv4().map_err(|e| format!("{path}.scopeIds[{i}]: {e}")))
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()?
        .unwrap_or_default();
    Ok(FailoverRecord {
        name,
        partner: text(f.partner_server),
        mode: text(f.mode),
        server_type: text(f.server_type),
        server_role: text(f.server_role),
        load_balance_percent: f.load_balance_percent,
        reserve_percent: f.reserve_percent,
        mclt_seconds: f.max_client_lead_time_seconds.and_then(|d| d.seconds),
        auto_state_transition: f.auto_state_transition,
        state_switch_seconds: f.state_switch_interval_seconds.and_then(|d| d.seconds),
        state: text(f.state),
        enable_auth: f.enable_auth,
        primary_name: text(f.primary_server_name),
        primary_ip: ip_text(f.primary_server_ip),
        secondary_name: text(f.secondary_server_name),
        secondary_ip: ip_text(f.secondary_server_ip),
        scopes,
    })
}
