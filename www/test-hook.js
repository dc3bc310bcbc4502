// window.__ipam: a small hook for the page tests and for debugging from the console. The
// page holds no tables, so what reads the working copy asks the worker (async); the
// actions take the same paths as the controls.

export function exposeTestHook({ outputs, session, data, run, pending }) {
  const name = (id) => `relationship ${String(id)}`;
  window.__ipam = {
    /** The working tables, as ws.tables() gives them (async: fetched from the worker). */
    tables: () => outputs.request('tables'),
    /** The pending changes as ws.diff() gives them (async). */
    diff: () => outputs.request('diff'),
    get selection() { return session.status?.selection ?? 0; },
    get running() { return session.run !== null; },
    get canUndo() { return session.status?.canUndo ?? false; },
    get canRedo() { return session.status?.canRedo ?? false; },
    get revision() { return session.status?.revision ?? 0; },
    /** Whether Cancel reaches a running operation without restarting the engine. */
    get cancellable() { return session.client.cancellable; },
    loadTables: (tables, fileName = 'tables') => data.load({ tables }, fileName),
    add: (failoverId, scopeIds, relName = name(failoverId)) => run.stageAdd(failoverId, scopeIds, relName),
    remove: (failoverId, scopeIds, relName = failoverId === null ? 'failover' : name(failoverId)) => run.stageRemove(failoverId, scopeIds, relName),
    undo: () => pending.step('undo'),
    redo: () => pending.step('redo'),
    /** The worker's ws.toJSON(): the whole working copy with its history. */
    snapshot: () => outputs.request('snapshot'),
  };
}
