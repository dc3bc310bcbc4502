// The two alert panels: the fault panel (code, spec step, message, SOAP XML on demand) and
// the storage alert (changes cannot be saved; a damaged stored copy was set aside).

import { $, el, text, saveFile } from './dom.js';

/** What each spec step checks, for the fault panel. */
const STEPS = {
  1: 'the parameter is a DhcpFailoverWithScopesParameters',
  2: 'Failover and ScopeIds are given, ScopeIds is not empty and every id is a valid 64-bit integer',
  3: 'the relationship exists in ADM_DhcpFailoverTable',
  4: "each scope's (ScopeId, FailoverRelationId) pair is added once",
};

export function stepText(fault) {
  if (fault.step !== null && fault.step !== undefined && STEPS[fault.step]) return `Step ${fault.step}: ${STEPS[fault.step]}`;
  if (fault.code === 'CANCELLED') return 'No step: the operation was cancelled (a progress callback stopped it)';
  return 'No step: the tables are malformed (checked before the steps run)';
}

/**
 * The SOAP XML indented one element per line, for reading. Text only: the result is shown
 * with textContent. Tags are split at "><", so text content stays on its element's line.
 */
export function indentXml(xml) {
  const parts = String(xml).replace(/>\s*</g, '>\n<').split('\n');
  let depth = 0;
  return parts.map((part) => {
    const closing = /^<\//.test(part);
    const opening = /^<[^!?/][^>]*[^/]>/.test(part) || /^<[^!?/]>/.test(part);
    const selfContained = opening && /<\/[^>]+>\s*$/.test(part);
    if (closing) depth = Math.max(0, depth - 1);
    const line = '  '.repeat(depth) + part;
    if (opening && !selfContained) depth++;
    return line;
  }).join('\n');
}

function dismissButton(panel) {
  const dismiss = el('button', { type: 'button', class: 'secondary dismiss' }, 'Dismiss');
  dismiss.addEventListener('click', () => {
    panel.hidden = true;
    panel.replaceChildren();
  });
  return dismiss;
}

const faultPanel = $('fault-panel');

/** Fills the fault panel. `fault` is the plain fault from worker.js, or { message }. */
export function showFault(title, fault) {
  const rows = [];
  const item = (term, value, cls) => rows.push(el('dt', {}, term), el('dd', { class: cls }, value));
  if (fault.code) item('Code', fault.code, 'mono code');
  if (fault.isFault) item('Spec step', stepText(fault));
  item('Message', text(fault.message, '(no message)'));
  if (fault.cause) item('Cause', text(fault.cause));
  if (fault.exceptionId) item('Exception', fault.exceptionId, 'mono');
  const children = [el('h2', { id: 'fault-title' }, title), el('dl', { class: 'fault-facts' }, rows)];
  if (fault.soap) {
    const pre = el('pre', { id: 'soap-xml', class: 'soap', tabindex: '0', 'aria-label': 'SOAP fault XML', hidden: true }, indentXml(fault.soap));
    const toggle = el('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false', 'aria-controls': 'soap-xml' }, 'Show SOAP fault XML');
    toggle.addEventListener('click', () => {
      const open = pre.hidden;
      pre.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
      toggle.textContent = open ? 'Hide SOAP fault XML' : 'Show SOAP fault XML';
    });
    children.push(toggle, pre);
  }
  children.push(dismissButton(faultPanel));
  faultPanel.replaceChildren(...children);
  faultPanel.hidden = false;
}

export function hideFault() {
  faultPanel.hidden = true;
  faultPanel.replaceChildren();
}

const storageAlert = $('storage-alert');

/** The storage alert; `download` ({ key, text }) offers the damaged copy as a file. */
export function showStorageAlert(title, message, download = null) {
  const actions = el('div', { class: 'actions' });
  if (download) {
    const button = el('button', { type: 'button', class: 'secondary', id: 'damaged-download' }, 'Download the damaged copy');
    button.addEventListener('click', () => {
      saveFile(download.text, `ipam-failover-${download.key.replace(/[^A-Za-z0-9.-]+/g, '-')}.json`, 'application/json');
    });
    actions.append(button);
  }
  actions.append(dismissButton(storageAlert));
  storageAlert.replaceChildren(el('h2', { id: 'storage-title' }, title), el('p', {}, message), actions);
  storageAlert.hidden = false;
}
