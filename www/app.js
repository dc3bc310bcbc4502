// The admin page's composition root: the worker clients, the shared session, one object
// per panel, the keyboard shortcuts, and opening the working copy. The working copy
// itself lives in the worker (worker.js); see README "The admin page".

import { $ } from './dom.js';
import { WorkerClient } from './worker-client.js';
import { OutputClient } from './output-client.js';
import { Session } from './session.js';
import { showFault, showStorageAlert } from './alerts.js';
import { DataPanel } from './data-panel.js';
import { RelationshipsPanel } from './relationships-panel.js';
import { ScopesPanel } from './scopes-panel.js';
import { CoveragePanel } from './coverage-panel.js';
import { RunPanel } from './run-panel.js';
import { PendingPanel } from './pending-panel.js';
import { ExportsPanel } from './exports-panel.js';
import { ImportPanel } from './import-panel.js';
import { ReconcilePanel } from './reconcile-panel.js';
import { bindHistoryKeys } from './keyboard.js';
import { exposeTestHook } from './test-hook.js';

const client = new WorkerClient((state, message) => {
  $('engine-status').textContent = message;
  document.body.dataset.engine = state;
});
const session = new Session(client);
const outputs = new OutputClient(client); // exports and whole-copy reads, in their own worker
const data = new DataPanel(session);
new RelationshipsPanel(session);
new CoveragePanel(session);
new ScopesPanel(session);
const run = new RunPanel(session, { onEngineRestarted: () => reopen() });
const pending = new PendingPanel(session, (message, kind) => run.showOutcome(message, kind));
new ExportsPanel(session, outputs);
new ImportPanel(session); // import from DHCP servers, in its own worker (import-worker.js)
new ReconcilePanel(session); // check the pending changes against a fresh collection
bindHistoryKeys((kind) => pending.step(kind));

function reportStorage(status) {
  if (status.storageError) {
    showStorageAlert('Changes cannot be saved in this browser',
      `The working copy cannot be stored here (${status.storageError}). It lasts only while this page is open: `
      + 'export the change set before you close it.');
  }
}

/** At start: the worker restores the stored working copy, or starts one from the sample. */
async function open() {
  const timing = { appStart: performance.timeOrigin + performance.now() };
  session.setBusy('opening');
  let reply;
  try {
    reply = await client.request('open');
    Object.assign(timing, reply.timing, { replied: performance.timeOrigin + performance.now() });
  } catch (error) {
    session.setBusy(null);
    showFault('The working copy could not be opened', error.fault ?? { message: error.message });
    session.setState('fault');
    return;
  }
  session.busy = null;
  session.opened = true;
  session.apply(reply, { newCopy: true });
  if (reply.status === 'restored') {
    const when = reply.savedAt ? new Date(reply.savedAt).toLocaleString() : 'an earlier visit';
    data.setStatus(`Restored your working copy from ${when}.`);
  }
  if (reply.status === 'damaged') {
    const { key, fault, text } = reply.damaged;
    showStorageAlert('A saved working copy could not be read',
      `A saved working copy could not be read (${fault.code ?? fault.name}: ${fault.message}); `
      + `it was kept aside as ${key}; the built-in sample is shown.`, { key, text });
    document.body.dataset.storage = 'damaged';
  }
  reportStorage(reply);
  session.setState('idle');
  timing.idle = performance.timeOrigin + performance.now();
  const navigation = performance.getEntriesByType('navigation')[0];
  if (navigation) timing.html = performance.timeOrigin + navigation.responseEnd;
  const scripts = performance.getEntriesByType('resource').filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'));
  if (scripts.length) timing.scriptsFetched = performance.timeOrigin + Math.max(...scripts.map((r) => r.responseEnd));
  // Start-up timing, ms since navigation start, for bench/page.mjs.
  window.__ipamTiming = Object.fromEntries(Object.entries(timing).map(([k, t]) => [k, Math.round(t - performance.timeOrigin)]));
}

/**
 * After a Cancel that restarted the engine (no cross-origin isolation): the fresh worker
 * restores the copy from the journal. Normally that is what the page showed; if the
 * cancelled change had been saved as Cancel arrived, the page says so.
 */
async function reopen() {
  const known = session.status.revision;
  const state = document.body.dataset.state;
  session.opened = false;
  session.emit('controls');
  let reply;
  try {
    reply = await client.request('open');
  } catch (error) {
    showFault('The working copy could not be reopened after Cancel', error.fault ?? { message: error.message });
    return;
  }
  session.opened = true;
  session.apply(reply);
  if (reply.status !== 'restored') {
    data.setStatus('The working copy was lost with the cancelled operation, because this browser cannot store it.');
  } else if (reply.revision !== known) {
    run.showOutcome('The change had already been saved when Cancel took effect; it is in the working copy (Undo takes it back).', 'cancelled');
  }
  session.setState(state);
}

open();
exposeTestHook({ outputs, session, data, run, pending });
