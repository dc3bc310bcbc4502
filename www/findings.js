// Preflight findings: how many scope groups the dialog shows, and what the admin must do.
// The counting and grouping run in wasm (ws.preflightReport), so that only the summary and
// the first groups cross to the page, however many scopes the add holds. No DOM.

export const FINDING_GROUP_LIMIT = 200;

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
