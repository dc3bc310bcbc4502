// Reading the tables for display: no DOM here. Values from a loaded file can be of any
// type, so everything shown goes through text() and every id through idKey(); the wasm
// core is what decides whether the tables are valid (see the dry check in worker.js).

export const REQUIRED_TABLES = ['ADM_DhcpFailoverTable', 'ADM_DhcpScopeFailoverTable'];

/** A stable Map key for an id given as a number or a BigInt (1 and 1n are the same id). */
export function idKey(id) {
  return typeof id === 'bigint' || typeof id === 'number' ? String(id) : `?${String(id)}`;
}

/** Any value as display text; null and undefined become the fallback. */
export function text(value, fallback = '') {
  if (value === null || value === undefined) return fallback;
  if (typeof value === 'object') return JSON.stringify(value) ?? fallback;
  return String(value);
}

function isPlainObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The cheap shape check a loaded file passes before the core's dry check: an object with
 * the two required arrays (and, when present, an ADM_DHCPScopesTable array). Returns
 * null when it passes, or a sentence saying what is wrong.
 */
export function shapeProblem(value) {
  if (!isPlainObject(value)) {
    return 'The file must hold one JSON object with ADM_DhcpFailoverTable and ADM_DhcpScopeFailoverTable arrays.';
  }
  for (const name of REQUIRED_TABLES) {
    if (!(name in value)) return `The file has no ${name} array.`;
    if (!Array.isArray(value[name])) return `${name} must be an array of rows.`;
  }
  const scopes = value.ADM_DHCPScopesTable;
  if (scopes !== undefined && scopes !== null && !Array.isArray(scopes)) {
    return 'ADM_DHCPScopesTable, when given, must be an array of rows.';
  }
  return null;
}

/** "255.255.255.0" -> 24; null when the mask is not a contiguous IPv4 mask. */
export function prefixLength(mask) {
  if (typeof mask !== 'string') return null;
  const parts = mask.split('.');
  if (parts.length !== 4) return null;
  let bits = 0;
  let seenZero = false;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    for (let bit = 7; bit >= 0; bit--) {
      const one = (Number(part) >> bit) & 1;
      if (one && seenZero) return null;
      if (one) bits++;
      else seenZero = true;
    }
  }
  return bits;
}

/**
 * A server's host name without its domain ("dhcp-hq-01"); anything that is not a DNS
 * name with a letter in its first label (an IP address, free text) stays whole.
 */
function shortServer(name) {
  const full = text(name);
  if (!/^[a-z0-9-]*[a-z][a-z0-9-]*(\.[a-z0-9-]+)+\.?$/i.test(full)) return full;
  return full.split('.')[0];
}

/**
 * Everything the page shows, derived from the tables: relationships with their scope
 * counts, and one entry per scope (from ADM_DHCPScopesTable, plus any scope id that only
 * appears in ADM_DhcpScopeFailoverTable) with the relationships it is in.
 */
export function buildView(tables) {
  const view = {
    relationships: [],
    relationshipByKey: new Map(),
    scopes: [],
    scopeByKey: new Map(),
    serverNames: new Map(),
    prefixes: new Map(), // SubnetMask -> prefix length, computed once per distinct mask
  };
  for (const row of tables.ADM_DhcpFailoverTable) {
    const key = idKey(row.RecordId);
    const rel = {
      key,
      id: row.RecordId,
      row,
      name: text(row.RelationshipName) || `relationship ${text(row.RecordId)}`,
      scopeCount: 0,
    };
    view.relationships.push(rel);
    view.relationshipByKey.set(key, rel);
    for (const n of [1, 2]) {
      const serverId = row[`Server${n}RecordId`];
      const serverName = row[`Server${n}Name`];
      if (serverId !== undefined && serverId !== null && serverName) {
        view.serverNames.set(idKey(serverId), shortServer(serverName));
      }
    }
  }
  for (const row of tables.ADM_DHCPScopesTable ?? []) addScope(view, row.RecordId, row);
  addPairs(view, tables.ADM_DhcpScopeFailoverTable);
  return view;
}

function addScope(view, id, row) {
  const key = idKey(id);
  const known = view.scopeByKey.get(key);
  if (known) return known;
  let address = '';
  let server = '';
  if (row) {
    const network = text(row.ScopeId);
    let prefix = view.prefixes.get(row.SubnetMask);
    if (prefix === undefined) {
      prefix = prefixLength(row.SubnetMask);
      view.prefixes.set(row.SubnetMask, prefix);
    }
    address = network && prefix !== null ? `${network}/${prefix}` : network;
    if (row.DHCPServerRecordId !== undefined && row.DHCPServerRecordId !== null) {
      server = view.serverNames.get(idKey(row.DHCPServerRecordId)) ?? `server ${text(row.DHCPServerRecordId)}`;
    }
  }
  const name = row ? text(row.ScopeName) : '';
  // Matched field by field, so a query never matches across a name and an address; a
  // scope known only by its id (no ADM_DHCPScopesTable row) is found by the id.
  const names = [];
  if (name) names.push(name.toLowerCase());
  if (address) names.push(address.toLowerCase());
  if (names.length === 0) names.push(text(id));
  const entry = { key, id, known: Boolean(row), name, address, server, relationships: [], removedFrom: [], names };
  view.scopes.push(entry);
  view.scopeByKey.set(key, entry);
  return entry;
}

/**
 * Adds ADM_DhcpScopeFailoverTable rows to the view's membership. A scope may be in
 * several relationships (the spec allows adding a scope that is already in another
 * one), and a pair may name a relationship that is gone. Also used after a successful
 * add, with just the appended rows, so 100,000 new pairs do not rebuild the whole view.
 */
export function addPairs(view, pairs) {
  for (const pair of pairs) {
    const entry = view.scopeByKey.get(idKey(pair.ScopeId)) ?? addScope(view, pair.ScopeId, null);
    const relKey = idKey(pair.FailoverRelationId);
    if (entry.relationships.some((r) => r.key === relKey)) continue;
    const rel = view.relationshipByKey.get(relKey);
    if (rel) rel.scopeCount++;
    entry.relationships.push(rel
      ? { key: relKey, name: rel.name, missing: false }
      : { key: relKey, name: `missing relationship ${text(pair.FailoverRelationId)}`, missing: true });
  }
}

/** The scopes whose name or address contains the query (case-insensitive). */
export function filterScopes(scopes, query) {
  const q = query.trim().toLowerCase();
  if (q === '') return scopes;
  return scopes.filter((s) => s.names.some((field) => field.includes(q)));
}

/** ["dhcp-hq-01", "dhcp-hq-02"] for a relationship row; null when it names neither server. */
export function serverPair(row) {
  const a = shortServer(row.Server1Name);
  const b = shortServer(row.Server2Name);
  if (!a && !b) return null;
  return [a || 'server 1', b || 'server 2'];
}

/**
 * How the relationship splits the addresses, as people read it: { split: "50 / 50" }, or
 * for hot standby { split: "95 / 5", note: "standby reserve 5%" }.
 */
export function splitParts(row) {
  const p = row.Server1Percentage;
  if (typeof p !== 'number' || !Number.isFinite(p)) return { split: '', note: '' };
  const rest = Math.max(0, 100 - p);
  return { split: `${p} / ${rest}`, note: row.Mode === 'HotStandby' ? `standby reserve ${rest}%` : '' };
}

/** Per-server state, "Normal" shortened away when both are normal. */
export function stateText(row) {
  const a = text(row.Server1State);
  const b = text(row.Server2State);
  if (!a && !b) return '';
  if (a === b) return a;
  return `${a || '?'} / ${b || '?'}`;
}

/** A stable key for a (scope, relationship) pair. */
export function pairKey(scopeId, relationId) {
  return `${idKey(scopeId)}|${idKey(relationId)}`;
}

/**
 * Replaces the view's membership with `pairs` (the working ADM_DhcpScopeFailoverTable)
 * and marks the pending changes of `diff` on it: a relationship tag of a pair added in
 * the working copy is `staged`, and each scope lists the relationships it was removed
 * from (`removedFrom`). The scope entries themselves are kept (their rows do not change),
 * so this costs in proportion to the pairs, not to building the view again.
 */
export function refreshMembership(view, pairs, diff) {
  for (const rel of view.relationships) rel.scopeCount = 0;
  for (const scope of view.scopes) {
    scope.relationships = [];
    scope.removedFrom = [];
  }
  addPairs(view, pairs);
  markDiff(view, diff);
  // A scope known only from the pair table (no ADM_DHCPScopesTable row) that is now in no
  // pair and in no pending change is gone, as it would be after a reload.
  if (view.scopes.some((s) => !s.known && s.relationships.length === 0 && s.removedFrom.length === 0)) {
    view.scopes = view.scopes.filter((s) => {
      const keep = s.known || s.relationships.length > 0 || s.removedFrom.length > 0;
      if (!keep) view.scopeByKey.delete(s.key);
      return keep;
    });
  }
}

/** Marks `diff` on a view whose membership is the working copy's (see refreshMembership). */
export function markDiff(view, diff) {
  for (const pair of diff.added) {
    const entry = view.scopeByKey.get(idKey(pair.ScopeId));
    const relKey = idKey(pair.FailoverRelationId);
    const rel = entry?.relationships.find((r) => r.key === relKey);
    if (rel) rel.staged = true;
  }
  for (const pair of diff.removed) {
    const entry = view.scopeByKey.get(idKey(pair.ScopeId)) ?? addScope(view, pair.ScopeId, null);
    const relKey = idKey(pair.FailoverRelationId);
    if (entry.removedFrom.some((r) => r.key === relKey)) continue;
    entry.removedFrom.push({ key: relKey, name: relationshipName(view, pair.FailoverRelationId) });
  }
}

/** A relationship's display name by id, also for one that is not (or no longer) in the tables. */
export function relationshipName(view, id) {
  return view.relationshipByKey.get(idKey(id))?.name ?? `missing relationship ${text(id)}`;
}

/** A scope's display parts by id: { name, address } (name falls back to "scope <id>"). */
export function scopeLabel(view, id) {
  const scope = view.scopeByKey.get(idKey(id));
  return { name: scope?.name || `scope ${text(id)}`, address: scope?.address ?? '' };
}
