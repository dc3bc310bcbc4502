// A generated network for the navigation tests and the 300,000-scope measurement:
// `pairs` server pairs (dhcp-siteNN-a / -b), `relationshipsPerPair` failover relationships
// each, and `scopes` IPv4 scopes spread evenly over the servers, with consecutive /26
// addresses from 10.0.0.0 up (so 10.2.0.0/26 and 10.10.0.0/26 both exist at 20,000 scopes).
// Membership is deterministic: most scopes are in a relationship of their own pair, some
// in none (a share that differs per server), a few in a relationship of another pair.
// The tables are exactly what addScopes takes.

const ipv4 = (n) => [24, 16, 8, 0].map((shift) => (n >>> shift) & 255).join('.');

export function makeNetwork({ pairs = 14, relationshipsPerPair = 30, scopes = 21_000 } = {}) {
  const servers = [];
  for (let p = 1; p <= pairs; p++) {
    for (const side of ['a', 'b']) {
      const id = servers.length + 1;
      servers.push({ id, pair: p, name: `dhcp-site${String(p).padStart(2, '0')}-${side}.corp.example` });
    }
  }
  const ADM_DhcpFailoverTable = [];
  const ofPair = new Map(); // pair -> relationship ids
  for (let p = 1; p <= pairs; p++) {
    const [a, b] = [servers[2 * p - 2], servers[2 * p - 1]];
    ofPair.set(p, []);
    for (let r = 1; r <= relationshipsPerPair; r++) {
      const id = ADM_DhcpFailoverTable.length + 1;
      ofPair.get(p).push(id);
      const hot = r % 3 === 0;
      ADM_DhcpFailoverTable.push({
        RecordId: id,
        RelationshipName: `site${String(p).padStart(2, '0')}-${hot ? 'hs' : 'lb'}-${String(r).padStart(2, '0')}`,
        Mode: hot ? 'HotStandby' : 'LoadBalance',
        Server1RecordId: a.id,
        Server2RecordId: b.id,
        Server1Name: a.name,
        Server2Name: b.name,
        Server1Percentage: hot ? 5 : 50,
        Server1State: 'Normal',
        // Every seventh relationship has a partner that is not Normal.
        Server2State: r % 7 === 0 ? 'CommunicationInterrupted' : 'Normal',
      });
    }
  }
  const ADM_DHCPScopesTable = [];
  const ADM_DhcpScopeFailoverTable = [];
  const perServer = Math.ceil(scopes / servers.length);
  const kinds = ['Wired', 'Wi-Fi', 'Voice', 'Printers', 'Cameras'];
  for (let g = 0; g < scopes; g++) {
    const server = servers[Math.floor(g / perServer)];
    const i = g % perServer;
    const id = 100_000 + g;
    ADM_DHCPScopesTable.push({
      RecordId: id,
      ScopeId: ipv4(0x0A000000 + g * 64),
      SubnetMask: '255.255.255.192',
      ScopeName: `Site ${server.pair} ${server.name.endsWith('-a.corp.example') ? 'A' : 'B'} ${kinds[i % 5]} ${Math.floor(i / 5) + 1}`,
      DHCPServerRecordId: server.id,
      AddressFamily: 'IPv4',
    });
    // In none: every (3 + server id % 4)-th scope; in another pair's relationship: every 97th.
    if (i % (3 + (server.id % 4)) === 0) continue;
    const own = ofPair.get(server.pair);
    if (i % 97 === 1 && pairs > 1) {
      const other = ofPair.get((server.pair % pairs) + 1);
      ADM_DhcpScopeFailoverTable.push({ ScopeId: id, FailoverRelationId: other[i % other.length] });
    } else {
      ADM_DhcpScopeFailoverTable.push({ ScopeId: id, FailoverRelationId: own[i % own.length] });
    }
  }
  return { ADM_DhcpFailoverTable, ADM_DhcpScopeFailoverTable, ADM_DHCPScopesTable };
}

/** Short name of a server (what the page shows): the host name without its domain. */
export const shortName = (name) => name.split('.')[0];
