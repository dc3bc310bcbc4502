// The built-in sample the page opens with: two pairs of DHCP servers, four failover
// relationships and about three hundred IPv4 scopes, some already in a relationship.
// Deterministic (no randomness) so screenshots and tests see the same data every time.
// The shape is exactly what addScopes takes.

const SERVERS = {
  hq1: { id: 11, name: 'dhcp-hq-01.corp.example', ip: '10.0.0.11' },
  hq2: { id: 12, name: 'dhcp-hq-02.corp.example', ip: '10.0.0.12' },
  br1: { id: 21, name: 'dhcp-br-01.corp.example', ip: '10.0.1.21' },
  br2: { id: 22, name: 'dhcp-br-02.corp.example', ip: '10.0.1.22' },
};

function relationship(id, name, mode, a, b, percentage, extra) {
  return {
    RecordId: id,
    RelationshipName: name,
    Mode: mode,
    Server1RecordId: a.id,
    Server2RecordId: b.id,
    Server1Name: a.name,
    Server2Name: b.name,
    Server1IP: a.ip,
    Server2IP: b.ip,
    Server1Percentage: percentage,
    MCLT: 'PT1H',
    StateSwitchInterval: null,
    AutoStateTransition: false,
    SharedSecretEnabled: true,
    Server1State: 'Normal',
    Server2State: 'Normal',
    ...extra,
  };
}

const RELATIONSHIPS = [
  relationship(1, 'hq-loadbalance', 'LoadBalance', SERVERS.hq1, SERVERS.hq2, 50),
  relationship(2, 'hq-hotstandby', 'HotStandby', SERVERS.hq1, SERVERS.hq2, 5),
  relationship(3, 'branch-loadbalance', 'LoadBalance', SERVERS.br1, SERVERS.br2, 60),
  relationship(4, 'branch-hotstandby', 'HotStandby', SERVERS.br1, SERVERS.br2, 5, {
    MCLT: 'PT30M',
    StateSwitchInterval: 'PT10M',
    AutoStateTransition: true,
    Server2State: 'CommunicationInterrupted',
  }),
];

const HQ_KINDS = ['Wired', 'Wi-Fi', 'Voice', 'Printers'];
const DC_RACKS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'D1', 'D2'];
const BRANCHES = [
  'Lyon', 'Osaka', 'Austin', 'Leeds', 'Porto', 'Graz', 'Turku', 'Ghent',
  'Perth', 'Quebec', 'Malmo', 'Bergen', 'Cork', 'Brno', 'Bilbao', 'Utrecht',
  'Denver', 'Sapporo', 'Geelong', 'Halifax', 'Aarhus', 'Basel', 'Tampere', 'Nantes',
];
const BRANCH_KINDS = [
  'Wired', 'Wi-Fi', 'Voice', 'Printers', 'Guest Wi-Fi',
  'Cameras', 'Badge Readers', 'IoT', 'Lab', 'Kiosks',
];

function scope(recordId, network, name, server) {
  const base = network.split('.').slice(0, 3).join('.');
  return {
    RecordId: recordId,
    ScopeId: network,
    ScopeName: name,
    SubnetMask: '255.255.255.0',
    StartAddress: `${base}.10`,
    EndAddress: `${base}.250`,
    DHCPServerRecordId: server.id,
  };
}

/** A fresh copy of the sample tables (callers may change them in place). */
export function makeSample() {
  const scopes = [];
  const pairs = [];
  let next = 1001;
  const add = (network, name, server, relationshipId) => {
    const row = scope(next++, network, name, server);
    scopes.push(row);
    if (relationshipId) pairs.push({ ScopeId: row.RecordId, FailoverRelationId: relationshipId });
  };

  // Headquarters: 12 floors x 4 kinds on dhcp-hq-01 (Server1 of the HQ pair).
  for (let floor = 1; floor <= 12; floor++) {
    HQ_KINDS.forEach((kind, k) => {
      let rel = 0;
      if (floor <= 6 && (kind === 'Wired' || kind === 'Wi-Fi')) rel = 1;
      if (kind === 'Voice') rel = 2;
      add(`10.20.${(floor - 1) * 4 + k}.0`, `HQ Floor ${floor} ${kind}`, SERVERS.hq1, rel);
    });
  }
  // Headquarters data centre management networks; the first four already hot-standby.
  DC_RACKS.forEach((rack, r) => {
    add(`10.21.${r * 2}.0`, `HQ DC Rack ${rack} Servers`, SERVERS.hq1, r < 4 ? 2 : 0);
    add(`10.21.${r * 2 + 1}.0`, `HQ DC Rack ${rack} Management`, SERVERS.hq1, r < 4 ? 2 : 0);
  });
  // Branches: 24 sites x 10 kinds on dhcp-br-01 (Server1 of the branch pair).
  BRANCHES.forEach((site, b) => {
    BRANCH_KINDS.forEach((kind, k) => {
      let rel = 0;
      if (b < 8 && (kind === 'Wired' || kind === 'Wi-Fi')) rel = 3;
      if (b >= 8 && b < 12 && kind !== 'Lab') rel = 4;
      add(`10.${40 + b}.${k * 4}.0`, `${site} ${kind}`, SERVERS.br1, rel);
    });
  });

  return {
    ADM_DhcpFailoverTable: RELATIONSHIPS.map((row) => ({ ...row })),
    ADM_DhcpScopeFailoverTable: pairs,
    ADM_DHCPScopesTable: scopes,
  };
}
