// The working copy's home in IndexedDB, used from worker.js: a base and a journal.
//
//   ipam-failover (version 2)
//     state   / "head"           { revision, seq, savedAt, source }: what is stored, in one small record
//     state   / "base"           { kind: "packed", pieces, source, upToSeq }: the working copy in
//                                bytes (read back without parsing JSON), in `pieces` records:
//     state   / ["base", i]      piece i (a Uint8Array of about a megabyte) of ws.writePacked().
//                                Earlier versions wrote { kind: "packed", bytes } (ws.toPacked()
//                                whole) and { kind: "tables" | "snapshot", text } (the loaded
//                                file's text, or ws.toJSON()), which are still read
//     journal / <seq>            { seq, op: "add"|"remove"|"undo"|"redo", failoverId, scopeIds }: one per change
//     workspace / "damaged-<t>"  a stored copy that could not be read, set aside (never deleted)
//
// Restore = base, then every journal record with seq > base.upToSeq, in order. A change
// costs one journal record and the head (a few hundred bytes for 20 scopes), written with
// strict durability in one transaction that also checks and bumps `revision`: a writer
// whose revision is stale (another tab wrote since) is refused and writes nothing.
// Compaction writes a new packed base and deletes the records it covers, in one
// transaction. The base goes in pieces because IndexedDB makes copies of what it is given
// (three of an 87 MB array at 300,000 scopes, for a moment): a piece at a time, they stay
// small, and no copy of the whole packed copy is ever made in JavaScript. Version 1 kept
// the whole ws.toJSON() under workspace/"current"; the upgrade turns it into a base of
// kind "snapshot" (read as usual, set aside if damaged).

export const DB_NAME = 'ipam-failover';
export const DB_VERSION = 2;
export const DAMAGED_PREFIX = 'damaged-';
const STATE = 'state';
const JOURNAL = 'journal';
const ASIDE = 'workspace';

function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Resolves when the transaction has committed; rejects with its error (QuotaExceededError, say). */
function finished(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('the IndexedDB transaction was aborted'));
  });
}

/** Every piece of a packed base: ["base", 0] and on (array keys sort after "base" and "head"). */
const PIECES = IDBKeyRange.bound(['base', 0], ['base', Infinity]);

/**
 * Frees bytes (a Uint8Array, or an array of them) now rather than at the next garbage
 * collection (tens of megabytes at 100,000 scopes), once they have been read into wasm:
 * their buffers are detached (ArrayBuffer.prototype.transfer, where the browser has it).
 */
export function release(bytes) {
  for (const piece of Array.isArray(bytes) ? bytes : [bytes]) {
    if (piece instanceof Uint8Array && typeof piece.buffer.transfer === 'function' && piece.buffer.byteLength > 0) {
      piece.buffer.transfer(0);
    }
  }
}

/**
 * Queues a new packed base: the old pieces go, `writePieces(put)` hands over the new ones
 * (ws.writePacked) and says how many, then the base record that names them.
 */
function putBase(state, writePieces, source, upToSeq) {
  state.delete(PIECES);
  let pieces = 0;
  const count = writePieces((piece) => {
    state.put(piece, ['base', pieces]);
    pieces += 1;
  });
  if (count !== pieces) throw new Error(`the packed copy came in ${pieces} pieces, not ${count}`);
  state.put({ kind: 'packed', pieces, source, upToSeq }, 'base');
}

export class ConflictError extends Error {
  constructor() {
    super('the working copy was changed in another tab or window since this page opened it; reload the page to see that version');
    this.name = 'ConflictError';
  }
}

function upgrade(db, tx, oldVersion) {
  if (!db.objectStoreNames.contains(ASIDE)) db.createObjectStore(ASIDE);
  if (!db.objectStoreNames.contains(STATE)) db.createObjectStore(STATE);
  if (!db.objectStoreNames.contains(JOURNAL)) db.createObjectStore(JOURNAL, { keyPath: 'seq' });
  if (oldVersion !== 1) return;
  // Version 1: { snapshot, savedAt, revision, source } under workspace/"current".
  const aside = tx.objectStore(ASIDE);
  aside.get('current').onsuccess = (event) => {
    const old = event.target.result;
    if (old === undefined) return;
    const revision = Number.isSafeInteger(old?.revision) ? old.revision : 0;
    const source = typeof old?.source === 'string' ? old.source : 'your saved working copy';
    const state = tx.objectStore(STATE);
    // A text that is not a snapshot is still moved: reading it fails and it is set aside.
    state.put({ kind: 'snapshot', text: typeof old?.snapshot === 'string' ? old.snapshot : old, source, upToSeq: 0 }, 'base');
    state.put({ revision, seq: 0, savedAt: typeof old?.savedAt === 'string' ? old.savedAt : null, source }, 'head');
    aside.delete('current');
  };
}

/** Opens (creating or upgrading) the database; rejects when IndexedDB is unavailable. */
export function openJournal() {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('this browser offers no IndexedDB here'));
      return;
    }
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = (event) => upgrade(request.result, request.transaction, event.oldVersion);
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the database: let it; this worker reopens on its next start.
      db.onversionchange = () => db.close();
      resolve(new Journal(db));
    };
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('the IndexedDB database is blocked by another tab'));
  });
}

export class Journal {
  constructor(db) {
    this.db = db;
    this.revision = 0; // the stored revision this worker last saw or wrote
    this.seq = 0; // the last journal record's number
    this.upToSeq = 0; // what the base covers
    this.records = 0; // journal records since the base
    this.journaledIds = 0; // scope ids in them: a measure of the replay cost
  }

  /** { head, base, records } as stored, or null when nothing is stored. One read transaction. */
  async read() {
    const tx = this.db.transaction([STATE, JOURNAL], 'readonly');
    const done = finished(tx);
    const state = tx.objectStore(STATE);
    const [head, base] = await Promise.all([promised(state.get('head')), promised(state.get('base'))]);
    // A packed base's pieces, in order, as `bytes` (Workspace.fromPacked reads an array of
    // them); a missing piece shows as a checksum that does not match.
    if (base?.kind === 'packed' && Number.isSafeInteger(base.pieces)) {
      base.bytes = await promised(state.getAll(IDBKeyRange.bound(['base', 0], ['base', Math.max(0, base.pieces - 1)])));
    }
    const upToSeq = Number.isSafeInteger(base?.upToSeq) ? base.upToSeq : 0;
    const records = await promised(tx.objectStore(JOURNAL).getAll(IDBKeyRange.lowerBound(upToSeq, true)));
    await done;
    if (head === undefined && base === undefined) return null;
    return { head, base, records };
  }

  /** Takes what read() found as this worker's starting point (after it was restored). */
  adopt({ head, base, records }) {
    this.revision = Number.isSafeInteger(head?.revision) ? head.revision : 0;
    this.upToSeq = Number.isSafeInteger(base?.upToSeq) ? base.upToSeq : 0;
    this.seq = records.length ? records.at(-1).seq : Math.max(this.upToSeq, Number.isSafeInteger(head?.seq) ? head.seq : 0);
    this.records = records.length;
    this.journaledIds = records.reduce((n, r) => n + (Array.isArray(r.scopeIds) ? r.scopeIds.length : 0), 0);
  }

  /**
   * One guarded read-write transaction: `write(stores, head)` queues its puts and deletes;
   * the head is rewritten with revision + 1. Rejects with ConflictError, writing nothing,
   * when the stored revision is not the one this worker last saw. Resolves once durable.
   */
  async guarded(write, { bump = true } = {}) {
    const tx = this.db.transaction([STATE, JOURNAL], 'readwrite', { durability: 'strict' });
    const done = finished(tx);
    const stores = { state: tx.objectStore(STATE), journal: tx.objectStore(JOURNAL) };
    const head = await promised(stores.state.get('head'));
    const stored = Number.isSafeInteger(head?.revision) ? head.revision : 0;
    if (stored !== this.revision) {
      tx.abort();
      await done.catch(() => {});
      throw new ConflictError();
    }
    const next = { ...(head ?? {}), revision: bump ? stored + 1 : stored, savedAt: new Date().toISOString() };
    try {
      write(stores, next);
    } catch (error) {
      tx.abort(); // nothing of a write that failed half way is kept
      await done.catch(() => {});
      throw error;
    }
    stores.state.put(next, 'head');
    await done;
    this.revision = next.revision;
    return next;
  }

  /**
   * A new base (a loaded file, the sample, a discard), written by `writePieces(put)`
   * (`(put) => ws.writePacked(put)`): the journal starts empty.
   */
  async writeBase(writePieces, source) {
    const upToSeq = this.seq;
    const head = await this.guarded(({ state, journal }, next) => {
      journal.delete(IDBKeyRange.upperBound(upToSeq));
      putBase(state, writePieces, source, upToSeq);
      Object.assign(next, { seq: upToSeq, source });
    });
    this.upToSeq = upToSeq;
    this.records = 0;
    this.journaledIds = 0;
    return head;
  }

  /** One change: { op, failoverId, scopeIds }. Resolves once it is on disk. */
  async append(change) {
    const seq = this.seq + 1;
    const record = { seq, op: change.op };
    if (change.op === 'add' || change.op === 'remove') {
      record.failoverId = change.failoverId ?? null;
      record.scopeIds = change.scopeIds;
    }
    const head = await this.guarded(({ journal }, next) => {
      journal.add(record);
      next.seq = seq;
    });
    this.seq = seq;
    this.records += 1;
    this.journaledIds += record.scopeIds?.length ?? 0;
    return head;
  }

  /** Whether replaying the journal has become costly enough to fold it into a new base. */
  wantsCompaction() {
    return this.records > 200 || this.journaledIds > 200_000;
  }

  /** A new packed base (written as in writeBase) covering every record, which go, in one transaction. */
  async compact(writePieces, source) {
    const upToSeq = this.seq;
    await this.guarded(({ state, journal }) => {
      putBase(state, writePieces, source, upToSeq);
      journal.delete(IDBKeyRange.upperBound(upToSeq));
    }, { bump: false }); // the working copy is the same: other tabs need not reload
    this.upToSeq = upToSeq;
    this.records = 0;
    this.journaledIds = 0;
  }

  /**
   * Moves everything stored (head, base, journal) to a fresh "damaged-<time>" key, in one
   * transaction: an unreadable copy is never deleted, only set aside. Returns the new key.
   */
  async setAside(found) {
    const tx = this.db.transaction([STATE, JOURNAL, ASIDE], 'readwrite', { durability: 'strict' });
    const done = finished(tx);
    const aside = tx.objectStore(ASIDE);
    const stamp = new Date().toISOString();
    let key = `${DAMAGED_PREFIX}${stamp}`;
    for (let n = 2; (await promised(aside.count(key))) > 0; n++) key = `${DAMAGED_PREFIX}${stamp}-${n}`;
    aside.add({ format: 'ipam-failover-journal', head: found.head ?? null, base: found.base ?? null, records: found.records }, key);
    tx.objectStore(STATE).clear();
    tx.objectStore(JOURNAL).clear();
    await done;
    this.revision = 0;
    this.seq = 0;
    this.upToSeq = 0;
    this.records = 0;
    this.journaledIds = 0;
    return key;
  }
}
