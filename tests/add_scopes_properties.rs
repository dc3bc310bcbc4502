//! Property tests of the add delegate's invariants, run against both table forms: the
//! owned `Tables` and the `PairColumns` the browser binding uses.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::HashMap;

use common::add;
use ipam_failover::fault::FaultCode;
use ipam_failover::ops::add_scopes;
use ipam_failover::progress::{NoProgress, Recorder};
use ipam_failover::tables::{FailoverTables, PairColumns, Tables};
use proptest::prelude::*;
use serde_json::json;

fn tables(relations: &[i64], pairs: &[(i64, i64)]) -> Tables {
    Tables::from_json(&json!({
        "ADM_DhcpFailoverTable": relations.iter().map(|r| json!({ "RecordId": r })).collect::<Vec<_>>(),
        "ADM_DhcpScopeFailoverTable": pairs.iter().map(|(s, r)| json!({ "ScopeId": s, "FailoverRelationId": r })).collect::<Vec<_>>(),
    }))
    .unwrap()
}

fn columns(relations: &[i64], pairs: &[(i64, i64)]) -> PairColumns {
    PairColumns::new(
        relations.to_vec(),
        pairs.iter().map(|p| p.0).collect(),
        pairs.iter().map(|p| p.1).collect(),
    )
    .unwrap()
}

fn counts(pairs: &[(i64, i64)]) -> HashMap<(i64, i64), usize> {
    let mut m = HashMap::new();
    for p in pairs {
        *m.entry(*p).or_insert(0) += 1;
    }
    m
}

/// Relationship ids, existing pairs, the target relationship, the requested scope ids.
type World = (Vec<i64>, Vec<(i64, i64)>, i64, Vec<i64>);

fn world() -> impl Strategy<Value = World> {
    (
        prop::collection::btree_set(1i64..6, 1..4),
        prop::collection::btree_set((0i64..30, 1i64..8), 0..40),
        1i64..8,
        prop::collection::vec(0i64..30, 1..25),
    )
        .prop_map(|(rels, pairs, target, ids)| {
            (
                rels.into_iter().collect(),
                pairs.into_iter().collect(),
                target,
                ids,
            )
        })
}

proptest! {
    #[test]
    fn success_leaves_every_requested_pair_exactly_once_and_nothing_else_changed(
        (rels, pairs, target, ids) in world()
    ) {
        let mut t = tables(&rels, &pairs);
        let before = t.clone();
        let out = add_scopes(&add(target, &ids), || Ok(&mut t), &mut NoProgress);
        if !rels.contains(&target) {
            prop_assert_eq!(out.unwrap_err().code(), FaultCode::FailoverNotFound);
            prop_assert_eq!(t, before);
            return Ok(());
        }
        let out = out.unwrap();
        let after: Vec<(i64, i64)> = t.scope_failovers.iter().map(|r| (r.scope_id, r.relation_id)).collect();
        // Existing rows are untouched and first, in order.
        prop_assert_eq!(&after[..pairs.len()], &pairs[..]);
        let c = counts(&after);
        for id in &ids {
            prop_assert_eq!(c.get(&(*id, target)), Some(&1));
        }
        // Only requested pairs were added.
        for p in &after[pairs.len()..] {
            prop_assert_eq!(p.1, target);
            prop_assert!(ids.contains(&p.0));
        }
        prop_assert_eq!(out.added.len() + out.already_present.len(),
            ids.iter().collect::<std::collections::HashSet<_>>().len());
    }

    #[test]
    fn the_column_form_agrees_with_the_owned_form((rels, pairs, target, ids) in world()) {
        let mut t = tables(&rels, &pairs);
        let mut c = columns(&rels, &pairs);
        let a = add_scopes(&add(target, &ids), || Ok(&mut t), &mut NoProgress);
        let b = add_scopes(&add(target, &ids), || Ok(&mut c), &mut NoProgress);
        prop_assert_eq!(a, b);
        for (s, r) in t.scope_failovers.iter().map(|r| (r.scope_id, r.relation_id)) {
            prop_assert!(c.has_pair(s, r), "pair ({}, {}) missing", s, r);
        }
        prop_assert_eq!(c.pair_count(), t.scope_failovers.len());
    }

    #[test]
    fn twice_equals_once_prop((rels, pairs, target, ids) in world()) {
        prop_assume!(rels.contains(&target));
        let mut t = tables(&rels, &pairs);
        add_scopes(&add(target, &ids), || Ok(&mut t), &mut NoProgress).unwrap();
        let once = t.clone();
        let again = add_scopes(&add(target, &ids), || Ok(&mut t), &mut NoProgress).unwrap();
        prop_assert_eq!(&t, &once);
        prop_assert!(again.added.is_empty());
    }

    #[test]
    fn a_fault_or_cancel_changes_nothing((rels, pairs, target, ids) in world(), at in 0usize..60) {
        let mut t = tables(&rels, &pairs);
        let before = t.clone();
        let mut rec = Recorder { cancel_at: Some(at), ..Recorder::new(true) };
        let calls_before_success = {
            let mut probe = Recorder::new(true);
            let mut scratch = t.clone();
            let _ = add_scopes(&add(target, &ids), || Ok(&mut scratch), &mut probe);
            probe.events.len() - 1
        };
        let out = add_scopes(&add(target, &ids), || Ok(&mut t), &mut rec);
        match out {
            Err(_) => prop_assert_eq!(t, before),
            Ok(_) => prop_assert!(at >= calls_before_success),
        }
    }
}
