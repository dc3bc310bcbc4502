// The working copy's home in IndexedDB, used from worker.js (IndexedDB works in workers).
// One database, one object store with out-of-line keys:
//
//   ipam-failover / workspace / "current"          the working copy, rewritten after every change
//   ipam-failover / workspace / "damaged-<time>"   a stored copy that could not be read, kept aside
//
// A record is { snapshot: Workspace.toJSON() text, savedAt: ISO time, revision, source }.
// Writes use strict durability: the page reports a change only after the write is on disk.
// `revision` counts the writes; a write goes through only if the stored revision is the
// one the writer last saw, so two tabs cannot overwrite each other's work unnoticed.

export const DB_NAME = 'ipam-failover';
export const STORE = 'workspace';
export const CURRENT = 'current';
export const DAMAGED_PREFIX = 'damaged-';

function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function finished(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('the IndexedDB transaction was aborted'));
  });
}

/** Opens (creating on first use) the database; rejects when IndexedDB is unavailable. */
export function openDatabase() {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('this browser offers no IndexedDB here'));
      return;
    }
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the database: let it, this worker reopens on its next start.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('the IndexedDB database is blocked by another tab'));
  });
}

/** The record under `key`, or undefined. */
export async function read(db, key) {
  const tx = db.transaction(STORE, 'readonly');
  const value = await promised(tx.objectStore(STORE).get(key));
  await finished(tx);
  return value;
}

export class ConflictError extends Error {
  constructor() {
    super('the working copy was changed in another tab or window since this page opened it; reload the page to see that version');
    this.name = 'ConflictError';
  }
}

/**
 * Writes `record` under `key` and resolves once it is durably stored, but only if the
 * stored record is still the one this worker wrote last (its revision is `expected`, or
 * nothing is stored and `expected` is 0): another tab's work is never overwritten
 * silently. Rejects with ConflictError otherwise, writing nothing.
 */
export async function write(db, key, record, expected) {
  const tx = db.transaction(STORE, 'readwrite', { durability: 'strict' });
  const store = tx.objectStore(STORE);
  const done = finished(tx);
  const current = await promised(store.get(key));
  const stored = current && typeof current === 'object' && Number.isSafeInteger(current.revision) ? current.revision : 0;
  if (stored !== expected) {
    tx.abort();
    await done.catch(() => {});
    throw new ConflictError();
  }
  store.put(record, key);
  await done;
}

/**
 * Moves the record under "current" to a fresh "damaged-<time>" key, in one transaction:
 * the unreadable copy is never deleted, only set aside. Returns the new key.
 */
export async function setAside(db, record) {
  const tx = db.transaction(STORE, 'readwrite', { durability: 'strict' });
  const store = tx.objectStore(STORE);
  const stamp = new Date().toISOString();
  let key = `${DAMAGED_PREFIX}${stamp}`;
  for (let n = 2; (await promised(store.count(key))) > 0; n++) key = `${DAMAGED_PREFIX}${stamp}-${n}`;
  store.add(record, key);
  store.delete(CURRENT);
  await finished(tx);
  return key;
}
