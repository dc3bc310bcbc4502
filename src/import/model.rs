//! What the readers produce, whatever the format: per server, its scopes and its view of
//! its failover relationships. The mapping turns these into the tables.

use std::net::Ipv4Addr;

/// The kind of file an input was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// The project's own collection (`tools/Collect-DhcpFailover.ps1`).
    Collection,
    /// `Get-DhcpServerv4Failover | ConvertTo-Json`.
    FailoverJson,
    /// `Get-DhcpServerv4Scope | ConvertTo-Json`.
    ScopeJson,
    /// `Export-DhcpServer` XML.
    ExportXml,
}

impl FileKind {
    /// The kind's stable name, as the page shows it.
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Collection => "collection",
            FileKind::FailoverJson => "failover-json",
            FileKind::ScopeJson => "scope-json",
            FileKind::ExportXml => "export-xml",
        }
    }
}

/// One IPv4 scope as a server reported it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScopeRecord {
    /// The scope address (ScopeId).
    pub address: Ipv4Addr,
    /// ScopeName and the other fields kept for the ADM_DHCPScopesTable row.
    pub props: ScopeProps,
}

/// The optional properties of a scope, from any format; absent ones are left out of the
/// ADM_DHCPScopesTable row (`rows`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScopeProps {
    /// Name.
    pub name: Option<String>,
    /// SubnetMask, dotted.
    pub subnet_mask: Option<String>,
    /// StartRange, dotted.
    pub start_range: Option<String>,
    /// EndRange, dotted.
    pub end_range: Option<String>,
    /// LeaseDuration in seconds.
    pub lease_seconds: Option<u64>,
    /// State (Active / Inactive).
    pub state: Option<String>,
    /// Type (Dhcp, Bootp, Both).
    pub kind: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// SuperscopeName.
    pub superscope: Option<String>,
    /// Delay (ms).
    pub delay: Option<u64>,
    /// MaxBootpClients.
    pub max_bootp_clients: Option<u64>,
    /// NapEnable.
    pub nap_enable: Option<bool>,
    /// NapProfile.
    pub nap_profile: Option<String>,
    /// ActivatePolicies.
    pub activate_policies: Option<bool>,
}

impl ScopeProps {
    /// The scope at `address` with these properties.
    pub fn into_record(self, address: Ipv4Addr) -> ScopeRecord {
        ScopeRecord {
            address,
            props: self,
        }
    }
}

/// One failover relationship as one of its servers reported it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FailoverRecord {
    /// Name (the relationship name).
    pub name: String,
    /// PartnerServer: a host name or an IP.
    pub partner: Option<String>,
    /// Mode: LoadBalance or HotStandby.
    pub mode: Option<String>,
    /// ServerType: PrimaryServer or SecondaryServer (this server's side).
    pub server_type: Option<String>,
    /// ServerRole (hot standby): Active or Standby.
    pub server_role: Option<String>,
    /// LoadBalancePercent: this server's share (load balance).
    pub load_balance_percent: Option<u64>,
    /// ReservePercent (hot standby).
    pub reserve_percent: Option<u64>,
    /// MaxClientLeadTime in seconds.
    pub mclt_seconds: Option<u64>,
    /// AutoStateTransition.
    pub auto_state_transition: Option<bool>,
    /// StateSwitchInterval in seconds.
    pub state_switch_seconds: Option<u64>,
    /// State, as this server sees it.
    pub state: Option<String>,
    /// EnableAuth (a shared secret is set).
    pub enable_auth: Option<bool>,
    /// PrimaryServerName.
    pub primary_name: Option<String>,
    /// PrimaryServerIP.
    pub primary_ip: Option<String>,
    /// SecondaryServerName.
    pub secondary_name: Option<String>,
    /// SecondaryServerIP.
    pub secondary_ip: Option<String>,
    /// ScopeId: the member scopes.
    pub scopes: Vec<Ipv4Addr>,
}

/// What one input says about one server. `None` means "not in this input".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServerRecord {
    /// The server's name as the input gives it.
    pub name: String,
    /// Its IP, when known.
    pub ip: Option<String>,
    /// The error the collector recorded instead of data.
    pub error: Option<String>,
    /// Its IPv4 scopes.
    pub scopes: Option<Vec<ScopeRecord>>,
    /// Its failover relationships.
    pub failover: Option<Vec<FailoverRecord>>,
}

/// One input, read.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedFile {
    /// What it was recognised as.
    pub kind: FileKind,
    /// The servers it describes.
    pub servers: Vec<ServerRecord>,
}

/// Seconds from a .NET TimeSpan text (`[-][d.]hh:mm:ss[.fffffff]`), as Export-DhcpServer
/// and `TimeSpan.ToString()` write it; a `,` before the fraction is accepted too.
pub fn timespan_seconds(text: &str) -> Option<u64> {
    let text = text.trim();
    let (days, clock) = match text.split_once(':') {
        Some((head, _)) if head.contains('.') => {
            let (d, _) = head.split_once('.')?;
            (d.parse::<u64>().ok()?, &text[d.len() + 1..])
        }
        _ => (0, text),
    };
    let mut parts = clock.split(':');
    let hours: u64 = parts.next()?.parse().ok()?;
    let minutes: u64 = parts.next()?.parse().ok()?;
    let seconds_text = parts.next().unwrap_or("0");
    if parts.next().is_some() {
        return None;
    }
    let whole = seconds_text.split(['.', ',']).next()?;
    let seconds: u64 = whole.parse().ok()?;
    if minutes >= 60 || seconds >= 60 {
        return None;
    }
    days.checked_mul(86_400)?
        .checked_add(hours.checked_mul(3600)?)?
        .checked_add(minutes * 60 + seconds)
}

#[cfg(test)]
mod tests {
    use super::timespan_seconds;

    #[test]
    fn timespans() {
        assert_eq!(timespan_seconds("8.00:00:00"), Some(691_200));
        assert_eq!(timespan_seconds("01:00:00"), Some(3600));
        assert_eq!(timespan_seconds("1.02:03:04.5000000"), Some(93_784));
        assert_eq!(timespan_seconds("00:00:30,5"), Some(30));
        assert_eq!(timespan_seconds("x"), None);
        assert_eq!(timespan_seconds("1:99:00"), None);
        assert_eq!(timespan_seconds("1:2:3:4"), None);
    }
}
