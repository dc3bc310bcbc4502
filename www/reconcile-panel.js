// "Check against a fresh collection": after the exported script ran, the admin picks the
// files of a new collection. The import worker imports them (the observed tables), takes
// the working copy as the main worker's ws.toPacked() (op 'packed') and runs
// Workspace.fromPacked(packed).reconcile(observed) in the import module, freeing the copy
// after. Shown: each pending change with its status (applied, not applied, conflict) and
// the changes seen on the servers that were not planned. "Make this the new baseline"
// (confirmed) reloads the working copy from the observed tables, history cleared.

import { $, el, fmt, plural, text } from './dom.js';
import { showFault, hideFault } from './alerts.js';
import { confirmDialog } from './dialogs.js';
import { describePending } from './pending-panel.js';
import { FilePanel, refocus } from './import-panel.js';
import { ImportCancelled } from './import-client.js';

const STATUS = {
  applied: 'applied',
  'not-applied': 'not applied',
  conflict: 'conflict',
};

const ROW_LIMIT = 500; // rows listed per table; the counts cover every change

const sameScope = (a, b) => a.scope === b.scope && String(a.server).toLowerCase() === String(b.server).toLowerCase();

export class ReconcilePanel extends FilePanel {
  constructor(session) {
    super(session, 'reconcile', { running: 'checking', cancelled: 'nothing was checked; your working copy is unchanged.' });
    this.observed = null; // the fresh collection's tables as JSON text's UTF-8 bytes
    this.revision = null; // the working copy's revision the check was made against
    this.ui.baseline = $('reconcile-baseline');
    this.ui.stale = $('reconcile-stale');
    this.ui.baseline.addEventListener('click', () => this.makeBaseline());
    session.on('controls', () => this.controls());
    session.on('status', (status) => {
      this.ui.stale.hidden = this.observed === null || status.revision === this.revision;
    });
  }

  controls() {
    this.ui.baseline.disabled = this.observed === null || this.session.isLocked();
  }

  /** The working copy as the main worker holds it, then the import and the comparison. */
  async request(files, onProgress, run) {
    const { session } = this;
    if (!session.opened) throw new Error('the working copy is not open yet');
    const packed = await session.client.request('packed');
    if (run.cancelled) throw new ImportCancelled();
    this.revision = session.status.revision;
    return this.client.request('reconcile', { files, packed }, { onProgress });
  }

  clearResult() {
    super.clearResult();
    this.observed = null;
    this.ui.stale.hidden = true;
    this.controls();
  }

  show(result) {
    const { changes, unplanned } = result.reconciliation;
    this.observed = result.tablesBytes;
    const n = this.files.count;
    this.source = n === 1 ? `the fresh collection “${this.files.entries[0].file.name}”` : `a fresh collection of ${plural(n, 'file')}`;
    const count = (status) => changes.filter((c) => c.status === status).length;
    const summary = changes.length === 0
      ? `The working copy has no pending changes. ${plural(unplanned.length, 'unplanned change')} seen on the servers.`
      : `Of ${plural(changes.length, 'pending change')}: ${fmt(count('applied'))} applied, ${fmt(count('not-applied'))} not applied, `
        + `${plural(count('conflict'), 'conflict')}. ${plural(unplanned.length, 'unplanned change')} seen on the servers.`;
    $('reconcile-summary').textContent = summary;

    $('reconcile-changes').replaceChildren(...changes.slice(0, ROW_LIMIT).map((c) => {
      const status = STATUS[c.status] ? c.status : 'not-applied';
      let detail = null;
      if (c.status === 'conflict') {
        const now = unplanned.find((u) => u.change === 'add' && sameScope(u, c));
        detail = now ? ['now in ', el('span', { class: 'relname' }, text(now.relationship))] : 'the scope is in another relationship now';
      }
      return el('tr', { class: `change ${status}` },
        el('td', {}, c.change === 'add' ? 'add' : 'remove'),
        el('td', { class: 'relname' }, text(c.relationship)),
        el('td', {}, text(c.server)),
        el('td', { class: 'mono' }, text(c.scope)),
        el('td', { class: 'status' }, el('span', { class: 'badge' }, STATUS[status]),
          detail ? el('span', { class: 'status-detail' }, ' ', detail) : null));
    }));
    $('reconcile-unplanned').replaceChildren(...unplanned.slice(0, ROW_LIMIT).map((u) => el('tr', { class: `unplanned ${u.change === 'add' ? 'add' : 'remove'}` },
      el('td', {}, u.change === 'add' ? 'add' : 'remove'),
      el('td', { class: 'relname' }, text(u.relationship)),
      el('td', {}, text(u.server)),
      el('td', { class: 'mono' }, text(u.scope)))));
    const note = (id, list) => {
      $(id).textContent = list.length > ROW_LIMIT ? `Showing the first ${fmt(ROW_LIMIT)} of ${fmt(list.length)}; the counts above cover all.` : '';
    };
    note('reconcile-changes-note', changes);
    note('reconcile-unplanned-note', unplanned);
    $('reconcile-no-changes').hidden = changes.length > 0;
    $('reconcile-changes-scroll').hidden = changes.length === 0;
    $('reconcile-no-unplanned').hidden = unplanned.length > 0;
    $('reconcile-unplanned-scroll').hidden = unplanned.length === 0;
    this.ui.stale.hidden = true;
    this.ui.result.hidden = false;
    this.say(`Checked against ${this.source}. Nothing has changed yet.`, 'success');
    this.announce(`Check done. ${summary}`);
    this.controls();
  }

  /** After a confirmation: the observed tables become the working copy, history cleared. */
  async makeBaseline() {
    const { session } = this;
    if (this.observed === null) return;
    if (session.isBusy()) {
      this.say('Not now: wait for the current operation to finish, or cancel it.', 'cancelled');
      return;
    }
    const pending = session.status?.pending ?? { added: 0, removed: 0 };
    session.setState('confirming');
    const ok = await confirmDialog({
      title: 'Make this the new baseline?',
      message: `The working copy is reloaded from ${this.source}: what the servers hold now. `
        + (session.hasPending() ? `Its pending changes (${describePending(pending)}) and undo history are cleared; `
          + 'changes that were not applied are dropped, so stage them again if you still want them.'
          : 'Its undo history is cleared.'),
      confirmLabel: 'Make it the baseline',
      cancelLabel: 'Keep the working copy',
    });
    if (!ok) {
      this.say('Not changed: the working copy stays as it was.', 'cancelled');
      session.setState('idle');
      return;
    }
    session.setBusy('loading');
    this.setState('using');
    let reply;
    try {
      reply = await session.client.request('loadBytes', { bytes: this.observed, source: this.source });
      // Already confirmed above: the worker's own question over pending changes is answered yes.
      if (reply.status === 'confirm') reply = await session.client.request('loadDecision', { accept: true });
    } catch (error) {
      session.setBusy(null);
      showFault('The fresh collection could not become the baseline; the working copy is unchanged', error.fault ?? { message: error.message });
      this.setState('done');
      session.setState('refused');
      return;
    }
    hideFault();
    session.busy = null;
    this.observed = null;
    this.ui.result.hidden = true;
    session.apply(reply, { newCopy: true });
    this.sayMadeCopy(`The working copy is now ${this.source}, with no pending changes.`, this.source);
    this.setState('baseline');
    session.setState('idle');
    refocus(this.ui.input);
  }
}
