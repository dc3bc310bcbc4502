// Preflight findings, grouped and counted for the dialog. No DOM: the worker runs this
// so that only the summary and the first groups cross to the page, however many scopes
// the add holds.

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 };
export const FINDING_GROUP_LIMIT = 200;

const keyOf = (id) => String(id);
const rank = (f) => SEVERITY_RANK[f.severity] ?? 2;

/**
 * Findings grouped for reading: the relationship-level ones (ScopeId null) first, then
 * one group per scope in request order, scopes with an error before those with only a
 * warning, before those with only information; within a group, errors first.
 */
export function groupFindings(findings) {
  const general = [];
  const byScope = new Map();
  for (const finding of findings) {
    if (finding.ScopeId === null || finding.ScopeId === undefined) {
      general.push(finding);
      continue;
    }
    const key = keyOf(finding.ScopeId);
    let group = byScope.get(key);
    if (!group) {
      group = { key, id: finding.ScopeId, findings: [], rank: 2 };
      byScope.set(key, group);
    }
    group.findings.push(finding);
    group.rank = Math.min(group.rank, rank(finding));
  }
  const groups = [...byScope.values()].sort((a, b) => a.rank - b.rank); // sort is stable
  for (const group of groups) group.findings.sort((a, b) => rank(a) - rank(b));
  general.sort((a, b) => rank(a) - rank(b));
  return { general, groups };
}

/** Counts: scopes with an error, relationship-level errors, warnings, scopes already there. */
export function summarizeFindings(findings) {
  const errorScopes = new Set();
  let generalErrors = 0;
  let warnings = 0;
  const present = new Set();
  for (const f of findings) {
    const scoped = f.ScopeId !== null && f.ScopeId !== undefined;
    if (f.severity === 'error') {
      if (scoped) errorScopes.add(keyOf(f.ScopeId));
      else generalErrors++;
    } else if (f.severity === 'warning') {
      warnings++;
    } else if (f.rule === 'already-present' && scoped) {
      present.add(keyOf(f.ScopeId));
    }
  }
  return { errorScopes: errorScopes.size, generalErrors, warnings, present: present.size };
}

/**
 * What the admin must do before an add is staged:
 *   'errors'   a DHCP server would refuse part or all of it: tick "I understand…", then "Stage anyway";
 *   'warnings' it would go through with a caveat (more than 400 scopes in one call): one "Stage" click;
 *   null       nothing to say, or only information ("already in this relationship", which the
 *              result list reports anyway): the add is staged directly, without a dialog.
 */
export function confirmationNeeded(summary) {
  if (summary.errorScopes > 0 || summary.generalErrors > 0) return 'errors';
  if (summary.warnings > 0) return 'warnings';
  return null;
}
