//! The working copy against a naive model: random sequences of adds, removes, undos and
//! redos, with the diff and the serialised and packed round trips checked after every step.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::HashMap;

use common::add;
use ipam_failover::parameter::{RawFailover, RawParameter};
use ipam_failover::progress::NoProgress;
use ipam_failover::raw::{RawId, RawText};
use ipam_failover::tables::Tables;
use ipam_failover::workspace::Workspace;
use proptest::prelude::*;
use serde_json::json;

#[derive(Debug, Clone)]
enum Op {
    Add(i64, Vec<i64>),
    Remove(Option<i64>, Vec<i64>),
    Undo,
    Redo,
}

fn op() -> impl Strategy<Value = Op> {
    let ids = || prop::collection::vec(0i64..12, 1..6);
    prop_oneof![
        (1i64..4, ids()).prop_map(|(r, s)| Op::Add(r, s)),
        (prop::option::of(1i64..4), ids()).prop_map(|(r, s)| Op::Remove(r, s)),
        Just(Op::Undo),
        Just(Op::Redo),
    ]
}

fn remove(failover: Option<i64>, scopes: &[i64]) -> RawParameter {
    let mut p = add(0, scopes);
    p.failover = match failover {
        Some(f) => RawFailover::Object(RawId::from(f)),
        None => RawFailover::Absent,
    };
    p.type_tag = RawText::Text("DhcpFailoverRemoveScopesParameters".into());
    p
}

type Pairs = Vec<(i64, i64)>;

/// The naive model: whole states on an undo stack.
struct Model {
    states: Vec<Pairs>,
    cursor: usize,
}

impl Model {
    fn now(&self) -> &Pairs {
        &self.states[self.cursor]
    }
    fn push(&mut self, next: Pairs) {
        if &next != self.now() {
            self.states.truncate(self.cursor + 1);
            self.states.push(next);
            self.cursor += 1;
        }
    }
    fn apply(&mut self, op: &Op) {
        let mut next = self.now().clone();
        match op {
            Op::Add(r, scopes) => {
                for s in scopes {
                    if !next.contains(&(*s, *r)) {
                        next.push((*s, *r));
                    }
                }
            }
            Op::Remove(r, scopes) => {
                next.retain(|(s, rel)| !(scopes.contains(s) && r.is_none_or(|r| r == *rel)));
            }
            Op::Undo => {
                self.cursor = self.cursor.saturating_sub(1);
                return;
            }
            Op::Redo => {
                self.cursor = (self.cursor + 1).min(self.states.len() - 1);
                return;
            }
        }
        self.push(next);
    }
}

fn pairs(tables: &Tables) -> Pairs {
    tables
        .scope_failovers
        .iter()
        .map(|r| (r.scope_id, r.relation_id))
        .collect()
}

fn count(p: &Pairs) -> HashMap<(i64, i64), i64> {
    let mut m = HashMap::new();
    for x in p {
        *m.entry(*x).or_insert(0) += 1;
    }
    m
}

fn base() -> (Tables, Pairs) {
    let loaded = vec![(1, 1), (2, 1), (3, 2), (4, 3), (5, 3)];
    let tables = Tables::from_json(&json!({
        "ADM_DhcpFailoverTable": [
            { "RecordId": 1, "RelationshipName": "a" },
            { "RecordId": 2, "RelationshipName": "b" },
            { "RecordId": 3 }
        ],
        "ADM_DhcpScopeFailoverTable": loaded.iter().map(|(s, r)| json!({ "ScopeId": s, "FailoverRelationId": r, "Tag": format!("t{s}") })).collect::<Vec<_>>()
    }))
    .unwrap();
    (tables, loaded)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn matches_the_model(ops in prop::collection::vec(op(), 1..30)) {
        let (tables, loaded) = base();
        let mut ws = Workspace::new(tables);
        let mut model = Model { states: vec![loaded.clone()], cursor: 0 };
        for op in &ops {
            let changed = match op {
                Op::Add(r, s) => { ws.add_scopes(&add(*r, s), &mut NoProgress).unwrap(); None }
                Op::Remove(r, s) => { ws.remove_scopes(&remove(*r, s), &mut NoProgress).unwrap(); None }
                Op::Undo => Some((model.cursor > 0, ws.undo())),
                Op::Redo => Some((model.cursor + 1 < model.states.len(), ws.redo())),
            };
            if let Some((expected, got)) = changed {
                prop_assert_eq!(expected, got, "undo/redo result after {:?}", op);
            }
            model.apply(op);
            prop_assert_eq!(&pairs(&ws.tables()), model.now(), "after {:?}", op);

            // The diff is the net multiset difference against the loaded pairs.
            let (now, was) = (count(model.now()), count(&loaded));
            let mut added: Pairs = now.iter().filter(|(k, v)| **v > *was.get(k).unwrap_or(&0)).map(|(k, _)| *k).collect();
            let mut removed: Pairs = was.iter().filter(|(k, v)| **v > *now.get(k).unwrap_or(&0)).map(|(k, _)| *k).collect();
            added.sort_by_key(|p| (p.1, p.0));
            removed.sort_by_key(|p| (p.1, p.0));
            let diff = ws.diff();
            prop_assert_eq!(&diff.added, &added);
            prop_assert_eq!(&diff.removed, &removed);

            // The serialised form round-trips exactly, history included.
            let text = ws.to_json();
            let mut back = Workspace::from_json(&text).unwrap();
            prop_assert_eq!(back.to_json(), text.clone());
            prop_assert_eq!(back.tables(), ws.tables());
            prop_assert_eq!((back.can_undo(), back.can_redo()), (ws.can_undo(), ws.can_redo()));
            let mut probe = ws.clone();
            prop_assert_eq!(back.undo(), probe.undo());
            prop_assert_eq!(back.tables(), probe.tables());

            // So does the packed form, with the list of scopes.
            let mut unpacked = Workspace::from_packed(&ws.to_packed()).unwrap();
            prop_assert_eq!(unpacked.to_json(), text);
            prop_assert_eq!(unpacked.view().entries().collect::<Vec<_>>(), ws.view().entries().collect::<Vec<_>>());
            prop_assert_eq!((unpacked.can_undo(), unpacked.can_redo()), (ws.can_undo(), ws.can_redo()));
            prop_assert_eq!(unpacked.undo(), ws.clone().undo());
            prop_assert_eq!(unpacked.tables(), probe.tables());
        }
    }
}

#[test]
fn undoing_a_removal_restores_the_row_in_place_with_its_fields() {
    let (tables, _) = base();
    let mut ws = Workspace::new(tables.clone());
    ws.remove_scopes(&remove(None, &[2, 4]), &mut NoProgress)
        .unwrap();
    assert_eq!(pairs(&ws.tables()), [(1, 1), (3, 2), (5, 3)]);
    assert!(ws.undo());
    assert_eq!(ws.tables(), tables);
    assert!(!ws.undo());
    assert!(ws.redo());
    assert!(!ws.redo());
    assert_eq!(ws.diff().removed, [(2, 1), (4, 3)]);
}

#[test]
fn a_new_change_after_undo_drops_the_redo_branch() {
    let (tables, _) = base();
    let mut ws = Workspace::new(tables);
    ws.add_scopes(&add(2, &[9]), &mut NoProgress).unwrap();
    assert!(ws.undo());
    ws.add_scopes(&add(2, &[8]), &mut NoProgress).unwrap();
    assert!(!ws.redo());
    assert_eq!(ws.diff().added, [(8, 2)]);
}

#[test]
fn a_no_op_records_nothing() {
    let (tables, _) = base();
    let mut ws = Workspace::new(tables);
    ws.add_scopes(&add(1, &[1, 2]), &mut NoProgress).unwrap();
    assert!(!ws.can_undo());
}

#[test]
fn damaged_snapshots_are_refused_with_invalid_snapshot() {
    let (tables, _) = base();
    let mut ws = Workspace::new(tables);
    ws.remove_scopes(&remove(Some(1), &[1]), &mut NoProgress)
        .unwrap();
    let good = ws.to_json();
    let cases = [
        ("not json", "not JSON".to_owned()),
        ("[]", "not a JSON object".to_owned()),
        (
            &good.replace("ipam-failover-workspace", "other") as &str,
            "format".to_owned(),
        ),
        (
            &good.replace("\"version\":1", "\"version\":2"),
            "version".to_owned(),
        ),
        (
            &good.replace("\"cursor\":1", "\"cursor\":5"),
            "cursor".to_owned(),
        ),
        (
            &good.replace("\"slot\":0", "\"slot\":3"),
            "does not match".to_owned(),
        ),
        (
            &good.replace("\"op\":\"remove\"", "\"op\":\"drop\""),
            "op is neither".to_owned(),
        ),
        (
            &good.replace("\"RecordId\":1,", "\"RecordId\":\"x\","),
            "tables are malformed".to_owned(),
        ),
    ];
    for (text, needle) in cases {
        let f = Workspace::from_json(text).unwrap_err();
        assert_eq!(
            f.code(),
            ipam_failover::fault::FaultCode::InvalidSnapshot,
            "{f}"
        );
        assert!(
            f.message().contains(&needle),
            "{f} should mention {needle:?}"
        );
    }
}

#[test]
fn fields_keep_their_order_through_load_and_save() {
    let text = r#"{"ADM_DhcpFailoverTable":[{"RecordId":1,"Zeta":1,"Alpha":2,"Mid":3}],"ADM_DhcpScopeFailoverTable":[{"ScopeId":1,"FailoverRelationId":1,"Z":1,"A":2}],"ADM_DHCPScopesTable":[{"RecordId":1,"ScopeName":"x","DHCPServerRecordId":5,"ScopeId":"10.0.0.0"}]}"#;
    let value: serde_json::Value = serde_json::from_str(text).unwrap();
    let tables = Tables::from_json(&value).unwrap();
    assert_eq!(tables.to_json().to_string(), text);
    let ws = Workspace::new(tables);
    let back = Workspace::from_json(&ws.to_json()).unwrap();
    assert_eq!(back.tables().to_json().to_string(), text);
}
