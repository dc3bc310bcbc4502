// "Import from DHCP servers": the admin picks or drops the files of a collection; the
// import worker (import-worker.js, with the second wasm module) reads them off this
// thread and answers what each file was, the drift findings and the servers seen, and the
// tables as JSON text's UTF-8 bytes. Only "Use these tables" touches the working copy: the
// main worker builds it with Workspace.fromBytes (op loadBytes), asking first over pending
// changes.
//
// FilePanel is what this panel and the check (reconcile-panel.js) share: choosing files
// (picker or drop), a run in the import worker with progress and Cancel, the file list
// with its server fields, and running again.

import { $, el, fmt, plural, text } from './dom.js';
import { showFault, hideFault } from './alerts.js';
import { confirmDialog } from './dialogs.js';
import { describePending } from './pending-panel.js';
import { ImportClient, ImportCancelled } from './import-client.js';
import { FileSet, ProgressView, renderDrift, renderServers } from './import-view.js';

const RELATIONSHIP_LIMIT = 200; // rows of the relationships found; all of them are in the tables

/** Moves focus to `target` when the focused control was hidden, disabled or removed. */
export function refocus(target) {
  const active = document.activeElement;
  if (active && active !== document.body && !active.disabled && active.isConnected && active.getClientRects().length > 0) return;
  if (!target.disabled) target.focus();
}

export class FilePanel {
  /** `prefix` names the panel's elements (`${prefix}-input`, ...); `running` and `cancelled` word its messages. */
  constructor(session, prefix, { running, cancelled }) {
    this.session = session;
    this.prefix = prefix;
    this.words = { running, cancelled };
    this.client = new ImportClient();
    this.ui = {
      section: $(`${prefix}-section`),
      input: $(`${prefix}-input`),
      drop: $(`${prefix}-drop`),
      filesArea: $(`${prefix}-files-area`),
      rerunActions: $(`${prefix}-rerun-actions`),
      rerun: $(`${prefix}-rerun`),
      status: $(`${prefix}-status`),
      result: $(`${prefix}-result`),
      live: $(`${prefix}-live`),
    };
    this.files = new FileSet($(`${prefix}-files`), prefix);
    this.progress = new ProgressView(prefix);
    const { ui } = this;
    ui.input.addEventListener('change', () => {
      const chosen = [...(ui.input.files ?? [])];
      ui.input.value = ''; // choosing the same files again must fire 'change' again
      if (chosen.length) this.choose(chosen);
    });
    ui.rerun.addEventListener('click', () => this.run());
    this.active = null; // the run under way: { cancelled }
    this.progress.cancel.addEventListener('click', () => this.cancel());
    this.dropTarget();
    // "The working copy is now …" stops being true once another copy (a file, the sample,
    // the other panel) replaces the one this panel made.
    this.replacedNote = null;
    session.on('copy', () => {
      if (this.replacedNote !== null) this.say(this.replacedNote);
    });
  }

  /**
   * Drops on this panel's zone stay here: they do not bubble to the page's drop handler,
   * which would load the first file as tables.
   */
  dropTarget() {
    const zone = this.ui.drop;
    let depth = 0;
    const files = (event) => event.dataTransfer?.types.includes('Files');
    zone.addEventListener('dragenter', (event) => {
      if (!files(event)) return;
      event.stopPropagation();
      depth++;
      zone.classList.add('dragging');
    });
    zone.addEventListener('dragleave', (event) => {
      event.stopPropagation();
      depth = Math.max(0, depth - 1);
      if (depth === 0) zone.classList.remove('dragging');
    });
    zone.addEventListener('dragover', (event) => {
      if (!files(event)) return;
      event.stopPropagation();
      event.preventDefault();
    });
    zone.addEventListener('drop', (event) => {
      if (!event.dataTransfer?.files.length) return;
      event.stopPropagation();
      event.preventDefault();
      depth = 0;
      zone.classList.remove('dragging');
      this.choose([...event.dataTransfer.files]);
    });
  }

  get running() {
    return this.active !== null;
  }

  /** Stops the run: terminates the import worker (it holds no state). */
  cancel() {
    if (!this.active) return;
    this.active.cancelled = true;
    this.client.cancel();
  }

  choose(files) {
    if (this.running) {
      this.say(`Not reading the dropped files: ${this.words.running} is under way (Cancel stops it).`, 'cancelled');
      return;
    }
    this.files.set(files);
    this.run();
  }

  say(message, kind = null) {
    const { status } = this.ui;
    status.textContent = message;
    status.className = kind ? `outcome ${kind}` : 'outcome';
    status.hidden = !message;
    this.replacedNote = null;
  }

  /** Says (and announces) that this panel made `source` the working copy, until another replaces it. */
  sayMadeCopy(message, source) {
    this.say(message, 'success');
    this.announce(message);
    this.replacedNote = `Since replaced: the working copy is no longer ${source}.`;
  }

  announce(message) {
    this.ui.live.textContent = message;
  }

  setState(state) {
    this.ui.section.dataset.state = state;
  }

  /** Runs `this.request(inputs, onProgress)` in the import worker and shows what it answers. */
  async run() {
    if (this.running || this.files.count === 0) return;
    const { ui } = this;
    this.files.readServers();
    this.clearResult();
    this.say('');
    ui.filesArea.hidden = true;
    ui.input.disabled = true;
    ui.rerun.disabled = true;
    this.setState('running');
    this.progress.start(`${this.words.running[0].toUpperCase()}${this.words.running.slice(1)} ${plural(this.files.count, 'file')}`);
    this.announce(`${this.words.running[0].toUpperCase()}${this.words.running.slice(1)} ${plural(this.files.count, 'file')}…`);
    let result;
    const run = { cancelled: false };
    this.active = run;
    try {
      result = await this.request(this.files.inputs(), (p) => this.progress.update(p), run);
    } catch (error) {
      this.finishRun();
      if (error instanceof ImportCancelled || run.cancelled) {
        this.showFiles(null, 'Not read: cancelled.');
        this.say(`Cancelled: ${this.words.cancelled}`, 'cancelled');
        this.announce(`Cancelled. ${this.words.cancelled}`);
        this.setState('cancelled');
        return;
      }
      const fault = error.fault ?? { message: error.message };
      this.showFiles(null, 'Not read.');
      this.say(`${fault.code ? `${fault.code}: ` : ''}${text(fault.message)}`, 'failure');
      this.announce('The files could not be read.');
      this.setState('failed');
      return;
    }
    this.finishRun();
    this.showFiles(result);
    if (result.refused.length > 0) {
      const n = result.refused.length;
      this.say(`${plural(n, 'file was', 'files were')} refused, so nothing was imported; your working copy is unchanged. `
        + 'See each file below.', 'failure');
      this.announce(`${plural(n, 'file')} refused of ${fmt(this.files.count)}.`);
      this.setState('refused');
      return;
    }
    this.show(result);
    this.setState('done');
  }

  finishRun() {
    this.active = null;
    this.progress.stop();
    this.ui.input.disabled = false;
    this.ui.rerun.disabled = false;
    refocus(this.ui.input);
  }

  showFiles(result, note) {
    const withServers = this.files.render(result, { note, onRerun: () => this.run() });
    this.ui.filesArea.hidden = this.files.count === 0;
    this.ui.rerunActions.hidden = !withServers;
  }

  clearResult() {
    this.ui.result.hidden = true;
  }
}

export class ImportPanel extends FilePanel {
  constructor(session) {
    super(session, 'import', { running: 'importing', cancelled: 'nothing was imported; your working copy is unchanged.' });
    this.tablesBytes = null;
    this.source = '';
    this.ui.use = $('import-use');
    this.ui.use.addEventListener('click', () => this.use());
    session.on('controls', () => this.controls());
  }

  controls() {
    this.ui.use.disabled = this.tablesBytes === null || this.session.isLocked();
  }

  request(files, onProgress) {
    return this.client.request('import', { files }, { onProgress });
  }

  clearResult() {
    super.clearResult();
    this.tablesBytes = null;
    this.controls();
  }

  show(result) {
    const n = this.files.count;
    this.tablesBytes = result.tablesBytes;
    this.source = `an import of ${plural(n, 'file')}`;
    // What the tables hold, as the working copy would list it: the import's own overview.
    const { relationships, scopes: scopeCount, pairs } = result.overview;
    $('import-summary').textContent = `Read ${plural(n, 'file')}: ${plural(result.servers.length, 'DHCP server')}, `
      + `${plural(relationships.length, 'failover relationship')}, ${plural(scopeCount, 'scope')} `
      + `(${fmt(pairs)} in a relationship).`;
    $('import-relationships').replaceChildren(...relationships.slice(0, RELATIONSHIP_LIMIT).map((r) => el('tr', {},
      el('th', { scope: 'row' }, text(r.name)),
      el('td', {}, text(r.mode, '—')),
      el('td', { class: 'servers' }, `${text(r.server1, '?')} ↔ ${text(r.server2, '?')}`),
      el('td', { class: 'num' }, fmt(r.members)))));
    $('import-relationships-note').textContent = relationships.length > RELATIONSHIP_LIMIT
      ? `Showing the first ${fmt(RELATIONSHIP_LIMIT)} of ${fmt(relationships.length)} relationships.` : '';
    $('import-findings-summary').textContent = renderDrift($('import-findings'), result.findings);
    renderServers($('import-servers'), result.servers);
    this.ui.result.hidden = false;
    this.say(`Imported ${plural(n, 'file')}. Nothing has changed yet: check the findings, then use these tables.`, 'success');
    this.announce(`Import done: ${plural(relationships.length, 'relationship')}, ${plural(scopeCount, 'scope')}, `
      + `${plural(result.findings.length, 'drift finding')}.`);
    this.controls();
  }

  /** The imported tables become the working copy (the same checks and journal as a file). */
  async use() {
    const { session } = this;
    if (this.tablesBytes === null) return;
    if (session.isBusy()) {
      this.say('Not now: wait for the current operation to finish, or cancel it.', 'cancelled');
      return;
    }
    session.setBusy('loading');
    this.setState('using');
    let reply;
    try {
      // Copied, not moved: a "Keep my changes" leaves the panel able to use them later.
      reply = await session.client.request('loadBytes', { bytes: this.tablesBytes, source: this.source });
      if (reply.status === 'confirm') reply = await this.confirm(reply);
    } catch (error) {
      session.setBusy(null);
      showFault('The imported tables were refused; the current data is unchanged', error.fault ?? { message: error.message });
      this.setState('done');
      session.setState('refused');
      return;
    }
    session.busy = null;
    if (reply.status === 'kept') {
      this.say('Not used: your working copy is unchanged.', 'cancelled');
      this.announce('Not used: your working copy is unchanged.');
      this.setState('done');
      session.setBusy(null);
      session.setState('idle');
      return;
    }
    hideFault();
    this.tablesBytes = null;
    session.apply(reply, { newCopy: true });
    this.sayMadeCopy(`The working copy is now ${this.source}.`, this.source);
    this.setState('used');
    session.setState('idle');
    refocus(this.ui.input);
  }

  async confirm(reply) {
    this.session.setState('confirming');
    const ok = await confirmDialog({
      title: 'Replace the working copy?',
      message: `Your working copy has pending changes (${describePending(reply.pending)}). Using ${this.source} replaces it, `
        + 'with its undo history; export the change set first if you want to keep them.',
      confirmLabel: 'Replace the working copy',
      cancelLabel: 'Keep my changes',
    });
    return this.session.client.request('loadDecision', { accept: ok });
  }
}
