// The on-demand wasm module (./pkg-import/: the whole API, with the importers, reconcile
// and the change-set exports), instantiated on first use by the worker that needs it
// (output-worker.js for an export, import-worker.js for an import or a check, worker.js
// to restore a copy the earliest versions stored). The page's first module leaves that
// code out to load faster. A failed load is forgotten, so the next use
// tries again.

let loading = null;

/** The module's exports, once instantiated. */
export function onDemandModule() {
  if (!loading) {
    loading = import('./pkg-import/ipam_failover.js').then(async (module) => {
      await module.default();
      return module;
    });
    loading.catch(() => { loading = null; });
  }
  return loading;
}
