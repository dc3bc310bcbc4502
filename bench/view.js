// The working copy at network scale: what the page asks of it, at 10k, 100k and 300k
// scopes over hundreds of relationships, against plain JavaScript doing the same on the
// parsed tables (JSON.parse, then filters and sorts over the objects, as the page did
// before it stopped holding the tables). Also the wasm linear memory each copy takes.

import { say, finish, stats } from './page-kit.js';

const query = new URLSearchParams(location.search);
const runs = Number(query.get('runs') ?? 9);
const warmup = Number(query.get('warmup') ?? 2);
const pkg = query.get('pkg') ?? '/www/pkg/ipam_failover.js';
const SIZES = (query.get('sizes') ?? '10000,100000,300000').split(',').map(Number);


/** A network: server pairs of 1,500 scopes each (750 per server), three relationships per
 * pair, two thirds of the scopes in a relationship. */
export function network(scopes) {
  const failovers = [];
  const pairs = [];
  const rows = [];
  const perPair = 1500;
  const pairCount = Math.ceil(scopes / perPair);
  for (let p = 0; p < pairCount; p++) {
    const a = 1000 + 2 * p;
    const b = a + 1;
    for (let r = 0; r < 3; r++) {
      failovers.push({
        RecordId: 1 + 3 * p + r, RelationshipName: `site-${p}-${['lb', 'hs', 'voice'][r]}`, Mode: r === 1 ? 'HotStandby' : 'LoadBalance',
        Server1RecordId: a, Server2RecordId: b, Server1Name: `dhcp-${p}-a.corp.example`, Server2Name: `dhcp-${p}-b.corp.example`,
        Server1State: 'Normal', Server2State: 'Normal', Server1Percentage: 50, MCLT: 'PT1H',
      });
    }
  }
  for (let i = 0; i < scopes; i++) {
    const p = Math.floor(i / perPair);
    const k = i % perPair;
    const id = 100000 + i;
    rows.push({
      RecordId: id, ScopeId: `10.${p % 256}.${Math.floor(k / 6)}.${(k % 6) * 32}`, SubnetMask: '255.255.255.224',
      ScopeName: `Site ${p} floor ${Math.floor(k / 50)} ${['wired', 'wifi', 'voice'][k % 3]}`, DHCPServerRecordId: 1000 + 2 * p + (k % 2),
      Description: `generated ${i}`, State: 'Active',
    });
    if (k % 3 !== 2) pairs.push({ ScopeId: id, FailoverRelationId: 1 + 3 * p + (k % 3) });
  }
  return { ADM_DhcpFailoverTable: failovers, ADM_DhcpScopeFailoverTable: pairs, ADM_DHCPScopesTable: rows };
}

function time(fn) {
  const start = performance.now();
  const value = fn();
  return [performance.now() - start, value];
}

function ipNumber(text) {
  const p = text.split('.');
  return ((+p[0] << 24) >>> 0) + (+p[1] << 16) + (+p[2] << 8) + +p[3];
}

/** Plain JS over the parsed tables: membership index, then filter / sort as the old page did. */
function plainView(tables) {
  const member = new Map();
  for (const pair of tables.ADM_DhcpScopeFailoverTable) {
    const list = member.get(pair.ScopeId);
    if (list) list.push(pair.FailoverRelationId);
    else member.set(pair.ScopeId, [pair.FailoverRelationId]);
  }
  return { tables, member };
}

function plainQuery(view, { text, server, none, sortByAddress, limit }) {
  let out = view.tables.ADM_DHCPScopesTable.filter((s) => {
    if (text && !(s.ScopeName.toLowerCase().includes(text) || s.ScopeId.includes(text))) return false;
    if (server !== undefined && s.DHCPServerRecordId !== server) return false;
    if (none && view.member.has(s.RecordId)) return false;
    return true;
  });
  if (sortByAddress) out = out.map((s) => [ipNumber(s.ScopeId), s]).sort((a, b) => a[0] - b[0]).map((x) => x[1]);
  return { total: out.length, rows: out.slice(0, limit) };
}

async function main() {
  const { default: init, Workspace } = await import(pkg);
  const wasm = await init();
  const memory = () => wasm.memory.buffer.byteLength;
  const scenarios = [];
  const sizes = [];
  for (const n of SIZES) {
    say(`${n} scopes: generating`);
    const text = JSON.stringify(network(n));
    const scenario = (name, wasmFn, plainFn, check) => {
      const w = [];
      const p = [];
      for (let i = 0; i < warmup + runs; i++) {
        const [wm, wv] = time(wasmFn);
        const [pm, pv] = plainFn ? time(plainFn) : [null, null];
        if (i === 0 && check) check(wv, pv);
        if (i >= warmup) {
          w.push(wm);
          if (pm !== null) p.push(pm);
        }
      }
      const entry = { name: `${name}, ${n / 1000}k`, wasm: stats(w) };
      if (p.length) {
        entry.plain = stats(p);
        entry.ratioMedian = entry.plain.median / entry.wasm.median;
      }
      scenarios.push(entry);
      say(`${entry.name}: wasm ${entry.wasm.median.toFixed(2)} ms${entry.plain ? `, plain ${entry.plain.median.toFixed(2)} ms` : ''}`);
    };

    // Building the copy: fromText (no JS objects) against JSON.parse alone.
    const before = memory();
    let ws = null;
    scenario('load: fromText vs JSON.parse', () => { ws?.free(); ws = Workspace.fromText(text); }, () => JSON.parse(text));
    const grown = memory() - before;
    const tables = JSON.parse(text);
    const plain = plainView(tables);
    const server = 1000;
    const same = (w, p) => {
      if (w.total !== p.total) throw new Error(`wasm and plain disagree: ${w.total} vs ${p.total}`);
    };
    scenario('query: text', () => ws.queryScopes({ text: 'floor 12', limit: 50 }), () => plainQuery(plain, { text: 'floor 12', limit: 50 }), same);
    scenario('query: server, in none', () => ws.queryScopes({ server: String(server), membership: 'in-none', limit: 50 }),
      () => plainQuery(plain, { server, none: true, limit: 50 }), same);
    scenario('query: sorted by address', () => ws.queryScopes({ sort: 'address', offset: 1000, limit: 50 }),
      () => plainQuery(plain, { sortByAddress: true, limit: 50 }), same);
    scenario('select all matching', () => { ws.select({ mode: 'clear' }); return ws.select({ mode: 'matching', query: { membership: 'in-none' } }); });
    const some = ws.queryScopes({ membership: 'in-none', limit: 20 }).rows.map((r) => r.id);
    scenario('small change: add 20 + undo', () => { ws.addScopes({ Failover: { RecordId: 1 }, ScopeIds: some }); ws.undo(); });
    scenario('relationshipSummary', () => ws.relationshipSummary());
    scenario('pendingSummary(200)', () => ws.pendingSummary(200));
    scenario('coverage', () => ws.coverage());
    const everything = ws.selectedScopeIds();
    scenario('add all in none + undo', () => { ws.addScopes({ Failover: { RecordId: 1 }, ScopeIds: everything }); ws.undo(); });
    sizes.push({ scopes: n, textBytes: text.length, wasmMemoryGrowthBytes: grown, wasmMemoryBytes: memory(), perScopeBytes: grown / n });
    ws.free();
    await new Promise((r) => setTimeout(r, 0));
  }
  finish('done', { ok: true, options: { runs, warmup, sizes: SIZES }, scenarios, memorySizes: sizes });
}

main().catch((e) => finish('error', { ok: false, error: String(e?.stack ?? e) }));
