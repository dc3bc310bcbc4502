//! The preflight findings as the page's dialog reads them: counted, grouped per scope and
//! bounded in Rust, so that only a summary and the first groups cross to JavaScript,
//! however many scopes an add holds (an add of 100,000 scopes has tens of thousands of
//! findings).

use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::{json, Value};

use crate::fault::Fault;
use crate::parameter::{RawIds, RawParameter};
use crate::progress::Progress;
use crate::raw::RawId;

use super::{Finding, Severity, Workspace};

fn rank(severity: Severity) -> u8 {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// `items` in order of `key`, keeping their order where keys tie (as a stable sort).
fn ordered_by<T>(items: Vec<T>, key: impl Fn(&T) -> u8) -> Vec<T> {
    super::sort::sorted_by(items, |item| (i64::from(key(item)), 0))
}

impl Workspace {
    /// The preflight of an add, for reading: `{ summary: { errorScopes, generalErrors,
    /// warnings, present }, general: [finding], groups: [{ key, id, name, address,
    /// findings: [finding] }], groupCount }`. `general` holds the relationship-level
    /// findings; `groups` one per scope with findings, at most `group_limit`: scopes with
    /// an error first, then with a warning, then with information only, each in request
    /// order; errors first within a group. A finding is `{ ScopeId, rule, severity,
    /// dhcpError, message }`. Faults as [`Workspace::preflight`].
    ///
    /// `port` hears the check's progress (`set_completion_percentage` only, 0 to 99, every
    /// thousand or so scopes) and may cancel it: then a CANCELLED fault.
    pub fn preflight_report<P: Progress + ?Sized>(
        &self,
        raw: &RawParameter,
        group_limit: usize,
        port: &mut P,
    ) -> Result<Value, Fault> {
        // Counted and ranked without messages; the shown groups' findings are then found
        // again with their words.
        let mut last = None;
        let mut tick = |done: usize, total: usize| {
            let percent = (done as u128 * 99 / total.max(1) as u128) as u8;
            if last.is_none_or(|l| percent > l) {
                last = Some(percent);
                port.set_completion_percentage(percent)
                    .map_err(|_| Fault::cancelled())?;
            }
            Ok(())
        };
        let findings = super::preflight::findings(&self.store, raw, false, &mut tick)?;
        let mut general: Vec<&Finding> = Vec::new();
        let mut groups: Vec<(i64, Vec<&Finding>, u8)> = Vec::new();
        let mut at: FxHashMap<i64, usize> = FxHashMap::default();
        let (mut error_scopes, mut present) = (FxHashSet::default(), FxHashSet::default());
        let (mut general_errors, mut warnings) = (0usize, 0usize);
        for f in &findings {
            match (f.severity, f.scope_id) {
                (Severity::Error, Some(id)) => {
                    error_scopes.insert(id);
                }
                (Severity::Error, None) => general_errors += 1,
                (Severity::Warning, _) => warnings += 1,
                (Severity::Info, Some(id)) if f.rule == super::Rule::AlreadyPresent => {
                    present.insert(id);
                }
                _ => {}
            }
            let Some(id) = f.scope_id else {
                general.push(f);
                continue;
            };
            let i = *at.entry(id).or_insert_with(|| {
                groups.push((id, Vec::new(), 2));
                groups.len() - 1
            });
            let group = &mut groups[i];
            group.1.push(f);
            group.2 = group.2.min(rank(f.severity));
        }
        let general = ordered_by(general, |f| rank(f.severity));
        let group_count = groups.len();
        let groups = ordered_by(groups, |g| g.2); // request order within a rank
        let shown_ids: Vec<i64> = groups.iter().take(group_limit).map(|g| g.0).collect();
        let mut words: FxHashMap<i64, Vec<Finding>> = FxHashMap::default();
        if !shown_ids.is_empty() {
            let mut again = raw.clone();
            again.scope_ids = RawIds::Items(shown_ids.iter().map(|id| RawId::from(*id)).collect());
            for f in super::preflight::findings(&self.store, &again, true, &mut |_, _| Ok(()))? {
                if let Some(id) = f.scope_id {
                    words.entry(id).or_default().push(f);
                }
            }
        }
        let shown: Vec<Value> = shown_ids
            .iter()
            .map(|id| {
                let list = ordered_by(words.remove(id).unwrap_or_default(), |f| rank(f.severity));
                let entry = self.view.entry(*id);
                let name = entry
                    .map(|e| e.name.to_string())
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| format!("scope {id}"));
                json!({
                    "key": id.to_string(),
                    "id": id,
                    "name": name,
                    "address": entry.map_or("", |e| e.address),
                    "findings": list.iter().map(Finding::to_json).collect::<Vec<_>>(),
                })
            })
            .collect();
        Ok(json!({
            "summary": {
                "errorScopes": error_scopes.len(),
                "generalErrors": general_errors,
                "warnings": warnings,
                "present": present.len(),
            },
            "general": general.iter().map(|f| f.to_json()).collect::<Vec<_>>(),
            "groups": shown,
            "groupCount": group_count,
        }))
    }
}
