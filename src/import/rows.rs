//! The three tables as typed rows, before they are JSON. Two ways out, with the same keys
//! in the same order and the same values:
//! - [`TableRows::to_value`]: the `serde_json::Value` that `Imported::tables` holds. Each
//!   row's map is cloned from a template of its keys (one per set of present keys), so no
//!   key is hashed per row;
//! - `Serialize` ([`TableRows::to_text`]): the JSON text, written without any `Value`.

use std::net::Ipv4Addr;

use rustc_hash::FxHashMap;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{Map, Value};

use crate::tables::{FAILOVER_TABLE, SCOPES_TABLE, SCOPE_FAILOVER_TABLE};

use super::model::ScopeProps;

/// The most keys a row has (ADM_DHCPScopesTable's); a mask of present keys fits a `u32`.
const MAX_KEYS: usize = 20;

/// One field's value.
#[derive(Debug, Clone, Copy)]
enum Field<'a> {
    Int(i64),
    UInt(u64),
    Text(&'a str),
    Bool(bool),
    Ip(Ipv4Addr),
}

impl Field<'_> {
    fn to_value(self) -> Value {
        match self {
            Field::Int(n) => n.into(),
            Field::UInt(n) => n.into(),
            Field::Text(s) => s.into(),
            Field::Bool(b) => b.into(),
            Field::Ip(ip) => ip.to_string().into(),
        }
    }
}

impl Serialize for Field<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            Field::Int(n) => s.serialize_i64(n),
            Field::UInt(n) => s.serialize_u64(n),
            Field::Text(t) => s.serialize_str(t),
            Field::Bool(b) => s.serialize_bool(b),
            Field::Ip(ip) => s.collect_str(&ip),
        }
    }
}

/// A row's fields, in key order; `None` leaves the key out.
type Fields<'a> = [Option<Field<'a>>; MAX_KEYS];

/// A row's fields as JSON values, in key order; `None` leaves the key out.
type Values = [Option<Value>; MAX_KEYS];

/// A kind of row: its keys, and its fields in that order.
trait Row {
    /// Every key the row may have, in order (at most [`MAX_KEYS`]).
    const KEYS: &'static [&'static str];
    /// The fields; `names` are the servers' display names, by server index.
    fn fields<'a>(&'a self, names: &'a [String]) -> Fields<'a>;
}

/// One ADM_DHCPScopesTable row.
#[derive(Debug, Clone, PartialEq)]
pub struct ScopeRow {
    /// RecordId.
    pub record_id: i64,
    /// ScopeId.
    pub address: Ipv4Addr,
    /// The server's index (DHCPServerRecordId is one more).
    pub server: usize,
    /// The scope's properties; `None` for a row made up for a member scope that no scope
    /// list has (`FromFailoverOnly`).
    pub props: Option<ScopeProps>,
}

impl Row for ScopeRow {
    const KEYS: &'static [&'static str] = &[
        "RecordId",
        "ScopeId",
        "ScopeName",
        "DHCPServerRecordId",
        "DHCPServerName",
        "AddressFamily",
        "SubnetMask",
        "StartRange",
        "EndRange",
        "LeaseDuration",
        "State",
        "Type",
        "Description",
        "SuperscopeName",
        "Delay",
        "MaxBootpClients",
        "NapEnable",
        "NapProfile",
        "ActivatePolicies",
        "FromFailoverOnly",
    ];

    fn fields<'a>(&'a self, names: &'a [String]) -> Fields<'a> {
        let p = self.props.as_ref();
        let text = |f: fn(&ScopeProps) -> &Option<String>| {
            p.and_then(|p| f(p).as_deref()).map(Field::Text)
        };
        let number = |f: fn(&ScopeProps) -> Option<u64>| p.and_then(f).map(Field::UInt);
        let flag = |f: fn(&ScopeProps) -> Option<bool>| p.and_then(f).map(Field::Bool);
        [
            Some(Field::Int(self.record_id)),
            Some(Field::Ip(self.address)),
            text(|p| &p.name),
            Some(Field::Int(server_id(self.server))),
            Some(Field::Text(name(names, self.server))),
            Some(Field::Text("IPv4")),
            text(|p| &p.subnet_mask),
            text(|p| &p.start_range),
            text(|p| &p.end_range),
            number(|p| p.lease_seconds),
            text(|p| &p.state),
            text(|p| &p.kind),
            text(|p| &p.description),
            text(|p| &p.superscope),
            number(|p| p.delay),
            number(|p| p.max_bootp_clients),
            flag(|p| p.nap_enable),
            text(|p| &p.nap_profile),
            flag(|p| p.activate_policies),
            p.is_none().then_some(Field::Bool(true)),
        ]
    }
}

impl ScopeRow {
    /// [`Row::fields`] as values, the texts moved out rather than copied.
    fn into_values(self, names: &[String]) -> Values {
        let made_up = self.props.is_none();
        let p = self.props.unwrap_or_default();
        let text = |v: Option<String>| v.map(Value::String);
        let number = |v: Option<u64>| v.map(Value::from);
        let flag = |v: Option<bool>| v.map(Value::Bool);
        [
            Some(self.record_id.into()),
            Some(self.address.to_string().into()),
            text(p.name),
            Some(server_id(self.server).into()),
            Some(name(names, self.server).into()),
            Some("IPv4".into()),
            text(p.subnet_mask),
            text(p.start_range),
            text(p.end_range),
            number(p.lease_seconds),
            text(p.state),
            text(p.kind),
            text(p.description),
            text(p.superscope),
            number(p.delay),
            number(p.max_bootp_clients),
            flag(p.nap_enable),
            text(p.nap_profile),
            flag(p.activate_policies),
            made_up.then_some(Value::Bool(true)),
        ]
    }
}

/// One ADM_DhcpFailoverTable row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FailoverRow {
    /// RecordId.
    pub record_id: i64,
    /// RelationshipName.
    pub name: String,
    /// Mode.
    pub mode: Option<String>,
    /// Server1's index.
    pub server1: usize,
    /// Server1IP.
    pub server1_ip: Option<String>,
    /// Server2's index, when the partner could be named.
    pub server2: Option<usize>,
    /// Server2IP.
    pub server2_ip: Option<String>,
    /// Server1State.
    pub server1_state: Option<String>,
    /// Server2State.
    pub server2_state: Option<String>,
    /// Server1Percentage.
    pub server1_percentage: Option<u64>,
    /// MCLT in seconds.
    pub mclt: Option<u64>,
    /// AutoStateTransition.
    pub auto_state_transition: Option<bool>,
    /// StateSwitchInterval in seconds.
    pub state_switch_interval: Option<u64>,
    /// SharedSecretEnabled.
    pub shared_secret_enabled: Option<bool>,
}

impl Row for FailoverRow {
    const KEYS: &'static [&'static str] = &[
        "RecordId",
        "RelationshipName",
        "Mode",
        "Server1RecordId",
        "Server1Name",
        "Server1IP",
        "Server2RecordId",
        "Server2Name",
        "Server2IP",
        "Server1State",
        "Server2State",
        "Server1Percentage",
        "MCLT",
        "AutoStateTransition",
        "StateSwitchInterval",
        "SharedSecretEnabled",
    ];

    fn fields<'a>(&'a self, names: &'a [String]) -> Fields<'a> {
        let text = |v: &'a Option<String>| v.as_deref().map(Field::Text);
        let mut out: Fields<'a> = [None; MAX_KEYS];
        let fields = [
            Some(Field::Int(self.record_id)),
            Some(Field::Text(&self.name)),
            text(&self.mode),
            Some(Field::Int(server_id(self.server1))),
            Some(Field::Text(name(names, self.server1))),
            text(&self.server1_ip),
            self.server2.map(|s| Field::Int(server_id(s))),
            self.server2.map(|s| Field::Text(name(names, s))),
            self.server2.and(text(&self.server2_ip)),
            text(&self.server1_state),
            text(&self.server2_state),
            self.server1_percentage.map(Field::UInt),
            self.mclt.map(Field::UInt),
            self.auto_state_transition.map(Field::Bool),
            self.state_switch_interval.map(Field::UInt),
            self.shared_secret_enabled.map(Field::Bool),
        ];
        for (slot, field) in out.iter_mut().zip(fields) {
            *slot = field;
        }
        out
    }
}

/// One ADM_DhcpScopeFailoverTable row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairRow {
    /// ScopeId: the RecordId of the scope's row.
    pub scope: i64,
    /// FailoverRelationId: the RecordId of the relationship's row.
    pub relation: i64,
}

impl Row for PairRow {
    const KEYS: &'static [&'static str] = &["ScopeId", "FailoverRelationId"];

    fn fields<'a>(&'a self, _: &'a [String]) -> Fields<'a> {
        let mut out: Fields<'a> = [None; MAX_KEYS];
        out[0] = Some(Field::Int(self.scope));
        out[1] = Some(Field::Int(self.relation));
        out
    }
}

/// DHCPServerRecordId / ServerNRecordId of a server index.
fn server_id(server: usize) -> i64 {
    i64::try_from(server).map_or(i64::MAX, |s| s.saturating_add(1))
}

/// The display name of a server index.
fn name(names: &[String], server: usize) -> &str {
    names.get(server).map_or("", String::as_str)
}

/// The three tables.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableRows {
    /// The servers' display names, by index.
    pub names: Vec<String>,
    /// ADM_DhcpFailoverTable.
    pub failovers: Vec<FailoverRow>,
    /// ADM_DhcpScopeFailoverTable.
    pub pairs: Vec<PairRow>,
    /// ADM_DHCPScopesTable.
    pub scopes: Vec<ScopeRow>,
}

impl TableRows {
    /// `{ ADM_DhcpFailoverTable, ADM_DhcpScopeFailoverTable, ADM_DHCPScopesTable }`.
    pub fn into_value(self) -> Value {
        let names = self.names;
        let failovers = values(&self.failovers, &names);
        let pairs = values(&self.pairs, &names);
        let mut templates = Templates::default();
        let scopes = self
            .scopes
            .into_iter()
            .map(|r| templates.row(ScopeRow::KEYS, r.into_values(&names)))
            .collect();
        let mut out = Map::with_capacity(3);
        out.insert(FAILOVER_TABLE.into(), failovers);
        out.insert(SCOPE_FAILOVER_TABLE.into(), pairs);
        out.insert(SCOPES_TABLE.into(), Value::Array(scopes));
        Value::Object(out)
    }

    /// The same as JSON text: what `into_value().to_string()` gives, without the value.
    /// Written twice: once to count its bytes, then into a buffer of exactly that size. A
    /// guessed size that falls short doubles the buffer, and in wasm (where memory once
    /// grown stays grown) the old and the doubled buffer are both paid for: 300,000
    /// scopes' text of 211 MB cost 600 MB that way.
    pub fn to_text(&self) -> String {
        let mut size = ByteCount(0);
        // Writing these rows cannot fail: every key is text, and neither writer refuses.
        if serde_json::to_writer(&mut size, self).is_err() {
            return String::new();
        }
        let mut out = Vec::with_capacity(size.0);
        if serde_json::to_writer(&mut out, self).is_err() {
            return String::new();
        }
        String::from_utf8(out).unwrap_or_default()
    }
}

/// A writer that only counts the bytes written to it.
struct ByteCount(usize);

impl std::io::Write for ByteCount {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0 += bytes.len();
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A table's rows as JSON values.
fn values<R: Row>(rows: &[R], names: &[String]) -> Value {
    let mut templates = Templates::default();
    Value::Array(
        rows.iter()
            .map(|r| templates.row(R::KEYS, r.fields(names).map(|f| f.map(Field::to_value))))
            .collect(),
    )
}

/// Per set of present keys (a bit mask), a map with those keys in order and null values.
#[derive(Default)]
struct Templates(FxHashMap<u32, Map<String, Value>>);

impl Templates {
    fn row(&mut self, keys: &[&str], values: Values) -> Value {
        let mask = values
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_some())
            .fold(0u32, |m, (i, _)| m | (1u32 << i));
        let template = self.0.entry(mask).or_insert_with(|| {
            keys.iter()
                .zip(&values)
                .filter(|(_, v)| v.is_some())
                .map(|(k, _)| ((*k).to_owned(), Value::Null))
                .collect()
        });
        // `clone` would give the row as much room as the template's hash table (28 entries
        // for 19): cloning into a map of the exact size keeps only what is used.
        let mut row = Map::with_capacity(template.len());
        row.clone_from(template);
        for (slot, value) in row.values_mut().zip(values.into_iter().flatten()) {
            *slot = value;
        }
        Value::Object(row)
    }
}

/// A table's rows, serialized with the servers' names at hand.
struct Table<'a, R> {
    rows: &'a [R],
    names: &'a [String],
}

/// One row, serialized with the servers' names at hand.
struct RowRef<'a, R> {
    row: &'a R,
    names: &'a [String],
}

impl<R: Row> Serialize for RowRef<'_, R> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let fields = self.row.fields(self.names);
        let mut map = s.serialize_map(None)?;
        for (key, field) in R::KEYS.iter().zip(&fields) {
            if let Some(field) = field {
                map.serialize_entry(key, field)?;
            }
        }
        map.end()
    }
}

impl<R: Row> Serialize for Table<'_, R> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.rows.len()))?;
        for row in self.rows {
            seq.serialize_element(&RowRef {
                row,
                names: self.names,
            })?;
        }
        seq.end()
    }
}

impl Serialize for TableRows {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let names = self.names.as_slice();
        let mut map = s.serialize_map(Some(3))?;
        map.serialize_entry(
            FAILOVER_TABLE,
            &Table {
                rows: &self.failovers,
                names,
            },
        )?;
        map.serialize_entry(
            SCOPE_FAILOVER_TABLE,
            &Table {
                rows: &self.pairs,
                names,
            },
        )?;
        map.serialize_entry(
            SCOPES_TABLE,
            &Table {
                rows: &self.scopes,
                names,
            },
        )?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> TableRows {
        TableRows {
            names: vec!["a.example".into(), "b \"quoted\" ☺".into()],
            failovers: vec![
                FailoverRow {
                    record_id: 1,
                    name: "rel\n1".into(),
                    mode: Some("LoadBalance".into()),
                    server1: 0,
                    server1_ip: Some("10.0.0.1".into()),
                    server2: Some(1),
                    server2_ip: None,
                    server1_state: Some("Normal".into()),
                    server1_percentage: Some(50),
                    mclt: Some(3600),
                    auto_state_transition: Some(false),
                    shared_secret_enabled: Some(true),
                    ..FailoverRow::default()
                },
                FailoverRow {
                    record_id: 2,
                    name: "lonely".into(),
                    server1: 1,
                    server2_ip: Some("ignored without a Server2".into()),
                    ..FailoverRow::default()
                },
            ],
            pairs: vec![PairRow {
                scope: 2,
                relation: 1,
            }],
            scopes: vec![
                ScopeRow {
                    record_id: 1,
                    address: Ipv4Addr::new(10, 1, 0, 0),
                    server: 0,
                    props: Some(ScopeProps {
                        name: Some("HQ".into()),
                        lease_seconds: Some(691_200),
                        description: Some(String::new()),
                        nap_enable: Some(false),
                        ..ScopeProps::default()
                    }),
                },
                ScopeRow {
                    record_id: 2,
                    address: Ipv4Addr::new(10, 2, 0, 0),
                    server: 1,
                    props: None,
                },
            ],
        }
    }

    #[test]
    fn value_and_text_agree_key_for_key() {
        let rows = sample();
        let text = rows.to_text();
        let value = rows.into_value();
        assert_eq!(text, value.to_string());
        let expected = serde_json::json!({
            "ADM_DhcpFailoverTable": [
                { "RecordId": 1, "RelationshipName": "rel\n1", "Mode": "LoadBalance",
                  "Server1RecordId": 1, "Server1Name": "a.example", "Server1IP": "10.0.0.1",
                  "Server2RecordId": 2, "Server2Name": "b \"quoted\" ☺",
                  "Server1State": "Normal", "Server1Percentage": 50, "MCLT": 3600,
                  "AutoStateTransition": false, "SharedSecretEnabled": true },
                { "RecordId": 2, "RelationshipName": "lonely",
                  "Server1RecordId": 2, "Server1Name": "b \"quoted\" ☺" },
            ],
            "ADM_DhcpScopeFailoverTable": [ { "ScopeId": 2, "FailoverRelationId": 1 } ],
            "ADM_DHCPScopesTable": [
                { "RecordId": 1, "ScopeId": "10.1.0.0", "ScopeName": "HQ",
                  "DHCPServerRecordId": 1, "DHCPServerName": "a.example",
                  "AddressFamily": "IPv4", "LeaseDuration": 691200, "Description": "",
                  "NapEnable": false },
                { "RecordId": 2, "ScopeId": "10.2.0.0", "DHCPServerRecordId": 2,
                  "DHCPServerName": "b \"quoted\" ☺", "AddressFamily": "IPv4",
                  "FromFailoverOnly": true },
            ],
        });
        assert_eq!(value, expected);
        assert_eq!(
            value.to_string(),
            expected.to_string(),
            "the same key order"
        );
    }
}
