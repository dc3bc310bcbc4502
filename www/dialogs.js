// The two modal dialogs: the preflight findings before an add, and a plain confirmation
// (discard, replace the working copy). Both are native <dialog> elements opened with
// showModal(): focus moves in and stays in, Escape closes them, and closing returns focus
// to where it was. Every string from data is set as text.

import { $, el, fmt, plural } from './dom.js';
import { confirmationNeeded, FINDING_GROUP_LIMIT } from './findings.js';
import { renderInChunks } from './chunked.js';

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
 * anyway, false when they cancel (button or Escape). `preflight` is the worker's reply:
 * { total, summary, general, groups (the first ones, each with the scope's name and
 * address), groupCount }.
 */
export function preflightDialog({ preflight, relationshipName }) {
  const dialog = $('preflight-dialog');
  const { total, summary, general, groups, groupCount } = preflight;
  const need = confirmationNeeded(summary);

  $('preflight-title').textContent = `Before adding ${plural(total, 'scope')} to ${relationshipName}`;
  $('preflight-summary').textContent = summaryText(summary, total);
  const children = [];
  if (general.length) {
    children.push(el('h3', {}, 'The relationship'), el('ul', { class: 'findings-list' }, general.map(findingItem)));
  }
  const list = el('ul', { class: 'finding-groups' });
  if (groups.length) children.push(el('h3', {}, 'Per scope'), list);
  const findings = $('preflight-findings');
  findings.replaceChildren(...children);
  findings.hidden = false;
  // The first groups before the dialog opens (opening it restyles the whole page), the
  // rest over the next frames (chunked.js).
  renderInChunks(list, groups, (group) => {
    const { name, address } = group;
    return el('li', { class: 'finding-group' },
      el('p', { class: 'finding-scope' }, el('span', {}, name), address ? el('span', { class: 'mono muted' }, ` ${address}`) : null),
      el('ul', { class: 'findings-list' }, group.findings.map(findingItem)));
  }, { first: 20 });
  $('preflight-note').textContent = groupCount > groups.length
    ? `Showing ${fmt(FINDING_GROUP_LIMIT)} of ${fmt(groupCount)} scopes with findings; scopes with errors come first.`
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
  // Closing a modal dialog restyles the whole page: the findings (up to 200 groups) are
  // hidden first, so that pass leaves them out.
  const close = (value) => {
    findings.hidden = true;
    dialog.close(value);
  };
  dialog.addEventListener('cancel', () => { findings.hidden = true; }, { signal }); // Escape
  stage.addEventListener('click', () => {
    if (need === 'errors' && !ack.checked) return;
    close('stage');
  }, { signal });
  cancel.addEventListener('click', () => close('cancel'), { signal });
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
