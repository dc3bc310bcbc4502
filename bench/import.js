// Import at scale: importDhcp (the second module, www/pkg-import) of a collection file of
// 100,000 scopes and 2,000 relationships against JSON.parse of the same bytes, in the same
// run; then new Workspace(imported.tables). Reports the wasm memory the import module grew.

import { say, finish, stats } from './page-kit.js';

const query = new URLSearchParams(location.search);
const runs = Number(query.get('runs') ?? 5);
const warmup = Number(query.get('warmup') ?? 1);
const SCOPES = Number(query.get('scopes') ?? 100_000);
const RELATIONSHIPS = Number(query.get('relationships') ?? 2_000);
// --pkg: another build of the whole-API module, for a before/after in one run.
const pkg = query.get('pkg') ?? '/www/pkg-import/ipam_failover.js';


/** A collection: RELATIONSHIPS / 2 server pairs, two relationships each, scopes spread
 * over the pairs (both partners list each member scope; a third of the scopes are in none). */
export function collection() {
  const pairs = RELATIONSHIPS / 2;
  const perPair = Math.ceil(SCOPES / pairs);
  const servers = [];
  for (let p = 0; p < pairs; p++) {
    const names = [`dhcp-${p}-a.corp.example`, `dhcp-${p}-b.corp.example`];
    const ips = [`10.${200 + (p >> 8)}.${p & 255}.1`, `10.${200 + (p >> 8)}.${p & 255}.2`];
    const scopes = [];
    const partnerScopes = [];
    const members = [[], []];
    for (let k = 0; k < perPair && p * perPair + k < SCOPES; k++) {
      const i = p * perPair + k;
      const net = `${(i >> 14) + 1}.${(i >> 6) & 255}.${(i & 63) * 4}.0`;
      scopes.push({
        scopeId: net, name: `Site ${p} scope ${k}`, subnetMask: '255.255.255.0', startRange: net.replace(/0$/, '20'),
        endRange: net.replace(/0$/, '200'), leaseDurationSeconds: 691200, state: 'Active', type: 'Dhcp', description: '',
        superscopeName: '', delay: 0, maxBootpClients: 4294967295, napEnable: false, napProfile: '', activatePolicies: true,
      });
      // Failover puts a member scope on both partners; a scope in none is on one server.
      if (k % 3 !== 2) {
        members[k % 3].push(net);
        partnerScopes.push(scopes.at(-1));
      }
    }
    const failover = (me) => [0, 1].map((r) => ({
      name: `site-${p}-${r ? 'hs' : 'lb'}`, partnerServer: names[1 - me], mode: r ? 'HotStandby' : 'LoadBalance',
      serverType: me === 0 ? 'PrimaryServer' : 'SecondaryServer', serverRole: r ? (me === 0 ? 'Active' : 'Standby') : null,
      loadBalancePercent: r ? null : 50, reservePercent: r ? 5 : null, maxClientLeadTimeSeconds: 3600, autoStateTransition: false,
      stateSwitchIntervalSeconds: null, state: 'Normal', enableAuth: true, primaryServerName: names[0], primaryServerIP: ips[0],
      secondaryServerName: names[1], secondaryServerIP: ips[1], scopeIds: members[r],
    }));
    servers.push({ name: names[0], ip: ips[0], error: null, scopes, failover: failover(0) });
    servers.push({ name: names[1], ip: ips[1], error: null, scopes: partnerScopes, failover: failover(1) });
  }
  return { format: 'ipam-failover-collection', version: 1, collectedAt: '2026-11-30T12:00:00Z', collector: 'bench', servers };
}

async function main() {
  say('generating');
  const text = JSON.stringify(collection(), null, 2);
  const bytes = new TextEncoder().encode(text);
  const { default: init, importDhcp, Workspace } = await import(pkg);
  const wasm = await init();
  const before = wasm.memory.buffer.byteLength;
  const times = { wasm: [], plain: [] };
  let result = null;
  for (let i = 0; i < warmup + runs; i++) {
    let start = performance.now();
    // As the page does: the tables as JSON text, for Workspace.fromText.
    result = importDhcp([{ name: 'collection.json', bytes }], { tablesAsText: true });
    const w = performance.now() - start;
    start = performance.now();
    JSON.parse(new TextDecoder().decode(bytes));
    const p = performance.now() - start;
    if (i >= warmup) {
      times.wasm.push(w);
      times.plain.push(p);
    }
    say(`run ${i}: importDhcp ${w.toFixed(0)} ms, JSON.parse ${p.toFixed(0)} ms`);
    await new Promise((r) => setTimeout(r, 0));
  }
  const grown = wasm.memory.buffer.byteLength - before;
  let start = performance.now();
  const ws = Workspace.fromText(result.tablesText);
  const buildMs = performance.now() - start;
  const tables = ws.relationshipSummary();
  const counts = {
    scopes: ws.scopeCount,
    relationships: tables.length,
    pairs: tables.reduce((n, r) => n + r.members, 0),
    findings: result.findings.length,
  };
  ws.free();
  if (counts.relationships !== RELATIONSHIPS || counts.findings !== 0) {
    throw new Error(`imported ${JSON.stringify(counts)}, expected ${SCOPES} scopes (plus partner copies) and ${RELATIONSHIPS} relationships`);
  }
  const wasmStats = stats(times.wasm);
  const plainStats = stats(times.plain);
  finish('done', {
    ok: true,
    options: { runs, warmup, scopes: SCOPES, relationships: RELATIONSHIPS },
    scenarios: [{ name: `import ${SCOPES / 1000}k`, wasm: wasmStats, plain: plainStats, ratioMedian: plainStats.median / wasmStats.median }],
    importInfo: { fileBytes: bytes.length, counts, wasmMemoryGrowthBytes: grown, workspaceFromImportMs: buildMs },
  });
}

main().catch((e) => finish('error', { ok: false, error: String(e?.stack ?? e) }));
