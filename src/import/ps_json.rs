//! Raw `ConvertTo-Json` output of `Get-DhcpServerv4Failover` and `Get-DhcpServerv4Scope`,
//! as Windows PowerShell 5.1 writes it (IPAddress and TimeSpan objects, the `value`/`Count`
//! wrapper) and as PowerShell 7 writes it (plain arrays); one object or an array of them.
//!
//! Each object is converted to a compact record as soon as it is read, so a 100 MB file
//! never exists as a tree of JSON values.

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;

use super::model::{FailoverRecord, ScopeProps, ScopeRecord, ServerRecord};
use super::ps_shapes::{text, Duration, IpList, IpValue, Text};

/// One object of either cmdlet, with every property either may have. Unknown keys
/// (`CimClass`, `CimInstanceProperties`, newer .NET additions) are skipped unread.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PsObject<'a> {
    /// A scope's address, or a relationship's member scopes.
    #[serde(borrow)]
    pub scope_id: Option<IpList<'a>>,
    /// A scope's or a relationship's name.
    pub name: Option<Text>,
    /// State (scope: Active/Inactive; relationship: Normal, PartnerDown...).
    pub state: Option<Text>,
    /// Relationship: PartnerServer.
    pub partner_server: Option<Text>,
    /// Relationship: Mode.
    pub mode: Option<Text>,
    /// Relationship: ServerType.
    pub server_type: Option<Text>,
    /// Relationship: ServerRole.
    pub server_role: Option<Text>,
    /// Relationship: LoadBalancePercent.
    pub load_balance_percent: Option<u64>,
    /// Relationship: ReservePercent.
    pub reserve_percent: Option<u64>,
    /// Relationship: MaxClientLeadTime.
    pub max_client_lead_time: Option<Duration>,
    /// Relationship: AutoStateTransition.
    pub auto_state_transition: Option<bool>,
    /// Relationship: StateSwitchInterval.
    pub state_switch_interval: Option<Duration>,
    /// Relationship: EnableAuth.
    pub enable_auth: Option<bool>,
    /// Relationship: PrimaryServerName.
    pub primary_server_name: Option<Text>,
    /// Relationship: PrimaryServerIP.
    #[serde(rename = "PrimaryServerIP")]
    #[serde(borrow)]
    pub primary_server_ip: Option<IpValue<'a>>,
    /// Relationship: SecondaryServerName.
    pub secondary_server_name: Option<Text>,
    /// Relationship: SecondaryServerIP.
    #[serde(rename = "SecondaryServerIP")]
    #[serde(borrow)]
    pub secondary_server_ip: Option<IpValue<'a>>,
    /// Scope: SubnetMask.
    #[serde(borrow)]
    pub subnet_mask: Option<IpValue<'a>>,
    /// Scope: StartRange.
    #[serde(borrow)]
    pub start_range: Option<IpValue<'a>>,
    /// Scope: EndRange.
    #[serde(borrow)]
    pub end_range: Option<IpValue<'a>>,
    /// Scope: LeaseDuration.
    pub lease_duration: Option<Duration>,
    /// Scope: Type.
    #[serde(rename = "Type")]
    pub kind: Option<Text>,
    /// Scope: Description.
    pub description: Option<Text>,
    /// Scope: SuperscopeName.
    pub superscope_name: Option<Text>,
    /// Scope: Delay.
    pub delay: Option<u64>,
    /// Scope: MaxBootpClients.
    pub max_bootp_clients: Option<u64>,
    /// Scope: NapEnable.
    pub nap_enable: Option<bool>,
    /// Scope: NapProfile.
    pub nap_profile: Option<Text>,
    /// Scope: ActivatePolicies.
    pub activate_policies: Option<bool>,
    /// The remote computer, when the cmdlet ran through remoting.
    #[serde(rename = "PSComputerName")]
    pub ps_computer_name: Option<Text>,
    /// Our collection's envelope: `format` (top level only).
    #[serde(rename = "format")]
    pub format: Option<Text>,
    /// Our collection's envelope: `version`.
    #[serde(rename = "version")]
    pub version: Option<Text>,
    /// Our collection's envelope: `servers`.
    #[serde(rename = "servers")]
    #[serde(borrow)]
    pub servers: Option<super::ps_shapes::List<super::collection::CollectedServer<'a>>>,
    /// Windows PowerShell 5.1's array wrapper around the whole output.
    #[serde(rename = "value")]
    pub value: Option<Items>,
}

/// One object read and converted. The scope variant is the large and the common one:
/// boxing it would cost an allocation per scope (the failover one is boxed instead).
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Item {
    /// A Get-DhcpServerv4Scope object.
    Scope {
        /// PSComputerName.
        computer: Option<String>,
        /// The scope.
        record: ScopeRecord,
    },
    /// A Get-DhcpServerv4Failover object.
    Failover {
        /// PSComputerName.
        computer: Option<String>,
        /// The relationship as this server sees it.
        record: Box<FailoverRecord>,
    },
}

/// An array of objects, each converted as it is read.
#[derive(Debug, Default)]
pub struct Items(pub Vec<Item>);

impl<'de> Deserialize<'de> for Items {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Items, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Items;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an array of Get-DhcpServerv4Scope or Get-DhcpServerv4Failover objects")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Items, A::Error> {
                let mut out = Vec::new();
                while let Some(obj) = seq.next_element::<PsObject>()? {
                    let path = format!("[{}]", out.len());
                    out.push(convert(obj, &path).map_err(de::Error::custom)?);
                }
                Ok(Items(out))
            }
        }
        d.deserialize_seq(V)
    }
}

/// Converts one object; `path` names it in errors (`[12]`).
pub fn convert(obj: PsObject<'_>, path: &str) -> Result<Item, String> {
    if obj.format.is_some() || obj.servers.is_some() || obj.value.is_some() {
        return Err(format!(
            "{path}: a collection or array wrapper nested inside an array"
        ));
    }
    let computer = text(obj.ps_computer_name.clone());
    let failover_like = obj.mode.is_some()
        || obj.partner_server.is_some()
        || obj.max_client_lead_time.is_some()
        || obj.server_type.is_some();
    let scope_like = obj.subnet_mask.is_some()
        || obj.start_range.is_some()
        || obj.end_range.is_some()
        || obj.lease_duration.is_some();
    match (failover_like, scope_like) {
        (true, false) => failover(obj, path).map(|record| Item::Failover {
            computer,
            record: Box::new(record),
        }),
        (false, true) => scope(obj, path).map(|record| Item::Scope { computer, record }),
        (true, true) => Err(format!(
            "{path}: the object has properties of both a relationship (Mode, PartnerServer) and a scope (SubnetMask, StartRange)"
        )),
        (false, false) => Err(format!(
            "{path}: neither a Get-DhcpServerv4Failover object (no Mode, PartnerServer) nor a Get-DhcpServerv4Scope object (no SubnetMask, StartRange)"
        )),
    }
}

fn ip_text(value: Option<IpValue<'_>>) -> Option<String> {
    value.and_then(|v| v.display())
}

fn scope(obj: PsObject<'_>, path: &str) -> Result<ScopeRecord, String> {
    let ids = obj
        .scope_id
        .ok_or_else(|| format!("{path}: the scope has no ScopeId"))?;
    let [id] = ids.items.as_slice() else {
        return Err(format!(
            "{path}.ScopeId: a scope has one address; got {}",
            ids.items.len()
        ));
    };
    let address = id.ipv4().map_err(|e| format!("{path}.ScopeId: {e}"))?;
    let props = ScopeProps {
        name: text(obj.name),
        subnet_mask: ip_text(obj.subnet_mask),
        start_range: ip_text(obj.start_range),
        end_range: ip_text(obj.end_range),
        lease_seconds: obj.lease_duration.and_then(|d| d.seconds),
        state: text(obj.state),
        kind: text(obj.kind),
        description: obj.description.map(|t| t.0),
        superscope: text(obj.superscope_name),
        delay: obj.delay,
        max_bootp_clients: obj.max_bootp_clients,
        nap_enable: obj.nap_enable,
        nap_profile: text(obj.nap_profile),
        activate_policies: obj.activate_policies,
    };
    Ok(props.into_record(address))
}

fn failover(obj: PsObject<'_>, path: &str) -> Result<FailoverRecord, String> {
    let name = text(obj.name).ok_or_else(|| format!("{path}: the relationship has no Name"))?;
    let scopes = obj
        .scope_id
        .map(|list| {
            list.items
                .iter()
                .enumerate()
                .map(|(i, ip)| ip.ipv4().map_err(|e| format!("{path}.ScopeId[{i}]: {e}")))
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()?
        .unwrap_or_default();
    Ok(FailoverRecord {
        name,
        partner: text(obj.partner_server),
        mode: text(obj.mode),
        server_type: text(obj.server_type),
        server_role: text(obj.server_role),
        load_balance_percent: obj.load_balance_percent,
        reserve_percent: obj.reserve_percent,
        mclt_seconds: obj.max_client_lead_time.and_then(|d| d.seconds),
        auto_state_transition: obj.auto_state_transition,
        state_switch_seconds: obj.state_switch_interval.and_then(|d| d.seconds),
        state: text(obj.state),
        enable_auth: obj.enable_auth,
        primary_name: text(obj.primary_server_name),
        primary_ip: ip_text(obj.primary_server_ip),
        secondary_name: text(obj.secondary_server_name),
        secondary_ip: ip_text(obj.secondary_server_ip),
        scopes,
    })
}

/// Groups converted objects by server: `PSComputerName` when set, else `server` (the
/// input's), else, for a relationship, the side its `ServerType` names. Servers keep the
/// order in which they first appear.
pub fn into_servers(items: Vec<Item>, server: Option<&str>) -> Result<Vec<ServerRecord>, String> {
    let mut out: Vec<ServerRecord> = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let (computer, is_scope) = match &item {
            Item::Scope { computer, .. } => (computer.clone(), true),
            Item::Failover { computer, .. } => (computer.clone(), false),
        };
        let inferred = match &item {
            Item::Failover { record, .. } => side_from_server_type(record),
            Item::Scope { .. } => None,
        };
        let name = computer
            .or_else(|| server.map(str::to_owned))
            .or(inferred)
            .ok_or_else(|| {
                format!(
                    "[{i}]: the {} does not say which DHCP server it came from (PSComputerName is empty); give the file's server",
                    if is_scope { "scope" } else { "relationship" }
                )
            })?;
        let at = match out.iter().position(|s| s.name.eq_ignore_ascii_case(&name)) {
            Some(at) => at,
            None => {
                out.push(ServerRecord {
                    name,
                    ..ServerRecord::default()
                });
                out.len() - 1
            }
        };
        let Some(entry) = out.get_mut(at) else {
            continue;
        };
        match item {
            Item::Scope { record, .. } => entry.scopes.get_or_insert_with(Vec::new).push(record),
            Item::Failover { record, .. } => {
                entry.failover.get_or_insert_with(Vec::new).push(*record)
            }
        }
    }
    Ok(out)
}

/// The server a relationship object came from, by its ServerType and the primary and
/// secondary names.
fn side_from_server_type(record: &FailoverRecord) -> Option<String> {
    let kind = record.server_type.as_deref()?;
    if kind.eq_ignore_ascii_case("PrimaryServer") {
        record.primary_name.clone().or(record.primary_ip.clone())
    } else if kind.eq_ignore_ascii_case("SecondaryServer") {
        record
            .secondary_name
            .clone()
            .or(record.secondary_ip.clone())
    } else {
        None
    }
}
