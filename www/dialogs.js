// The two modal dialogs: the preflight findings before an add, and a plain confirmation
// (discard, replace the working copy). Both are native <dialog> elements opened with
// showModal(): focus moves in and stays in, Escape closes them, and closing returns focus
// to where it was. Every string from data is set as text.

import { el, fmt, plural } from './render.js';
import { idKey, scopeLabel } from './tables.js';

const $ = (id) => document.getElementById(id);

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 };
export const FINDING_GROUP_LIMIT = 200;

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
    const key = idKey(finding.ScopeId);
    let group = byScope.get(key);
    if (!group) {
      group = { key, id: finding.ScopeId, findings: [], rank: 2 };
      byScope.set(key, group);
    }
    group.findings.push(finding);
    group.rank = Math.min(group.rank, SEVERITY_RANK[finding.severity] ?? 2);
  }
  const rank = (f) => SEVERITY_RANK[f.severity] ?? 2;
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
      if (scoped) errorScopes.add(idKey(f.ScopeId));
      else generalErrors++;
    } else if (f.severity === 'warning') {
      warnings++;
    } else if (f.rule === 'already-present' && scoped) {
      present.add(idKey(f.ScopeId));
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

function findingItem(finding) {
  const severity = ['error', 'warning', 'info'].includes(finding.severity) ? finding.severity : 'info';
  return el('li', { class: `finding ${severity}` },
    el('span', { class: 'badge' }, severity),
    ' ',
    el('code', { class: 'rule' }, String(finding.rule)),
    finding.dhcpError !== null && finding.dhcpError !== undefined
      ? el('span', { class: 'dhcp-error' }, ` DHCP error ${finding.dhcpError}`) : null,
    el('span', { class: 'message' }, `: ${String(finding.message)}`));
}

function ackText(summary) {
  if (summary.generalErrors > 0) {
    return summary.errorScopes > 0
      ? `I understand the DHCP servers would refuse this add, and ${plural(summary.errorScopes, 'scope')} in it`
      : 'I understand the DHCP servers would refuse this add';
  }
  return `I understand ${plural(summary.errorScopes, 'scope')} would be refused by the DHCP server`;
}

function summaryText(summary, total) {
  const parts = [];
  if (summary.generalErrors > 0) parts.push('the relationship is not ready: the DHCP servers would refuse the whole add');
  if (summary.errorScopes > 0) parts.push(`${plural(summary.errorScopes, 'scope')} would be refused by the DHCP server`);
  if (summary.warnings > 0) parts.push(plural(summary.warnings, 'warning'));
  if (summary.present > 0) parts.push(`${fmt(summary.present)} already in this relationship (nothing to do)`);
  const head = `Of ${plural(total, 'selected scope')}: `;
  return parts.length ? `${head}${parts.join('; ')}.` : `${head}no findings.`;
}

/** Opens `dialog` modally; resolves with its returnValue once it closes (Escape gives ''). */
function showDialog(dialog, focusFirst) {
  const before = document.activeElement;
  dialog.returnValue = '';
  dialog.showModal();
  focusFirst?.focus();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      if (before instanceof HTMLElement && before.isConnected && !before.disabled) before.focus();
      resolve(dialog.returnValue);
    }, { once: true });
  });
}

/**
 * Shows the preflight findings of an add and resolves true when the admin stages it
 * anyway, false when they cancel (button or Escape). `view` names the scopes.
 */
export function preflightDialog({ findings, view, total, relationshipName }) {
  const dialog = $('preflight-dialog');
  const summary = summarizeFindings(findings);
  const need = confirmationNeeded(summary);
  const { general, groups } = groupFindings(findings);

  $('preflight-title').textContent = `Before adding ${plural(total, 'scope')} to ${relationshipName}`;
  $('preflight-summary').textContent = summaryText(summary, total);
  const children = [];
  if (general.length) {
    children.push(el('h3', {}, 'The relationship'), el('ul', { class: 'findings-list' }, general.map(findingItem)));
  }
  if (groups.length) {
    const shown = groups.slice(0, FINDING_GROUP_LIMIT);
    children.push(el('h3', {}, 'Per scope'), el('ul', { class: 'finding-groups' }, shown.map((group) => {
      const { name, address } = scopeLabel(view, group.id);
      return el('li', { class: 'finding-group' },
        el('p', { class: 'finding-scope' }, el('span', {}, name), address ? el('span', { class: 'mono muted' }, ` ${address}`) : null),
        el('ul', { class: 'findings-list' }, group.findings.map(findingItem)));
    })));
  }
  $('preflight-findings').replaceChildren(...children);
  $('preflight-note').textContent = groups.length > FINDING_GROUP_LIMIT
    ? `Showing ${fmt(FINDING_GROUP_LIMIT)} of ${fmt(groups.length)} scopes with findings; scopes with errors come first.`
    : '';

  const ackLabel = $('preflight-ack-label');
  const ack = $('preflight-ack');
  const stage = $('preflight-stage');
  const cancel = $('preflight-cancel');
  ackLabel.hidden = need !== 'errors';
  ack.checked = false;
  if (need === 'errors') $('preflight-ack-text').textContent = ackText(summary);
  stage.textContent = need === 'errors' ? 'Stage anyway' : 'Stage';
  stage.disabled = need === 'errors';
  dialog.dataset.need = need ?? 'none';

  const controller = new AbortController();
  const { signal } = controller;
  ack.addEventListener('change', () => { stage.disabled = !ack.checked; }, { signal });
  stage.addEventListener('click', () => {
    if (need === 'errors' && !ack.checked) return;
    dialog.close('stage');
  }, { signal });
  cancel.addEventListener('click', () => dialog.close('cancel'), { signal });
  return showDialog(dialog, need === 'errors' ? ack : stage).then((value) => {
    controller.abort();
    return value === 'stage';
  });
}

/** A yes/no question; resolves true only when the admin clicks the confirming button. */
export function confirmDialog({ title, message, confirmLabel, cancelLabel = 'Cancel' }) {
  const dialog = $('confirm-dialog');
  $('confirm-title').textContent = title;
  $('confirm-text').textContent = message;
  const ok = $('confirm-ok');
  const cancel = $('confirm-cancel');
  ok.textContent = confirmLabel;
  cancel.textContent = cancelLabel;
  const controller = new AbortController();
  ok.addEventListener('click', () => dialog.close('ok'), { signal: controller.signal });
  cancel.addEventListener('click', () => dialog.close('cancel'), { signal: controller.signal });
  // The safe choice has focus: Enter right away keeps things as they are.
  return showDialog(dialog, cancel).then((value) => {
    controller.abort();
    return value === 'ok';
  });
}

/** True while one of the page's modal dialogs is open. */
export function dialogOpen() {
  return document.querySelector('dialog[open]') !== null;
}
