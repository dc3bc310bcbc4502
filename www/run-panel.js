// The "Add or remove scopes" panel: the target relationship (chosen in the relationship
// list, or here by typing its name: an input with a datalist of the names that match what
// is typed, at most 50), the selection count, Add
// (after the preflight dialog) and Remove, the progress bar with Cancel, the outcome line
// and the per-scope results (the first few hundred, "and N more"). The scopes to act on
// are the worker's selection; the page never lists them.

import { $, el, fmt, plural, text, afterPaint } from './dom.js';
import { showFault, hideFault } from './alerts.js';
import { preflightDialog } from './dialogs.js';
import { confirmationNeeded } from './findings.js';
import { serverPair, splitParts, targetLabel } from './relationships-panel.js';
import { EngineRestarted } from './worker-client.js';
import { renderInChunks, stopChunks } from './chunked.js';

export class RunPanel {
  constructor(session, { onEngineRestarted }) {
    this.session = session;
    this.onEngineRestarted = onEngineRestarted; // fallback Cancel: the app reopens the copy
    this.suggested = null; // the typed text the datalist was last built for
    this.ui = {
      select: $('relationship-input'), names: $('relationship-names'), target: $('relationship-target'),
      details: $('relationship-details'), count: $('selection-count'),
      add: $('add-button'), remove: $('remove-button'), fromSelected: $('remove-from-selected'),
      fromSelectedText: $('remove-from-selected-text'), fromAny: $('remove-from-any'),
      area: $('progress-area'), bar: $('progress'), label: $('progress-label'), progressText: $('progress-text'),
      cancel: $('cancel-button'), cancelNote: $('cancel-note'), live: $('live'), outcome: $('outcome'),
      results: $('results'), resultsTitle: $('results-title'), resultsList: $('results-list'), resultsNote: $('results-note'),
    };
    const { ui } = this;
    ui.cancelNote.hidden = session.client.cancellable;
    ui.add.addEventListener('click', () => this.addSelected());
    ui.remove.addEventListener('click', () => this.removeSelected());
    ui.fromSelected.addEventListener('change', () => this.controls());
    ui.fromAny.addEventListener('change', () => this.controls());
    ui.select.addEventListener('input', () => this.suggest());
    ui.select.addEventListener('focus', () => this.suggest());
    ui.select.addEventListener('change', () => this.choose());
    ui.select.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') this.choose();
      if (event.key === 'Escape') this.showTarget();
    });
    ui.select.addEventListener('blur', () => this.showTarget());
    ui.cancel.addEventListener('click', () => this.cancel());
    session.on('status', (status) => {
      if (!status.partial) this.suggested = null; // new names: the datalist is built again
      this.details();
    });
    session.on('target', () => this.details());
    session.on('controls', () => this.controls());
    session.on('clear-outcome', () => this.clearOutcome());
    session.on('copy', () => this.clearOutcome());
  }

  relationships() {
    return this.session.status?.relationships ?? [];
  }

  selected() {
    return this.session.targetRelationship();
  }

  /** The datalist: the names that contain what is typed (at most 50; a list, not a copy of the table). */
  suggest() {
    const needle = this.ui.select.value.trim().toLowerCase();
    this.ui.select.removeAttribute('aria-invalid');
    // A change moves only numbers: the names listed for this text stay (the focus comes
    // back here after a run, and rebuilding 50 options then would cost that frame).
    if (needle === this.suggested) return;
    this.suggested = needle;
    const names = [];
    for (const rel of this.relationships()) {
      if (names.length >= 50) break;
      if (!needle || rel.name.toLowerCase().includes(needle)) {
        names.push(el('option', { value: rel.name }, `${text(rel.mode, 'mode unknown')} · ${serverPair(rel)}`));
      }
    }
    this.ui.names.replaceChildren(...names);
  }

  /** The typed name picks the target: an exact name (any case), else the only name that contains it. */
  choose() {
    const { ui } = this;
    const typed = ui.select.value.trim().toLowerCase();
    if (!typed) return;
    const all = this.relationships();
    const found = all.find((rel) => rel.name.toLowerCase() === typed)
      ?? (() => { const some = all.filter((rel) => rel.name.toLowerCase().includes(typed)); return some.length === 1 ? some[0] : null; })();
    if (!found) {
      ui.select.setAttribute('aria-invalid', 'true');
      ui.details.textContent = `No single relationship is named “${ui.select.value.trim()}”; the target is still ${this.selected()?.name ?? 'none'}.`;
      return;
    }
    ui.select.removeAttribute('aria-invalid');
    this.session.setTarget(found.key, 'name');
    this.details();
  }

  /** The name box shows the target again (after Escape, or when it loses the focus). */
  showTarget() {
    this.ui.select.value = this.selected()?.name ?? '';
    this.ui.select.removeAttribute('aria-invalid');
    this.details();
  }

  details() {
    const rel = this.selected();
    const { ui } = this;
    const { split, note } = rel ? splitParts(rel) : {};
    ui.target.textContent = rel ? targetLabel(rel) : 'No relationship';
    ui.details.textContent = rel
      ? [serverPair(rel), note ? `${split} (${note})` : split, plural(rel.members, 'scope')].filter(Boolean).join(' · ')
      : 'The tables hold no failover relationship.';
    if (document.activeElement !== ui.select) ui.select.value = rel?.name ?? '';
    ui.fromSelectedText.textContent = rel ? `from ${rel.name} only` : 'from the selected relationship';
  }

  controls() {
    const { session, ui } = this;
    const locked = session.isLocked();
    const n = session.status?.selection ?? 0;
    const none = this.relationships().length === 0;
    ui.count.textContent = n === 0 ? 'No scope selected.' : `${plural(n, 'scope')} selected.`;
    ui.add.disabled = locked || n === 0 || none;
    ui.add.textContent = n === 0 ? 'Add the selected scopes' : `Add ${plural(n, 'scope')}`;
    ui.remove.disabled = locked || n === 0 || (!ui.fromAny.checked && none);
    ui.remove.textContent = n === 0 ? 'Remove from failover' : `Remove ${plural(n, 'scope')} from failover`;
    ui.select.disabled = locked;
    ui.cancel.hidden = session.run === null; // beside a finished bar it would offer nothing
  }

  // ---- outcome and results ---------------------------------------------------------------

  clearOutcome() {
    const { ui } = this;
    ui.outcome.hidden = true;
    ui.outcome.textContent = '';
    ui.results.hidden = true;
    stopChunks(ui.resultsList);
    ui.resultsList.replaceChildren();
    ui.area.hidden = true;
  }

  /** The outcome line, also spoken by the polite live region. */
  showOutcome(message, kind) {
    const { ui } = this;
    ui.outcome.textContent = message;
    ui.outcome.className = `outcome ${kind}`;
    ui.outcome.hidden = false;
    ui.live.textContent = message;
  }

  showResults(reply, badge, detail = () => null) {
    const { ui } = this;
    ui.resultsTitle.textContent = 'Result per scope';
    // The first results now, the rest over the next frames (chunked.js).
    renderInChunks(ui.resultsList, reply.results, (r) => {
      const [kind, words] = badge(r);
      return el('li', { class: kind },
        el('span', { class: 'badge' }, words), ' ', el('span', {}, r.name),
        r.address ? el('span', { class: 'mono muted' }, ` ${r.address}`) : null,
        detail(r) ? el('span', { class: 'muted' }, ` ${detail(r)}`) : null);
    });
    const distinct = reply.changed + reply.unchanged;
    ui.resultsNote.textContent = distinct > reply.results.length
      ? `Showing the first ${fmt(reply.results.length)} of ${fmt(distinct)} scopes.` : '';
    ui.results.hidden = reply.results.length === 0;
  }

  // ---- running ---------------------------------------------------------------------------

  addSelected() {
    const rel = this.selected();
    if (rel) this.stageAdd(rel.id, undefined, rel.name, this.session.status.selection);
  }

  removeSelected() {
    const n = this.session.status.selection;
    if (this.ui.fromAny.checked) return this.stageRemove(null, undefined, 'failover', n);
    const rel = this.selected();
    return rel ? this.stageRemove(rel.id, undefined, rel.name, n) : undefined;
  }

  /** Preflight first, in the worker; errors need the dialog's explicit confirmation. `scopeIds` undefined = the selection. */
  async stageAdd(failoverId, scopeIds, name, total = scopeIds?.length ?? 0) {
    const { session } = this;
    if (session.isBusy()) return;
    const run = { kind: 'add', total, name, label: `Adding ${plural(total, 'scope')} to ${name}` };
    hideFault();
    session.setBusy('preflight');
    session.setState('checking');
    this.showChecking(total);
    let preflight;
    try {
      preflight = await session.client.request('preflight', { failoverId, scopeIds }, { onProgress: (p) => this.checking(p) });
    } catch (error) {
      session.setBusy(null);
      this.clearOutcome();
      this.fail(run, error.fault ?? { message: error.message });
      return;
    }
    this.checking({ percent: 100, done: preflight.total, total: preflight.total });
    run.total = preflight.total;
    run.label = `Adding ${plural(run.total, 'scope')} to ${name}`;
    if (confirmationNeeded(preflight.summary)) {
      session.setBusy('confirming');
      session.setState('confirming');
      const stage = await preflightDialog({ preflight, relationshipName: name });
      session.setBusy(null);
      if (!stage) {
        this.clearOutcome();
        this.showOutcome(`Not staged: nothing was added to ${name}.`, 'cancelled');
        session.setState('not-staged');
        return;
      }
    } else {
      session.setBusy(null);
    }
    await this.runOperation(run, 'add', { failoverId, scopeIds });
  }

  stageRemove(failoverId, scopeIds, name, total = scopeIds?.length ?? 0) {
    if (this.session.isBusy()) return Promise.resolve();
    const label = failoverId === null
      ? `Removing ${plural(total, 'scope')} from every relationship`
      : `Removing ${plural(total, 'scope')} from ${name}`;
    const run = { kind: 'remove', total, name: failoverId === null ? 'failover' : name, failoverId, label };
    return this.runOperation(run, 'remove', { failoverId, scopeIds });
  }

  /** The check before an add (preflight) shows its own progress on the bar; it cannot be cancelled. */
  showChecking(total) {
    const { ui } = this;
    this.clearOutcome();
    ui.area.hidden = false;
    ui.label.textContent = `Checking ${plural(total, 'scope')} against the DHCP servers' rules`;
    ui.bar.value = 0;
    ui.progressText.textContent = `0 of ${plural(total, 'scope')} checked (0%)`;
  }

  checking(p) {
    if (this.session.busy !== 'preflight') return;
    this.ui.bar.value = p.percent;
    this.ui.progressText.textContent = `${fmt(p.done)} of ${plural(p.total, 'scope')} checked (${p.percent}%)`;
  }

  progress(run, p) {
    const { ui } = this;
    if (this.session.run !== run) return;
    ui.bar.value = p.percent;
    ui.progressText.textContent = `${fmt(p.done)} of ${plural(p.total, 'scope')} (${p.percent}%)${p.saving ? ', saving' : ''}`;
    // The live region speaks at quarter marks only: every 50 ms would drown a screen reader.
    const mark = Math.floor(p.percent / 25) * 25;
    if (mark > run.milestone && mark < 100) {
      run.milestone = mark;
      ui.live.textContent = `${mark}% done: ${fmt(p.done)} of ${plural(p.total, 'scope')}.`;
    }
  }

  async runOperation(run, op, args) {
    const { session, ui } = this;
    run.milestone = 0;
    hideFault();
    this.clearOutcome();
    ui.area.hidden = false;
    ui.label.textContent = run.label;
    ui.bar.value = 0;
    ui.progressText.textContent = `0 of ${plural(run.total, 'scope')} (0%)`;
    ui.live.textContent = `${run.label}.`;
    session.setRun(run);
    session.setState('running');
    ui.cancel.focus({ preventScroll: true }); // the add panel is sticky: in view, and no forced layout

    const request = session.client.request(op, args, { onProgress: (p) => this.progress(run, p) });
    run.id = request.id;
    let reply = null;
    let error = null;
    try {
      reply = await request;
    } catch (e) {
      error = e;
    }
    if (session.run !== run) return;
    // Cancel is about to be hidden: hiding the focused element would force a layout of the
    // whole page in the middle of the update. The focus returns below.
    if (document.activeElement === ui.cancel) ui.cancel.blur();
    // The focus goes back to Add (or the name box) in a task after the frame that shows the
    // outcome: moving it now would force a style and layout pass of the whole update in
    // this task. Asked for before the update, so it runs before the lists' later parts
    // (chunked.js), on a page already laid out. Only if the focus is still nowhere: a user
    // who clicked elsewhere meanwhile keeps their place.
    afterPaint(() => {
      if (document.activeElement === document.body || document.activeElement === null) {
        (ui.add.disabled ? ui.select : ui.add).focus({ preventScroll: true });
      }
    });
    session.run = null;
    if (error instanceof EngineRestarted || error?.fault?.code === 'CANCELLED') this.cancelled(error instanceof EngineRestarted);
    else if (error) this.fail(run, error.fault ?? { message: error.message });
    else if (op === 'add') this.finishAdd(run, reply);
    else this.finishRemove(run, reply);
    session.emit('controls');
  }

  cancel() {
    const { session, ui } = this;
    const run = session.run;
    if (!run || run.cancelling) return;
    run.cancelling = true;
    ui.progressText.textContent = `${ui.progressText.textContent} (cancelling…)`;
    session.client.cancel(run.id);
  }

  cancelled(restarted) {
    const { session, ui } = this;
    ui.area.hidden = true;
    this.showOutcome('Cancelled; no changes were made.', 'cancelled');
    session.setState('cancelled');
    if (restarted) this.onEngineRestarted();
  }

  finish(run) {
    this.ui.bar.value = 100;
    this.ui.progressText.textContent = `${fmt(run.total)} of ${plural(run.total, 'scope')} (100%)`;
  }

  finishAdd(run, reply) {
    this.session.apply(reply);
    this.finish(run);
    this.showResults(reply, (r) => (r.changed ? ['added', 'added'] : ['already', 'already in this relationship']));
    const name = text(reply.relationshipName) || run.name;
    const were = reply.unchanged === 1 ? 'was' : 'were';
    this.showOutcome(`Added ${plural(reply.changed, 'scope')} to ${name} in the working copy; `
      + `${fmt(reply.unchanged)} ${were} already in this relationship.`, 'success');
    this.session.setState('done');
  }

  finishRemove(run, reply) {
    this.session.apply(reply);
    this.finish(run);
    const any = run.failoverId === null;
    this.showResults(reply,
      (r) => (r.changed ? ['removed', 'removed'] : ['already', any ? 'in no relationship' : 'not in this relationship']),
      (r) => (any && r.changed && r.detail ? `from ${r.detail}` : null));
    const were = reply.unchanged === 1 ? 'was' : 'were';
    this.showOutcome(any
      ? `Removed ${plural(reply.changed, 'scope')} from failover in the working copy (${plural(reply.pairs, 'pair')}); ${fmt(reply.unchanged)} ${were} in no relationship.`
      : `Removed ${plural(reply.changed, 'scope')} from ${run.name} in the working copy; ${fmt(reply.unchanged)} ${were} not in it.`, 'success');
    this.session.setState('done');
  }

  fail(run, fault) {
    this.ui.area.hidden = true;
    const doing = run.kind === 'add' ? `Adding scopes to ${run.name}` : `Removing scopes from ${run.name}`;
    showFault(`${doing} failed; no changes were made`, fault);
    this.showOutcome(`Failed${fault.code ? ` with ${fault.code}` : ''}; no changes were made.`, 'failure');
    this.session.setState('fault');
  }
}
