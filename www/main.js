// DOM wiring for the admin page. The working copy lives in the worker (worker.js, a wasm
// Workspace saved to IndexedDB after every change); the page shows it. It keeps a mirror
// of the tables for display and replaces the pair table with the worker's after each
// change, which the worker reports only once the change is saved. A fault or a Cancel
// therefore leaves what the page shows, and what is stored, as it was.

import { makeSample } from './sample.js';
import {
  buildView, refreshMembership, filterScopes, shapeProblem, idKey, pairKey, text, relationshipName,
} from './tables.js';
import {
  el, fmt, plural, renderRelationships, renderRelationshipOptions, renderScopeRows, renderFault, renderResults,
  relationshipDetails, renderPending,
} from './render.js';
import {
  preflightDialog, confirmDialog, confirmationNeeded, summarizeFindings, dialogOpen,
} from './dialogs.js';
import { Engine, CancelledError } from './engine.js';

const PAGE_SIZE = 50;
const FILTER_DELAY_MS = 120;
const SAMPLE_SOURCE = 'the built-in sample';
const $ = (id) => document.getElementById(id);

const ui = {
  body: document.body,
  dataSummary: $('data-summary'),
  dropZone: $('drop-zone'),
  fileInput: $('file-input'),
  sampleButton: $('sample-button'),
  loadStatus: $('load-status'),
  storageAlert: $('storage-alert'),
  faultPanel: $('fault-panel'),
  relationshipsBody: $('relationships-body'),
  noRelationships: $('no-relationships'),
  relationshipSelect: $('relationship-select'),
  relationshipDetails: $('relationship-details'),
  selectionCount: $('selection-count'),
  addButton: $('add-button'),
  removeButton: $('remove-button'),
  removeFromSelected: $('remove-from-selected'),
  removeFromSelectedText: $('remove-from-selected-text'),
  removeFromAny: $('remove-from-any'),
  progressArea: $('progress-area'),
  progress: $('progress'),
  progressLabel: $('progress-label'),
  progressText: $('progress-text'),
  cancelButton: $('cancel-button'),
  live: $('live'),
  outcome: $('outcome'),
  results: $('results'),
  resultsTitle: $('results-title'),
  resultsList: $('results-list'),
  resultsNote: $('results-note'),
  filterInput: $('filter-input'),
  selectShownButton: $('select-shown-button'),
  clearSelectionButton: $('clear-selection-button'),
  scopesSummary: $('scopes-summary'),
  scopesBody: $('scopes-body'),
  prevPage: $('prev-page'),
  nextPage: $('next-page'),
  pageText: $('page-text'),
  engineStatus: $('engine-status'),
  undoButton: $('undo-button'),
  redoButton: $('redo-button'),
  discardButton: $('discard-button'),
  saveStatus: $('save-status'),
  exportButtons: {
    tables: $('export-tables'),
    json: $('export-json'),
    csv: $('export-csv'),
    powershell: $('export-ps1'),
  },
  exportStatus: $('export-status'),
  pending: {
    summary: $('pending-summary'),
    counts: $('pending-counts'),
    countsBody: $('pending-body'),
    added: $('pending-added'),
    addedList: $('pending-added-list'),
    addedNote: $('pending-added-note'),
    removed: $('pending-removed'),
    removedList: $('pending-removed-list'),
    removedNote: $('pending-removed-note'),
  },
};

const EMPTY_DIFF = Object.freeze({ added: [], removed: [], relationships: [] });

const state = {
  tables: null,
  view: null,
  source: '',
  selection: new Set(),
  filter: '',
  filtered: [],
  page: 0,
  run: null, // the add or remove in progress: { kind, total, name, milestone }
  busy: null, // another request the page waits for: 'opening', 'checking', 'loading', 'undo', ...
  opened: false, // the worker holds the working copy
  diff: EMPTY_DIFF,
  canUndo: false,
  canRedo: false,
  revision: 0, // the worker's save counter for the state shown
  savedAt: null,
  storageError: null,
  damaged: null, // { key, text } of a stored copy that could not be read
};

const engine = new Engine((ready, message) => {
  ui.engineStatus.textContent = message;
  ui.body.dataset.engine = ready === null ? 'starting' : ready ? 'ready' : 'failed';
});

const isBusy = () => state.run !== null || state.busy !== null || !state.opened;
const hasPending = () => state.diff.added.length + state.diff.removed.length > 0;

// ---- rendering -------------------------------------------------------------------------

function renderDataSummary() {
  const { relationships, scopes } = state.view;
  const inSome = scopes.filter((s) => s.relationships.length > 0).length;
  ui.dataSummary.textContent = `Showing ${state.source}: ${plural(relationships.length, 'failover relationship')}, `
    + `${plural(scopes.length, 'scope')} (${fmt(inSome)} already in a relationship).`;
}

function renderRelationshipList() {
  const { relationships } = state.view;
  renderRelationships(ui.relationshipsBody, relationships);
  renderRelationshipOptions(ui.relationshipSelect, relationships);
  ui.noRelationships.hidden = relationships.length > 0;
  renderRelationshipDetails();
}

function selectedRelationship() {
  return state.view.relationshipByKey.get(ui.relationshipSelect.value);
}

function renderRelationshipDetails() {
  const rel = selectedRelationship();
  ui.relationshipDetails.textContent = relationshipDetails(rel);
  ui.removeFromSelectedText.textContent = rel ? `from ${rel.name} only` : 'from the selected relationship';
}

function renderScopes() {
  state.filtered = filterScopes(state.view.scopes, state.filter);
  const total = state.filtered.length;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  state.page = Math.min(state.page, pages - 1);
  const first = state.page * PAGE_SIZE;
  const shown = state.filtered.slice(first, first + PAGE_SIZE);
  renderScopeRows(ui.scopesBody, shown, state.selection);
  ui.scopesBody.dataset.filter = state.filter; // lets tests wait for a filter to apply
  ui.scopesSummary.textContent = state.filter
    ? `${plural(total, 'scope')} match the filter, of ${fmt(state.view.scopes.length)}.`
    : `${plural(total, 'scope')}.`;
  ui.pageText.textContent = total === 0
    ? 'No scope to show.'
    : `Page ${fmt(state.page + 1)} of ${fmt(pages)} (scopes ${fmt(first + 1)} to ${fmt(first + shown.length)})`;
  ui.prevPage.disabled = state.page === 0;
  ui.nextPage.disabled = state.page >= pages - 1;
  ui.selectShownButton.textContent = `Select all shown (${fmt(total)})`;
  ui.selectShownButton.disabled = total === 0;
}

/**
 * Controls are disabled while an add or remove runs or tables are being loaded. The quick
 * requests (preflight, undo, redo, discard, export) leave them enabled, so the focused
 * button keeps focus; their handlers ignore clicks meanwhile (isBusy).
 */
function renderControls() {
  const busy = state.run !== null || !state.opened || ['opening', 'checking', 'loading'].includes(state.busy);
  const n = state.selection.size;
  const noRelationships = !state.view || state.view.relationships.length === 0;
  ui.selectionCount.textContent = n === 0 ? 'No scope selected.' : `${plural(n, 'scope')} selected.`;
  ui.addButton.disabled = busy || n === 0 || noRelationships;
  ui.addButton.textContent = n === 0 ? 'Add the selected scopes' : `Add ${plural(n, 'scope')}`;
  const fromAny = ui.removeFromAny.checked;
  ui.removeButton.disabled = busy || n === 0 || (!fromAny && noRelationships);
  ui.removeButton.textContent = n === 0 ? 'Remove from failover' : `Remove ${plural(n, 'scope')} from failover`;
  ui.clearSelectionButton.disabled = n === 0;
  for (const control of [ui.fileInput, ui.sampleButton, ui.relationshipSelect]) control.disabled = busy;
  ui.cancelButton.hidden = state.run === null; // beside a finished bar it would offer nothing
  ui.undoButton.disabled = busy || !state.canUndo;
  ui.redoButton.disabled = busy || !state.canRedo;
  ui.discardButton.disabled = busy || !(state.canUndo || state.canRedo || hasPending());
  for (const button of Object.values(ui.exportButtons)) button.disabled = busy;
}

function renderPendingPanel() {
  renderPending(ui.pending, state.view, state.diff);
  ui.body.dataset.revision = String(state.revision);
}

function renderSaveStatus() {
  if (state.storageError) {
    ui.saveStatus.textContent = 'Not saved: this browser cannot store the working copy.';
    ui.saveStatus.className = 'save-status unsaved';
  } else if (state.savedAt) {
    ui.saveStatus.textContent = `Saved in this browser at ${new Date(state.savedAt).toLocaleTimeString()}.`;
    ui.saveStatus.className = 'save-status';
  } else {
    ui.saveStatus.textContent = '';
  }
}

function renderAll() {
  renderDataSummary();
  renderRelationshipList();
  renderScopes();
  renderPendingPanel();
  renderSaveStatus();
  renderControls();
}

function clearOutcome() {
  ui.outcome.hidden = true;
  ui.outcome.textContent = '';
  ui.results.hidden = true;
  ui.resultsList.replaceChildren();
  ui.progressArea.hidden = true;
}

function hideFault() {
  ui.faultPanel.hidden = true;
  ui.faultPanel.replaceChildren();
}

function showOutcome(message, kind) {
  ui.outcome.textContent = message;
  ui.outcome.className = `outcome ${kind}`;
  ui.outcome.hidden = false;
  ui.live.textContent = message;
}

function faultOf(error) {
  return { message: error instanceof Error ? error.message : String(error) };
}

// ---- the working copy ------------------------------------------------------------------

/** Shows a new working copy (loaded, restored or the sample): fresh view, no selection. */
function setTables(tables, source) {
  state.tables = tables;
  state.source = source;
  state.view = buildView(tables);
  state.selection.clear();
  state.page = 0;
  clearOutcome();
  hideFault();
}

/** Takes the state part of a worker reply: { pairs, state: { diff, canUndo, canRedo }, savedAt, revision }. */
function applyState(reply) {
  if (reply.pairs) state.tables = { ...state.tables, ADM_DhcpScopeFailoverTable: reply.pairs };
  if (reply.state) {
    state.diff = reply.state.diff;
    state.canUndo = reply.state.canUndo;
    state.canRedo = reply.state.canRedo;
  }
  if (reply.revision !== undefined) state.revision = reply.revision;
  if (reply.savedAt !== undefined) state.savedAt = reply.savedAt;
  if (reply.storageError !== undefined) state.storageError = reply.storageError;
  // Membership and the staged marks both change; the scopes and the selection stay.
  refreshMembership(state.view, state.tables.ADM_DhcpScopeFailoverTable, state.diff);
  for (const key of state.selection) if (!state.view.scopeByKey.has(key)) state.selection.delete(key);
  renderAll();
}

function showStorageAlert(title, message, withDownload) {
  const alert = ui.storageAlert;
  const children = [el('h2', { id: 'storage-title' }, title), el('p', {}, message)];
  const actions = el('div', { class: 'actions' });
  if (withDownload) {
    const download = el('button', { type: 'button', class: 'secondary', id: 'damaged-download' }, 'Download the damaged copy');
    download.addEventListener('click', () => {
      const { key, text: damagedText } = state.damaged;
      saveFile(damagedText, `ipam-failover-${key.replace(/[^A-Za-z0-9.-]+/g, '-')}.json`, 'application/json');
    });
    actions.append(download);
  }
  const dismiss = el('button', { type: 'button', class: 'secondary dismiss' }, 'Dismiss');
  dismiss.addEventListener('click', () => {
    alert.hidden = true;
    alert.replaceChildren();
  });
  actions.append(dismiss);
  children.push(actions);
  alert.replaceChildren(...children);
  alert.hidden = false;
}

function reportStorage() {
  if (state.storageError && !state.damaged) {
    showStorageAlert('Changes cannot be saved in this browser',
      `The working copy cannot be stored here (${state.storageError}). It lasts only while this page is open: `
      + 'export the change set before you close it.', false);
  }
}

/** One request to the worker; one that fails (the worker died, say) comes back as a fault reply. */
async function ask(message, onProgress) {
  try {
    return await engine.request(message, onProgress);
  } catch (error) {
    return { type: 'fault', fault: faultOf(error) };
  }
}

/** At start: restore the stored working copy, or start one from the sample. */
async function openWorkingCopy() {
  const sample = makeSample();
  state.busy = 'opening';
  const reply = await ask({ type: 'open', fallback: sample, fallbackSource: SAMPLE_SOURCE });
  state.busy = null;
  if (reply.type !== 'opened') {
    // No engine, so no working copy: show the sample, with every action off.
    setTables(sample, SAMPLE_SOURCE);
    renderAll();
    renderFault(ui.faultPanel, 'The working copy could not be opened', reply.fault);
    ui.body.dataset.state = 'fault';
    return;
  }
  state.opened = true;
  if (reply.status === 'restored') {
    setTables(reply.tables, reply.source);
    applyState(reply);
    const when = reply.savedAt ? new Date(reply.savedAt).toLocaleString() : 'an earlier visit';
    ui.loadStatus.textContent = `Restored your working copy from ${when}.`;
  } else {
    setTables(sample, reply.source);
    applyState(reply);
  }
  if (reply.status === 'damaged') {
    const { key, fault, text: damagedText } = reply.damaged;
    state.damaged = { key, text: damagedText };
    showStorageAlert('A saved working copy could not be read',
      `A saved working copy could not be read (${fault.code ?? fault.name}: ${fault.message}); `
      + `it was kept aside as ${key}; the built-in sample is shown.`, true);
    ui.body.dataset.storage = 'damaged';
  }
  reportStorage();
  ui.body.dataset.state = 'idle';
}

/**
 * After a Cancel the fresh worker restores the last saved copy. Normally that is what the
 * page shows; if the cancelled change had already been saved (Cancel arrived as it
 * finished), the page takes the stored state and says so.
 */
async function resync() {
  let reply;
  try {
    reply = await engine.request({ type: 'open', knownRevision: state.revision });
  } catch (error) {
    if (error instanceof CancelledError) return;
    reply = { type: 'fault', fault: faultOf(error) };
  }
  if (reply.type === 'opened' && reply.status === 'restored') {
    if (reply.tables) {
      setTables(reply.tables, reply.source);
      applyState(reply);
      showOutcome('The change had already been saved when Cancel took effect; it is in the working copy (Undo takes it back).', 'cancelled');
    }
    return;
  }
  if (reply.type === 'opened' && reply.status === 'missing') {
    // Nothing stored (this browser cannot store it): start the fresh worker from what is shown.
    const loaded = await ask({ type: 'load', tables: state.tables, source: state.source });
    if (loaded.type === 'loaded') {
      applyState(loaded);
      ui.loadStatus.textContent = 'The undo history was lost with the cancelled operation, because this browser cannot store the working copy.';
      return;
    }
    reply = loaded;
  }
  state.opened = false;
  renderControls();
  renderFault(ui.faultPanel, 'The working copy could not be reopened after Cancel', reply.fault ?? { message: 'unknown reply' });
}

function refuse(name, fault) {
  renderFault(ui.faultPanel, `The file “${name}” was refused; the current data is unchanged`, fault);
  ui.loadStatus.textContent = `Refused “${name}”; still showing ${state.source}.`;
  ui.body.dataset.state = 'refused';
}

function describePending() {
  const { added, removed } = state.diff;
  return `${plural(added.length, 'addition')} and ${plural(removed.length, 'removal')}`;
}

/** Asks before pending changes are replaced; true when there are none or the admin agrees. */
async function confirmReplace(what) {
  if (!hasPending()) return true;
  ui.body.dataset.state = 'confirming';
  const ok = await confirmDialog({
    title: 'Replace the working copy?',
    message: `Your working copy has pending changes (${describePending()}). Loading ${what} replaces it, `
      + 'with its undo history; export the change set first if you want to keep them.',
    confirmLabel: 'Replace the working copy',
    cancelLabel: 'Keep my changes',
  });
  ui.body.dataset.state = 'idle';
  return ok;
}

/** Replaces the working copy with `value` (already shape-checked); false when refused. */
async function replaceWorkingCopy(value, source, name) {
  state.busy = 'loading';
  renderControls();
  const reply = await ask({ type: 'load', tables: value, source });
  state.busy = null;
  if (reply.type !== 'loaded') {
    renderControls();
    refuse(name, reply.fault);
    return false;
  }
  setTables(value, source);
  applyState(reply);
  return true;
}

/** Accepts tables from a file (or the test hook) after the shape check and the core's check. */
async function acceptTables(value, name) {
  if (isBusy()) return false;
  const problem = shapeProblem(value);
  if (problem) {
    refuse(name, { message: problem });
    return false;
  }
  ui.loadStatus.textContent = `Checking “${name}”…`;
  if (hasPending()) {
    // Check first, so the question is only asked about a file that would be accepted.
    state.busy = 'checking';
    renderControls();
    let reply;
    try {
      reply = await engine.request({ type: 'check', tables: value });
    } catch (error) {
      reply = { fault: faultOf(error) };
    } finally {
      state.busy = null;
    }
    renderControls();
    if (reply.fault) {
      refuse(name, reply.fault);
      return false;
    }
    if (!(await confirmReplace(`“${name}”`))) {
      ui.loadStatus.textContent = `Not loaded “${name}”: your working copy is unchanged.`;
      return false;
    }
  }
  if (!(await replaceWorkingCopy(value, `the file “${name}”`, name))) return false;
  ui.loadStatus.textContent = `Loaded “${name}”.`;
  ui.body.dataset.state = 'idle';
  return true;
}

async function loadFile(file) {
  if (!file) return;
  if (isBusy()) {
    // Only a drop can get here (the picker is disabled meanwhile): say why nothing happens.
    ui.loadStatus.textContent = `Not loading “${file.name}”: wait for the current operation to finish, or cancel it.`;
    return;
  }
  let value;
  try {
    value = JSON.parse(await file.text());
  } catch (error) {
    refuse(file.name, { message: `The file is not valid JSON: ${error.message}` });
    return;
  }
  await acceptTables(value, file.name);
}

async function restoreSample() {
  if (isBusy()) return;
  if (!(await confirmReplace(SAMPLE_SOURCE))) return;
  if (!(await replaceWorkingCopy(makeSample(), SAMPLE_SOURCE, 'built-in sample'))) return;
  ui.loadStatus.textContent = 'Restored the built-in sample.';
  ui.body.dataset.state = 'idle';
}

// ---- downloads -------------------------------------------------------------------------

function saveFile(content, filename, type) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// The CSV and the script start with a UTF-8 byte order mark: Excel and Windows PowerShell
// 5.1 read a file without one as the ANSI code page, which garbles names such as "Malmö".
const EXPORTS = {
  tables: { file: 'ipam-failover-tables.json', type: 'application/json', bom: false },
  json: { file: 'ipam-failover-changes.json', type: 'application/json', bom: false },
  csv: { file: 'ipam-failover-changes.csv', type: 'text/csv;charset=utf-8', bom: true },
  powershell: { file: 'ipam-failover-changes.ps1', type: 'text/plain;charset=utf-8', bom: true },
};

async function exportFile(format) {
  if (isBusy()) return;
  const spec = EXPORTS[format];
  state.busy = 'export';
  renderControls();
  let reply;
  try {
    reply = await engine.request({ type: 'export', format });
  } catch (error) {
    reply = { type: 'fault', fault: faultOf(error) };
  } finally {
    state.busy = null;
    renderControls();
  }
  if (reply.type !== 'exported') {
    renderFault(ui.faultPanel, `The export to ${spec.file} failed`, reply.fault);
    return;
  }
  saveFile(spec.bom ? `\uFEFF${reply.text}` : reply.text, spec.file, spec.type);
  ui.exportStatus.textContent = `Downloaded ${spec.file}.`;
}

// ---- adding and removing ---------------------------------------------------------------

function onProgress(run, message) {
  if (state.run !== run) return;
  ui.progress.value = message.percent;
  ui.progressText.textContent = `${fmt(message.done)} of ${plural(message.total, 'scope')} (${message.percent}%)`
    + (message.saving ? ', saving' : '');
  // The live region speaks at quarter marks only: every 50 ms would drown a screen reader.
  const mark = Math.floor(message.percent / 25) * 25;
  if (mark > run.milestone && mark < 100) {
    run.milestone = mark;
    ui.live.textContent = `${mark}% done: ${fmt(message.done)} of ${plural(message.total, 'scope')}.`;
  }
}

/** Runs an add or a remove in the worker; `request` is the message, `run` what the page shows. */
async function runOperation(run, request) {
  state.run = run;
  ui.body.dataset.state = 'running';
  hideFault();
  clearOutcome();
  ui.progressArea.hidden = false;
  ui.progressLabel.textContent = run.label;
  ui.progress.value = 0;
  ui.progressText.textContent = `0 of ${plural(run.total, 'scope')} (0%)`;
  ui.live.textContent = `${run.label}.`;
  renderControls();
  ui.cancelButton.focus();

  let reply;
  try {
    reply = await engine.request(request, (message) => onProgress(run, message));
  } catch (error) {
    if (error instanceof CancelledError) return; // cancel() has already reported it
    reply = { type: 'fault', fault: faultOf(error) };
  }
  if (state.run !== run) return;
  state.run = null;
  const focusWasOnCancel = document.activeElement === ui.cancelButton;
  if (reply.type === 'done') finishAdd(run, request.scopeIds, reply);
  else if (reply.type === 'removed') finishRemove(run, request.scopeIds, reply);
  else failRun(run, reply.fault);
  renderControls();
  if (focusWasOnCancel) focusAfterRun();
}

/** The Cancel button hides when a run ends: keep keyboard focus on a control that stays. */
function focusAfterRun() {
  (ui.addButton.disabled ? ui.relationshipSelect : ui.addButton).focus();
}

function finishProgress(run) {
  ui.progress.value = 100;
  ui.progressText.textContent = `${fmt(run.total)} of ${plural(run.total, 'scope')} (100%)`;
}

/** Table order of the given ids, so the result list reads like the table. */
function inRequestOrder(scopeIds, keep) {
  const seen = new Set();
  const out = [];
  for (const id of scopeIds) {
    const key = idKey(id);
    if (seen.has(key)) continue;
    seen.add(key);
    const outcome = keep(key, id);
    if (outcome) out.push({ key, id, ...outcome });
  }
  return out;
}

function showResults(title, outcomes) {
  ui.resultsTitle.textContent = title;
  renderResults(ui.resultsList, ui.resultsNote, outcomes, state.view);
  ui.results.hidden = outcomes.length === 0;
}

function finishAdd(run, scopeIds, reply) {
  applyState(reply);
  finishProgress(run);
  const added = new Set(reply.added.map(idKey));
  const already = new Set(reply.already.map(idKey));
  showResults('Result per scope', inRequestOrder(scopeIds, (key) => {
    if (added.has(key)) return { kind: 'added', badge: 'added' };
    if (already.has(key)) return { kind: 'already', badge: 'already in this relationship' };
    return null;
  }));
  const relName = text(reply.relationship?.RelationshipName) || run.name;
  showOutcome(`Added ${plural(reply.added.length, 'scope')} to ${relName} in the working copy; `
    + `${fmt(reply.already.length)} ${reply.already.length === 1 ? 'was' : 'were'} already in this relationship.`, 'success');
  ui.body.dataset.state = 'done';
}

function finishRemove(run, scopeIds, reply) {
  applyState(reply);
  finishProgress(run);
  const from = new Map(); // scope key -> relationship names it left
  for (const row of reply.rows) {
    const key = idKey(row.ScopeId);
    if (!from.has(key)) from.set(key, []);
    from.get(key).push(relationshipName(state.view, row.FailoverRelationId));
  }
  const absent = new Set(reply.absent.map(idKey));
  const anyRelationship = run.failoverId === null;
  showResults('Result per scope', inRequestOrder(scopeIds, (key) => {
    if (from.has(key)) return { kind: 'removed', badge: 'removed', detail: anyRelationship ? `from ${from.get(key).join(', ')}` : '' };
    if (absent.has(key)) return { kind: 'already', badge: anyRelationship ? 'in no relationship' : 'not in this relationship' };
    return null;
  }));
  const n = reply.removed.length;
  const a = reply.absent.length;
  const were = a === 1 ? 'was' : 'were';
  showOutcome(anyRelationship
    ? `Removed ${plural(n, 'scope')} from failover in the working copy (${plural(reply.rows.length, 'pair')}); ${fmt(a)} ${were} in no relationship.`
    : `Removed ${plural(n, 'scope')} from ${run.name} in the working copy; ${fmt(a)} ${were} not in it.`, 'success');
  ui.body.dataset.state = 'done';
}

function failRun(run, fault) {
  ui.progressArea.hidden = true;
  const doing = run.kind === 'add' ? `Adding scopes to ${run.name}` : `Removing scopes from ${run.name}`;
  renderFault(ui.faultPanel, `${doing} failed; no changes were made`, fault);
  showOutcome(`Failed${fault.code ? ` with ${fault.code}` : ''}; no changes were made.`, 'failure');
  ui.body.dataset.state = 'fault';
}

function cancelRun() {
  if (!state.run) return;
  state.run = null;
  engine.cancel();
  ui.progressArea.hidden = true;
  showOutcome('Cancelled; no changes were made.', 'cancelled');
  renderControls();
  focusAfterRun();
  ui.body.dataset.state = 'cancelled';
  resync();
}

/**
 * Stages an add: preflight first, in the worker. Errors need the explicit confirmation
 * of the dialog, warnings one click, information alone none (see dialogs.js).
 */
async function stageAdd(failoverId, scopeIds, name) {
  if (isBusy()) return;
  const run = { kind: 'add', total: scopeIds.length, name, milestone: 0, label: `Adding ${plural(scopeIds.length, 'scope')} to ${name}` };
  hideFault();
  state.busy = 'preflight';
  ui.body.dataset.state = 'checking';
  renderControls();
  const reply = await ask({ type: 'preflight', failoverId, scopeIds });
  state.busy = null;
  if (reply.type !== 'findings') {
    clearOutcome();
    failRun(run, reply.fault);
    renderControls();
    return;
  }
  const findings = reply.findings;
  if (confirmationNeeded(summarizeFindings(findings))) {
    state.busy = 'confirming';
    ui.body.dataset.state = 'confirming';
    renderControls();
    const stage = await preflightDialog({ findings, view: state.view, total: scopeIds.length, relationshipName: name });
    state.busy = null;
    renderControls();
    if (!stage) {
      clearOutcome();
      showOutcome(`Not staged: nothing was added to ${name}.`, 'cancelled');
      ui.body.dataset.state = 'not-staged';
      return;
    }
  }
  await runOperation(run, { type: 'add', failoverId, scopeIds });
}

function selectedScopeIds() {
  // Table order, not click order: the result list then reads like the table.
  return state.view.scopes.filter((s) => state.selection.has(s.key)).map((s) => s.id);
}

function addSelected() {
  const rel = selectedRelationship();
  if (!rel) return;
  const scopeIds = selectedScopeIds();
  if (scopeIds.length > 0) stageAdd(rel.id, scopeIds, rel.name);
}

function stageRemove(failoverId, scopeIds, name) {
  if (isBusy()) return Promise.resolve();
  const label = failoverId === null
    ? `Removing ${plural(scopeIds.length, 'scope')} from every relationship`
    : `Removing ${plural(scopeIds.length, 'scope')} from ${name}`;
  const run = { kind: 'remove', total: scopeIds.length, name: failoverId === null ? 'failover' : name, failoverId, milestone: 0, label };
  return runOperation(run, { type: 'remove', failoverId, scopeIds });
}

function removeSelected() {
  const scopeIds = selectedScopeIds();
  if (scopeIds.length === 0) return;
  if (ui.removeFromAny.checked) {
    stageRemove(null, scopeIds, 'failover');
    return;
  }
  const rel = selectedRelationship();
  if (rel) stageRemove(rel.id, scopeIds, rel.name);
}

// ---- undo, redo, discard ---------------------------------------------------------------

/** What moved between two diffs, per relationship: { name, into, outOf }. */
function movement(before, after) {
  const keys = (pairs) => new Map(pairs.map((p) => [pairKey(p.ScopeId, p.FailoverRelationId), p]));
  const [a0, a1, r0, r1] = [keys(before.added), keys(after.added), keys(before.removed), keys(after.removed)];
  const perRel = new Map();
  const count = (pair, field) => {
    const key = idKey(pair.FailoverRelationId);
    if (!perRel.has(key)) perRel.set(key, { name: relationshipName(state.view, pair.FailoverRelationId), into: 0, outOf: 0 });
    perRel.get(key)[field]++;
  };
  for (const [k, p] of a1) if (!a0.has(k)) count(p, 'into');
  for (const [k, p] of r0) if (!r1.has(k)) count(p, 'into');
  for (const [k, p] of a0) if (!a1.has(k)) count(p, 'outOf');
  for (const [k, p] of r1) if (!r0.has(k)) count(p, 'outOf');
  return [...perRel.values()];
}

function movementText(moves) {
  const parts = [];
  for (const m of moves) {
    if (m.into) parts.push(`${plural(m.into, 'scope')} into ${m.name}`);
    if (m.outOf) parts.push(`${plural(m.outOf, 'scope')} out of ${m.name}`);
  }
  return parts.join('; ');
}

async function historyStep(kind) {
  if (isBusy()) return;
  if (kind === 'undo' ? !state.canUndo : !state.canRedo) return;
  const before = state.diff;
  state.busy = kind;
  renderControls();
  const reply = await ask({ type: kind });
  state.busy = null;
  if (reply.type !== 'changed') {
    renderControls();
    renderFault(ui.faultPanel, `${kind === 'undo' ? 'Undo' : 'Redo'} failed; no changes were made`, reply.fault);
    return;
  }
  hideFault();
  clearOutcome();
  applyState(reply);
  const moved = movementText(movement(before, state.diff));
  showOutcome(`${kind === 'undo' ? 'Undone' : 'Redone'}${moved ? `: ${moved}` : ''}.`, 'success');
  ui.body.dataset.state = kind === 'undo' ? 'undone' : 'redone';
  // A disabled button loses focus: move it to the other history button.
  if (document.activeElement?.disabled || document.activeElement === document.body) {
    const other = kind === 'undo' ? ui.redoButton : ui.undoButton;
    if (!other.disabled) other.focus();
  }
}

async function discardAll() {
  if (isBusy()) return;
  ui.body.dataset.state = 'confirming';
  const ok = await confirmDialog({
    title: 'Discard all changes?',
    message: `This drops every pending change (${describePending()}) and the undo history: the working copy `
      + `goes back to ${state.source} as loaded. It cannot be undone.`,
    confirmLabel: 'Discard all changes',
    cancelLabel: 'Keep my changes',
  });
  if (!ok) {
    ui.body.dataset.state = 'idle';
    return;
  }
  state.busy = 'discard';
  renderControls();
  const reply = await ask({ type: 'discard' });
  state.busy = null;
  if (reply.type !== 'changed') {
    renderControls();
    renderFault(ui.faultPanel, 'Discarding the changes failed; nothing was changed', reply.fault);
    ui.body.dataset.state = 'fault';
    return;
  }
  hideFault();
  clearOutcome();
  applyState(reply);
  showOutcome(`Discarded all changes: the working copy is ${state.source} as loaded.`, 'success');
  ui.body.dataset.state = 'discarded';
  if (document.activeElement?.disabled || document.activeElement === document.body) ui.sampleButton.focus();
}

// ---- events ----------------------------------------------------------------------------

let filterTimer = 0;
function applyFilter() {
  clearTimeout(filterTimer);
  const filter = ui.filterInput.value.trim();
  if (filter === state.filter) return;
  state.filter = filter;
  state.page = 0;
  renderScopes();
}
ui.filterInput.addEventListener('input', () => {
  clearTimeout(filterTimer);
  filterTimer = setTimeout(applyFilter, FILTER_DELAY_MS);
});

ui.scopesBody.addEventListener('change', (event) => {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || box.type !== 'checkbox') return;
  const key = box.dataset.key;
  if (box.checked) state.selection.add(key);
  else state.selection.delete(key);
  box.closest('tr')?.classList.toggle('selected', box.checked);
  renderControls();
});

ui.selectShownButton.addEventListener('click', () => {
  applyFilter(); // a click right after typing selects what the new filter shows
  for (const scope of state.filtered) state.selection.add(scope.key);
  renderScopes();
  renderControls();
});

ui.clearSelectionButton.addEventListener('click', () => {
  state.selection.clear();
  renderScopes();
  renderControls();
  ui.selectShownButton.focus(); // this button is now disabled
});

ui.prevPage.addEventListener('click', () => {
  state.page = Math.max(0, state.page - 1);
  renderScopes();
  if (ui.prevPage.disabled) ui.nextPage.focus();
});
ui.nextPage.addEventListener('click', () => {
  state.page += 1;
  renderScopes();
  if (ui.nextPage.disabled) ui.prevPage.focus();
});

ui.addButton.addEventListener('click', addSelected);
ui.removeButton.addEventListener('click', removeSelected);
ui.removeFromSelected.addEventListener('change', renderControls);
ui.removeFromAny.addEventListener('change', renderControls);
ui.relationshipSelect.addEventListener('change', renderRelationshipDetails);
ui.cancelButton.addEventListener('click', cancelRun);
ui.undoButton.addEventListener('click', () => historyStep('undo'));
ui.redoButton.addEventListener('click', () => historyStep('redo'));
ui.discardButton.addEventListener('click', discardAll);
for (const [format, button] of Object.entries(ui.exportButtons)) {
  button.addEventListener('click', () => exportFile(format));
}

ui.sampleButton.addEventListener('click', restoreSample);

ui.fileInput.addEventListener('change', async () => {
  const file = ui.fileInput.files?.[0];
  await loadFile(file);
  ui.fileInput.value = ''; // choosing the same file again must fire 'change' again
});

/** Whether typing Ctrl+Z here means "undo this text", not "undo the last change". */
function isTextField(target) {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(target.type);
}

// Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo (Cmd on a Mac), outside text fields and dialogs.
document.addEventListener('keydown', (event) => {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.repeat) return;
  const key = event.key.toLowerCase();
  let kind = null;
  if (key === 'z') kind = event.shiftKey ? 'redo' : 'undo';
  else if (key === 'y' && !event.shiftKey) kind = 'redo';
  if (!kind || isTextField(event.target) || dialogOpen()) return;
  event.preventDefault();
  historyStep(kind);
});

// Drag and drop anywhere on the page; the drop zone lights up while a file is over it.
let dragDepth = 0;
document.addEventListener('dragenter', (event) => {
  if (!event.dataTransfer?.types.includes('Files')) return;
  dragDepth++;
  ui.dropZone.classList.add('dragging');
});
document.addEventListener('dragleave', () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) ui.dropZone.classList.remove('dragging');
});
document.addEventListener('dragover', (event) => {
  if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
});
document.addEventListener('drop', (event) => {
  if (!event.dataTransfer?.files.length) return;
  event.preventDefault();
  dragDepth = 0;
  ui.dropZone.classList.remove('dragging');
  loadFile(event.dataTransfer.files[0]);
});

// ---- start -----------------------------------------------------------------------------

openWorkingCopy();

// A small hook for the e2e tests and for debugging from the console: the working tables
// and changes as shown, and the same paths the controls use.
window.__ipam = {
  get tables() { return state.tables; },
  get selection() { return [...state.selection]; },
  get running() { return state.run !== null; },
  get diff() { return state.diff; },
  get canUndo() { return state.canUndo; },
  get canRedo() { return state.canRedo; },
  get revision() { return state.revision; },
  loadTables: (value, name = 'tables') => acceptTables(value, name),
  add: (failoverId, scopeIds, name = `relationship ${text(failoverId)}`) => stageAdd(failoverId, scopeIds, name),
  remove: (failoverId, scopeIds, name = failoverId === null ? 'failover' : `relationship ${text(failoverId)}`) => stageRemove(failoverId, scopeIds, name),
  undo: () => historyStep('undo'),
  redo: () => historyStep('redo'),
  /** The worker's ws.toJSON(): the whole working copy with its history, as stored. */
  snapshot: async () => {
    const reply = await engine.request({ type: 'snapshot' });
    if (reply.type !== 'snapshot') throw new Error(reply.fault?.message ?? 'no snapshot');
    return reply.text;
  },
};
