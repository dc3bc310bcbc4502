// Pending changes: the summary, per-relationship "+N / −M", the first pairs added and
// removed, Undo / Redo / Discard, and when the copy was last saved. All of it comes from
// the worker's status (pendingSummary with a limit), never from the tables.

import { $, el, fmt, plural, keepFocus, afterPaint, signature } from './dom.js';
import { showFault, hideFault } from './alerts.js';
import { confirmDialog } from './dialogs.js';
import { patchInChunks } from './chunked.js';
import { RowWindow } from './row-window.js';

export function describePending(pending) {
  return `${plural(pending.added, 'addition')} and ${plural(pending.removed, 'removal')}`;
}

function movementText(moved) {
  const parts = [];
  for (const m of moved) {
    if (m.into) parts.push(`${plural(m.into, 'scope')} into ${m.name}`);
    if (m.outOf) parts.push(`${plural(m.outOf, 'scope')} out of ${m.name}`);
  }
  return parts.join('; ');
}

export class PendingPanel {
  constructor(session, outcome) {
    this.session = session;
    this.outcome = outcome; // (message, kind): the run panel's outcome line
    this.ui = {
      summary: $('pending-summary'), counts: $('pending-counts'), countsBody: $('pending-body'),
      added: $('pending-added'), addedList: $('pending-added-list'), addedNote: $('pending-added-note'),
      removed: $('pending-removed'), removedList: $('pending-removed-list'), removedNote: $('pending-removed-note'),
      undo: $('undo-button'), redo: $('redo-button'), discard: $('discard-button'), saveStatus: $('save-status'),
    };
    // Removing every scope touches every relationship (600 at 300,000 scopes): only the
    // counts near the scroll position are in the document (row-window.js).
    this.counts = new RowWindow({
      body: this.ui.countsBody, rowRem: 2, size: 24, keyOf: (rel) => String(rel.id), signatureOf: signature,
      render: (rel) => el('tr', {}, el('th', { scope: 'row' }, rel.name), el('td', { class: 'num' }, `+${fmt(rel.added)} / −${fmt(rel.removed)}`)),
    });
    this.ui.undo.addEventListener('click', () => this.step('undo'));
    this.ui.redo.addEventListener('click', () => this.step('redo'));
    this.ui.discard.addEventListener('click', () => this.discard());
    session.on('status', (status) => this.show(status));
    session.on('controls', () => this.controls());
  }

  show({ pending, savedAt, storageError }) {
    const { ui } = this;
    ui.summary.textContent = pending.added + pending.removed === 0
      ? 'No pending changes: the working copy matches the loaded tables.'
      : `${describePending(pending)} in ${plural(pending.relationships.length, 'relationship')}, against the loaded tables. `
        + 'Nothing has been sent to a server.';
    ui.counts.hidden = pending.relationships.length === 0;
    this.counts.show(pending.relationships);
    this.pairs(ui.added, ui.addedList, ui.addedNote, pending.addedPairs, pending.added, 'to');
    this.pairs(ui.removed, ui.removedList, ui.removedNote, pending.removedPairs, pending.removed, 'from');
    if (storageError) {
      ui.saveStatus.textContent = 'Not saved: this browser cannot store the working copy.';
      ui.saveStatus.className = 'save-status unsaved';
    } else {
      ui.saveStatus.textContent = savedAt ? `Saved in this browser at ${new Date(savedAt).toLocaleTimeString()}.` : '';
      ui.saveStatus.className = 'save-status';
    }
  }

  pairs(box, list, note, pairs, total, preposition) {
    box.hidden = total === 0;
    patchInChunks(list, pairs, (pair) => `${String(pair.scopeId)}:${String(pair.relationshipId)}`, signature, (pair) => el('li', {},
      el('span', {}, pair.scope), ` ${preposition} `, el('span', { class: 'relname' }, pair.relationship)));
    note.textContent = total > pairs.length ? `Showing the first ${fmt(pairs.length)} of ${fmt(total)}.` : '';
  }

  controls() {
    const { session, ui } = this;
    const locked = session.isLocked();
    const s = session.status;
    ui.undo.disabled = locked || !s?.canUndo;
    ui.redo.disabled = locked || !s?.canRedo;
    ui.discard.disabled = locked || !(s?.canUndo || s?.canRedo || session.hasPending());
  }

  /** Undo or redo; also the keyboard shortcuts' target. */
  async step(kind) {
    const { session } = this;
    if (session.isBusy() || !(kind === 'undo' ? session.status.canUndo : session.status.canRedo)) return;
    session.setBusy(kind);
    let reply;
    try {
      reply = await session.client.request(kind);
    } catch (error) {
      session.setBusy(null);
      showFault(`${kind === 'undo' ? 'Undo' : 'Redo'} failed; no changes were made`, error.fault ?? { message: error.message });
      return;
    }
    session.busy = null;
    // A disabled button loses focus: move it to the other history button, in a task after
    // the frame that shows the change (moving it now would force a style and layout pass of
    // the whole update in this task), ahead of the lists' later parts (chunked.js).
    afterPaint(() => keepFocus(kind === 'undo' ? this.ui.redo : this.ui.undo));
    hideFault();
    session.emit('clear-outcome');
    session.apply(reply);
    const moved = movementText(reply.moved);
    this.outcome(`${kind === 'undo' ? 'Undone' : 'Redone'}${moved ? `: ${moved}` : ''}.`, 'success');
    session.setState(kind === 'undo' ? 'undone' : 'redone');
  }

  async discard() {
    const { session } = this;
    if (session.isBusy()) return;
    session.setState('confirming');
    const ok = await confirmDialog({
      title: 'Discard all changes?',
      message: `This drops every pending change (${describePending(session.status.pending)}) and the undo history: the working copy `
        + `goes back to ${session.status.source} as loaded. It cannot be undone.`,
      confirmLabel: 'Discard all changes',
      cancelLabel: 'Keep my changes',
    });
    if (!ok) {
      session.setState('idle');
      return;
    }
    session.setBusy('discard');
    let reply;
    try {
      reply = await session.client.request('discard');
    } catch (error) {
      session.setBusy(null);
      showFault('Discarding the changes failed; nothing was changed', error.fault ?? { message: error.message });
      session.setState('fault');
      return;
    }
    session.busy = null;
    afterPaint(() => keepFocus($('sample-button'))); // as after undo
    hideFault();
    session.emit('clear-outcome');
    session.apply(reply);
    this.outcome(`Discarded all changes: the working copy is ${reply.source} as loaded.`, 'success');
    session.setState('discarded');
  }
}
