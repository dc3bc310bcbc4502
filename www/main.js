// DOM wiring for the admin page. The page owns the tables; the worker (engine.js,
// worker.js) runs addScopes on a copy, and the page applies the rows it appended only
// when it reports success, so a fault or a Cancel leaves the page's tables as they were.

import { makeSample } from './sample.js';
import { buildView, addPairs, filterScopes, shapeProblem, idKey, text } from './tables.js';
import {
  fmt, plural, renderRelationships, renderRelationshipOptions, renderScopeRows, renderFault, renderResults,
  relationshipDetails,
} from './render.js';
import { Engine, CancelledError } from './engine.js';

const PAGE_SIZE = 50;
const FILTER_DELAY_MS = 120;
const $ = (id) => document.getElementById(id);

const ui = {
  body: document.body,
  dataSummary: $('data-summary'),
  dropZone: $('drop-zone'),
  fileInput: $('file-input'),
  sampleButton: $('sample-button'),
  downloadButton: $('download-button'),
  loadStatus: $('load-status'),
  faultPanel: $('fault-panel'),
  relationshipsBody: $('relationships-body'),
  noRelationships: $('no-relationships'),
  relationshipSelect: $('relationship-select'),
  relationshipDetails: $('relationship-details'),
  selectionCount: $('selection-count'),
  addButton: $('add-button'),
  progressArea: $('progress-area'),
  progress: $('progress'),
  progressLabel: $('progress-label'),
  progressText: $('progress-text'),
  cancelButton: $('cancel-button'),
  live: $('live'),
  outcome: $('outcome'),
  results: $('results'),
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
};

const state = {
  tables: null,
  view: null,
  source: '',
  selection: new Set(),
  filter: '',
  filtered: [],
  page: 0,
  run: null, // the add in progress: { total, name, milestone }
  loading: false, // a file is being read or checked
};

const engine = new Engine((ready, message) => {
  ui.engineStatus.textContent = message;
  ui.body.dataset.engine = ready === null ? 'starting' : ready ? 'ready' : 'failed';
});

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

function renderRelationshipDetails() {
  ui.relationshipDetails.textContent = relationshipDetails(state.view.relationshipByKey.get(ui.relationshipSelect.value));
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

function renderControls() {
  const busy = state.run !== null || state.loading;
  const n = state.selection.size;
  ui.selectionCount.textContent = n === 0 ? 'No scope selected.' : `${plural(n, 'scope')} selected.`;
  ui.addButton.disabled = busy || n === 0 || state.view.relationships.length === 0;
  ui.addButton.textContent = n === 0 ? 'Add the selected scopes' : `Add ${plural(n, 'scope')}`;
  ui.clearSelectionButton.disabled = n === 0;
  for (const control of [ui.fileInput, ui.sampleButton, ui.relationshipSelect]) control.disabled = busy;
  ui.cancelButton.hidden = state.run === null; // beside a finished bar it would offer nothing
}

function renderAll() {
  renderDataSummary();
  renderRelationshipList();
  renderScopes();
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

// ---- tables ----------------------------------------------------------------------------

function setTables(tables, source) {
  state.tables = tables;
  state.view = buildView(tables);
  state.source = source;
  state.selection.clear();
  state.page = 0;
  clearOutcome();
  hideFault();
  renderAll();
}

function refuse(name, fault) {
  renderFault(ui.faultPanel, `The file “${name}” was refused; the current data is unchanged`, fault);
  ui.loadStatus.textContent = `Refused “${name}”; still showing ${state.source}.`;
  ui.body.dataset.state = 'refused';
}

/** Accepts tables from a file (or the test hook) after the shape check and the core's dry check. */
async function acceptTables(value, name) {
  if (state.run || state.loading) return false;
  const problem = shapeProblem(value);
  if (problem) {
    refuse(name, { message: problem });
    return false;
  }
  state.loading = true;
  renderControls();
  ui.loadStatus.textContent = `Checking “${name}”…`;
  let reply;
  try {
    reply = await engine.request({ type: 'check', tables: value });
  } catch (error) {
    reply = { fault: { message: error instanceof Error ? error.message : String(error) } };
  } finally {
    state.loading = false;
  }
  if (reply.fault) {
    renderControls();
    refuse(name, reply.fault);
    return false;
  }
  setTables(value, `the file “${name}”`);
  ui.loadStatus.textContent = `Loaded “${name}”.`;
  ui.body.dataset.state = 'idle';
  return true;
}

async function loadFile(file) {
  if (!file) return;
  if (state.run || state.loading) {
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

function downloadTables() {
  // JSON has no BigInt: ids that came in as BigInt (only through the test hook) go out as
  // numbers when safe, as text otherwise.
  const json = JSON.stringify(state.tables, (key, value) => {
    if (typeof value !== 'bigint') return value;
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  }, 2);
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'ipam-failover-tables.json';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---- adding ----------------------------------------------------------------------------

function onProgress(run, message) {
  if (state.run !== run) return;
  ui.progress.value = message.percent;
  ui.progressText.textContent = `${fmt(message.done)} of ${plural(message.total, 'scope')} (${message.percent}%)`;
  // The live region speaks at quarter marks only: every 50 ms would drown a screen reader.
  const mark = Math.floor(message.percent / 25) * 25;
  if (mark > run.milestone && mark < 100) {
    run.milestone = mark;
    ui.live.textContent = `${mark}% done: ${fmt(message.done)} of ${plural(message.total, 'scope')}.`;
  }
}

/** Runs addScopes in the worker for `scopeIds` and relationship `failoverId`. */
async function runAdd(failoverId, scopeIds, name) {
  if (state.run || state.loading) return;
  const run = { total: scopeIds.length, name, milestone: 0 };
  state.run = run;
  ui.body.dataset.state = 'running';
  hideFault();
  clearOutcome();
  ui.progressArea.hidden = false;
  ui.progressLabel.textContent = `Adding ${plural(run.total, 'scope')} to ${name}`;
  ui.progress.value = 0;
  ui.progressText.textContent = `0 of ${plural(run.total, 'scope')} (0%)`;
  ui.live.textContent = `Adding ${plural(run.total, 'scope')} to ${name}.`;
  renderControls();
  ui.cancelButton.focus();

  let reply;
  try {
    reply = await engine.request(
      { type: 'add', tables: state.tables, failoverId, scopeIds },
      (message) => onProgress(run, message),
    );
  } catch (error) {
    if (error instanceof CancelledError) return; // cancel() has already reported it
    reply = { type: 'fault', fault: { message: error instanceof Error ? error.message : String(error) } };
  }
  if (state.run !== run) return;
  state.run = null;
  const focusWasOnCancel = document.activeElement === ui.cancelButton;
  if (reply.type === 'done') finishAdd(run, scopeIds, reply);
  else failAdd(run, reply.fault);
  renderControls();
  if (focusWasOnCancel) focusAfterRun();
}

/** The Cancel button hides when a run ends: keep keyboard focus on a control that stays. */
function focusAfterRun() {
  (ui.addButton.disabled ? ui.relationshipSelect : ui.addButton).focus();
}

function finishAdd(run, scopeIds, reply) {
  const pairs = state.tables.ADM_DhcpScopeFailoverTable;
  for (const row of reply.appended) pairs.push(row); // a loop: spreading 100,000 rows overflows the stack
  addPairs(state.view, reply.appended);

  ui.progress.value = 100;
  ui.progressText.textContent = `${fmt(run.total)} of ${plural(run.total, 'scope')} (100%)`;
  const added = new Set(reply.added.map(idKey));
  const already = new Set(reply.already.map(idKey));
  const outcomes = [];
  for (const id of scopeIds) {
    const key = idKey(id);
    if (added.has(key) || already.has(key)) outcomes.push({ key, id, added: added.has(key) });
  }
  renderResults(ui.resultsList, ui.resultsNote, outcomes, state.view.scopeByKey);
  ui.results.hidden = outcomes.length === 0;
  const relName = text(reply.relationship?.RelationshipName) || run.name;
  showOutcome(`Added ${plural(reply.added.length, 'scope')} to ${relName}; `
    + `${fmt(reply.already.length)} ${reply.already.length === 1 ? 'was' : 'were'} already in this relationship.`, 'success');
  renderDataSummary();
  renderRelationshipList();
  renderScopes();
  ui.body.dataset.state = 'done';
}

function failAdd(run, fault) {
  ui.progressArea.hidden = true;
  renderFault(ui.faultPanel, `Adding scopes to ${run.name} failed; no changes were made`, fault);
  showOutcome(`Failed${fault.code ? ` with ${fault.code}` : ''}; no changes were made.`, 'failure');
  ui.body.dataset.state = 'fault';
}

function cancelAdd() {
  if (!state.run) return;
  state.run = null;
  engine.cancel();
  ui.progressArea.hidden = true;
  showOutcome('Cancelled; no changes were made.', 'cancelled');
  renderControls();
  focusAfterRun();
  ui.body.dataset.state = 'cancelled';
}

function addSelected() {
  const rel = state.view.relationshipByKey.get(ui.relationshipSelect.value);
  if (!rel) return;
  // Table order, not click order: the result list then reads like the table.
  const scopeIds = state.view.scopes.filter((s) => state.selection.has(s.key)).map((s) => s.id);
  if (scopeIds.length > 0) runAdd(rel.id, scopeIds, rel.name);
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
ui.relationshipSelect.addEventListener('change', renderRelationshipDetails);
ui.cancelButton.addEventListener('click', cancelAdd);

ui.sampleButton.addEventListener('click', () => {
  setTables(makeSample(), 'the built-in sample');
  ui.loadStatus.textContent = 'Restored the built-in sample.';
  ui.body.dataset.state = 'idle';
});
ui.downloadButton.addEventListener('click', downloadTables);

ui.fileInput.addEventListener('change', async () => {
  const file = ui.fileInput.files?.[0];
  await loadFile(file);
  ui.fileInput.value = ''; // choosing the same file again must fire 'change' again
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

setTables(makeSample(), 'the built-in sample');
ui.body.dataset.state = 'idle';

// A small hook for the e2e tests and for debugging from the console: the live tables,
// and the same load and add paths the controls use.
window.__ipam = {
  get tables() { return state.tables; },
  get selection() { return [...state.selection]; },
  get running() { return state.run !== null; },
  loadTables: (value, name = 'tables') => acceptTables(value, name),
  add: (failoverId, scopeIds, name = `relationship ${text(failoverId)}`) => runAdd(failoverId, scopeIds, name),
};
