// The page's state, shared by the panels: the worker's last status (everything shown
// besides the scope window: relationships, pending changes, counts, undo/redo, revision),
// what the page is waiting for, and a tiny event hub. Panels listen here instead of
// calling each other; app.js creates it.
//
// Events: 'status' (a new status from the worker), 'controls' (busy or run changed),
// 'scopes' (the scope window must be fetched again), 'copy' (a different working copy:
// selection, page and results start over), 'target' (the relationship Add and Remove
// act on changed; detail: { from } names the control that chose it).

export class Session {
  constructor(client) {
    this.client = client;
    this.status = null; // see status() in worker.js
    this.opened = false; // the worker holds the working copy
    this.busy = null; // 'opening', 'loading', 'preflight', 'undo', ... while a request is outstanding
    this.run = null; // the add or remove in progress: { kind, id, total, label, ... }
    this.listeners = new Map();
    this.target = null; // the key of the relationship Add and Remove act on
  }

  /** The target relationship's summary, or null. */
  targetRelationship() {
    return this.status?.relationships.find((rel) => rel.key === this.target) ?? null;
  }

  /** Makes the relationship with `key` the target of Add and Remove. */
  setTarget(key, from = null) {
    if (key === this.target) return;
    this.target = key;
    this.emit('target', { from });
  }

  on(name, listener) {
    if (!this.listeners.has(name)) this.listeners.set(name, []);
    this.listeners.get(name).push(listener);
  }

  emit(name, detail) {
    for (const listener of this.listeners.get(name) ?? []) listener(detail);
  }

  /** True while something runs: handlers ignore clicks meanwhile. */
  isBusy() {
    return this.run !== null || this.busy !== null || !this.opened;
  }

  /** Controls are disabled only for a run or a load, so quick requests keep the focus where it is. */
  isLocked() {
    return this.run !== null || !this.opened || ['opening', 'loading'].includes(this.busy);
  }

  setBusy(busy) {
    this.busy = busy;
    this.emit('controls');
  }

  setRun(run) {
    this.run = run;
    this.emit('controls');
  }

  /**
   * Takes a status from the worker; every panel re-renders what it shows of it. A status
   * after a change (`full` false) carries only the numbers of the relationships and the
   * coverage pairs, in the order of the last full one: they are put into copies of those.
   */
  apply(status, { newCopy = false } = {}) {
    if (!status.full) status = this.merged(status);
    this.status = status;
    document.body.dataset.revision = String(status.revision);
    if (newCopy) this.emit('copy');
    this.emit('status', status);
    this.emit('scopes');
    this.emit('controls');
  }

  merged(partial) {
    const previous = this.status;
    const numbers = partial.relationshipNumbers;
    const cover = partial.coverageNumbers;
    const { relationshipNumbers, coverageNumbers, ...rest } = partial;
    if (!previous || numbers.length !== 3 * previous.relationships.length || cover.length !== 4 * previous.coverage.length) {
      throw new Error('a partial status does not fit the relationships shown: reload the page');
    }
    return {
      ...rest,
      full: true,
      partial: true, // only numbers changed: the relationships' and pairs' names, servers and order are as before
      servers: previous.servers,
      relationships: previous.relationships.map((rel, i) => ({
        ...rel, members: numbers[3 * i], added: numbers[3 * i + 1], removed: numbers[3 * i + 2],
      })),
      coverage: previous.coverage.map((pair, i) => ({
        ...pair, scopes: cover[4 * i], covered: cover[4 * i + 1], uncovered: cover[4 * i + 2], elsewhere: cover[4 * i + 3],
      })),
    };
  }

  /** The selection count changed (the selection itself lives in the worker). */
  setSelection(count) {
    if (!this.status) return;
    this.status.selection = count;
    this.emit('controls');
  }

  hasPending() {
    const p = this.status?.pending;
    return !!p && p.added + p.removed > 0;
  }

  /** Sets body[data-state], which the page tests wait on. */
  setState(state) {
    document.body.dataset.state = state;
  }
}
