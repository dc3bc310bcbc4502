// The data panel: what the working copy holds, loading a file (picker or drop anywhere on
// the page) and restoring the built-in sample. The File goes to the worker as is (a
// structured clone of a File does not copy its bytes); the worker reads and checks it,
// and when the copy has pending changes asks, through this panel, before replacing it.

import { $, fmt, plural } from './dom.js';
import { showFault, hideFault } from './alerts.js';
import { confirmDialog } from './dialogs.js';
import { describePending } from './pending-panel.js';

export class DataPanel {
  constructor(session) {
    this.session = session;
    this.ui = {
      summary: $('data-summary'), drop: $('drop-zone'), file: $('file-input'), sample: $('sample-button'), status: $('load-status'),
    };
    const { ui } = this;
    ui.sample.addEventListener('click', () => this.restoreSample());
    ui.file.addEventListener('change', async () => {
      const file = ui.file.files?.[0];
      if (file) await this.load({ file }, file.name);
      ui.file.value = ''; // choosing the same file again must fire 'change' again
    });
    this.dropTarget();
    session.on('status', (status) => this.summary(status));
    session.on('controls', () => {
      for (const control of [ui.file, ui.sample]) control.disabled = session.isLocked();
    });
  }

  summary(status) {
    this.ui.summary.textContent = `Showing ${status.source}: ${plural(status.relationships.length, 'failover relationship')}, `
      + `${plural(status.scopeCount, 'scope')} (${fmt(status.inSome)} already in a relationship).`;
  }

  setStatus(message) {
    this.ui.status.textContent = message;
  }

  /** Drag and drop anywhere on the page; the drop zone lights up while a file is over it. */
  dropTarget() {
    let depth = 0;
    const zone = this.ui.drop;
    document.addEventListener('dragenter', (event) => {
      if (!event.dataTransfer?.types.includes('Files')) return;
      depth++;
      zone.classList.add('dragging');
    });
    document.addEventListener('dragleave', () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) zone.classList.remove('dragging');
    });
    document.addEventListener('dragover', (event) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    });
    document.addEventListener('drop', (event) => {
      if (!event.dataTransfer?.files.length) return;
      event.preventDefault();
      depth = 0;
      zone.classList.remove('dragging');
      const file = event.dataTransfer.files[0];
      this.load({ file }, file.name);
    });
  }

  refuse(name, fault) {
    showFault(`The file “${name}” was refused; the current data is unchanged`, fault);
    this.setStatus(`Refused “${name}”; still showing ${this.session.status.source}.`);
    this.session.setState('refused');
  }

  /**
   * Loads `what` ({ file }, { tables } or { sample: true }) into a new working copy; true
   * when it replaced the copy. `name` names it in messages.
   */
  async load(what, name) {
    const { session } = this;
    if (session.isBusy()) {
      // Only a drop can get here (the picker is disabled meanwhile): say why nothing happens.
      this.setStatus(`Not loading “${name}”: wait for the current operation to finish, or cancel it.`);
      return false;
    }
    if (!what.sample) this.setStatus(`Checking “${name}”…`);
    session.setBusy('loading');
    let reply;
    try {
      reply = await session.client.request('load', { ...what, name });
      if (reply.status === 'confirm') reply = await this.confirm(reply, what.sample ? 'the built-in sample' : `“${name}”`);
    } catch (error) {
      session.setBusy(null);
      this.refuse(name, error.fault ?? { message: error.message });
      return false;
    }
    session.busy = null;
    if (reply.status === 'kept') {
      if (!what.sample) this.setStatus(`Not loaded “${name}”: your working copy is unchanged.`);
      session.setBusy(null);
      session.setState('idle');
      return false;
    }
    hideFault();
    session.apply(reply, { newCopy: true });
    this.setStatus(what.sample ? 'Restored the built-in sample.' : `Loaded “${name}”.`);
    session.setState('idle');
    return true;
  }

  /** The worker built the candidate and it has pending changes: ask, then tell the worker. */
  async confirm(reply, what) {
    this.session.setState('confirming');
    const ok = await confirmDialog({
      title: 'Replace the working copy?',
      message: `Your working copy has pending changes (${describePending(reply.pending)}). Loading ${what} replaces it, `
        + 'with its undo history; export the change set first if you want to keep them.',
      confirmLabel: 'Replace the working copy',
      cancelLabel: 'Keep my changes',
    });
    return this.session.client.request('loadDecision', { accept: ok });
  }

  restoreSample() {
    return this.load({ sample: true }, 'built-in sample');
  }
}
