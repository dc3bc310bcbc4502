// Flow: the admin brings the real network in. They pick the fixture set (the collection,
// Windows PowerShell 5.1 and PowerShell 7 ConvertTo-Json output, an Export-DhcpServer XML
// and a UTF-16LE file) in "Import from DHCP servers"; the files without a server name ask
// for it; the import worker (with the second wasm module, loaded only then) answers what
// each file was, the drift findings by relationship and the servers seen, and only "Use
// these tables" replaces the working copy. Bad files are refused with their fault and
// change nothing; a large file is read; Cancel terminates the import worker. Then: stage
// changes, export the script, check against the "after" collection (applied, not applied,
// conflict, unplanned) and make it the new baseline.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  openAdminPage, assertNoProblems, readTables, axeViolations, downloadFrom, confirmPreflight, waitUntil, ROOT, ARTIFACTS,
  BROWSERS,
} from './helpers.mjs';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'dhcp');
const fixture = (name) => path.join(FIXTURES, name);
const HQ1 = 'dhcp-hq-01.corp.example';
const MLM1 = 'dhcp-mlm-01.corp.example';
const HOSTILE_REL = "hq-voice ‘standby’ $(Get-Date) `whoami` 'x'";
const HOSTILE_FILE = '"<img src=x onerror=alert(1)>" $(Get-Date) `whoami`.txt';
const SET = [
  'collection-before.json', 'ps51-failover-hq-01.json', 'ps51-scopes-hq-01.json', 'ps7-failover-hq-02.json',
  'ps7-scopes-hq-02.json', 'export-mlm-01.xml', 'ps51-failover-mlm-01.utf16le.json',
];

for (const browser of BROWSERS) describe(browser, () => {
  let session;
  const requested = []; // every path the page and its workers asked the server for, in order
  before(async () => {
    session = await openAdminPage(browser);
    session.server.on('request', (request) => requested.push(request.url));
  });
  after(async () => { await session?.close(); });

  /** A screenshot of one element into tests/e2e/artifacts/<name>.png. */
  async function shoot(page, selector, name) {
    await mkdir(ARTIFACTS, { recursive: true });
    await (await page.$(selector)).screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
  }

  /** Writes `content` (text or bytes) to a temporary file named `name`; returns its path. */
  async function tempFile(name, content) {
    const dir = path.join(os.tmpdir(), 'ipam-failover-e2e-import');
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, name);
    await writeFile(file, content);
    return file;
  }

  /** Waits until a panel ('import' or 'reconcile') has finished a run; returns its state. */
  async function settled(page, panel, timeout = 30000) {
    await page.waitForSelector(`#${panel}-section:not([data-state="running"]):not([data-state="empty"])`, { timeout });
    return page.getAttribute(`#${panel}-section`, 'data-state');
  }

  /** Waits until a panel is in `state`. */
  function reached(page, panel, state, timeout = 30000) {
    return page.waitForSelector(`#${panel}-section[data-state="${state}"]`, { timeout });
  }

  /** The file list: [{ name, state, verdict, server (the field's value, or null) }]. */
  function fileList(page, panel = 'import') {
    return page.$$eval(`#${panel}-files > li`, (items) => items.map((li) => ({
      name: li.querySelector('.file-name .name').textContent,
      state: li.classList.contains('refused') ? 'refused' : li.classList.contains('recognised') ? 'recognised' : 'pending',
      verdict: li.querySelector('.file-verdict').textContent,
      server: li.querySelector('input')?.value ?? null,
    })));
  }

  const rows = (page, selector) => page.$$eval(`${selector} tr`, (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  const shownRelationships = (page) => rows(page, '#relationships-body');

  /** A collection of two partner servers with the same `n` scopes, every other one in their relationship. */
  function largeCollection(n) {
    const scopes = [];
    for (let i = 0; i < n; i++) {
      const at = i * 16; // /28s from 10.100.0.0
      scopes.push({
        scopeId: `10.${100 + (at >> 16)}.${(at >> 8) & 255}.${at & 255}`, name: `Rack ${i} <b>"x"</b>`,
        subnetMask: '255.255.255.240', leaseDurationSeconds: 691200, state: 'Active',
      });
    }
    const members = scopes.filter((_, i) => i % 2 === 0).map((s) => s.scopeId);
    const rel = (me) => ({
      name: 'dc-loadbalance', partnerServer: me === 'a' ? 'dhcp-dc-02.corp.example' : 'dhcp-dc-01.corp.example', mode: 'LoadBalance',
      serverType: me === 'a' ? 'PrimaryServer' : 'SecondaryServer', loadBalancePercent: 50, maxClientLeadTimeSeconds: 3600, state: 'Normal',
      primaryServerName: 'dhcp-dc-01.corp.example', secondaryServerName: 'dhcp-dc-02.corp.example', scopeIds: members,
    });
    return JSON.stringify({
      format: 'ipam-failover-collection', version: 1, collectedAt: '2025-03-03T08:15:00Z', collector: 'test',
      servers: [
        { name: 'dhcp-dc-01.corp.example', ip: '10.9.0.1', error: null, scopes, failover: [rel('a')] },
        { name: 'dhcp-dc-02.corp.example', ip: '10.9.0.2', error: null, scopes, failover: [rel('b')] },
      ],
    }, null, 4);
  }

  test('the import module is not loaded until an import is asked for', async () => {
    const { page, workers } = session;
    assert.equal(await page.isVisible('#import-input'), true);
    assert.equal(await page.isVisible('#reconcile-input'), true);
    assert.ok(!requested.some((url) => url.includes('/pkg-import/')), 'no request for the import module yet');
    assert.ok(!workers.some((w) => w.url.endsWith('/import-worker.js')), 'no import worker yet');
    assertNoProblems(session.problems);
  });

  test('the fixture set imports through the file picker; files without a server ask for it', async () => {
    const { page, workers } = session;
    const sample = await shownRelationships(page);
    // The split column: a load balance share, or a hot standby's reserve (the failover
    // percentage) as the standby's share.
    assert.deepEqual(sample.map((r) => [r[0], r[3]]), [
      ['hq-loadbalance', '50 / 50'], ['hq-hotstandby', '95 / 5standby reserve 5%'],
      ['branch-loadbalance', '60 / 40'], ['branch-hotstandby', '95 / 5standby reserve 5%'],
    ]);
    await page.setInputFiles('#import-input', SET.map(fixture));
    assert.equal(await settled(page, 'import'), 'refused');
    assert.ok(requested.some((url) => url.endsWith('/pkg-import/ipam_failover_bg.wasm')), 'the import module was loaded now');
    assert.ok(workers.some((w) => w.url.endsWith('/import-worker.js')), 'in its own worker');

    // The 5.1 scope list has no PSComputerName and the XML names no server: each is refused
    // with its fault, and gets a field prefilled from its file name (matched to a server the
    // other files name). Everything else was recognised.
    let files = await fileList(page);
    assert.deepEqual(files.map((f) => [f.name, f.state]), [
      ['collection-before.json', 'recognised'], ['ps51-failover-hq-01.json', 'recognised'], ['ps51-scopes-hq-01.json', 'refused'],
      ['ps7-failover-hq-02.json', 'recognised'], ['ps7-scopes-hq-02.json', 'recognised'], ['export-mlm-01.xml', 'refused'],
      ['ps51-failover-mlm-01.utf16le.json', 'recognised'],
    ]);
    assert.match(files[5].verdict, /^refused INVALID_IMPORT: "export-mlm-01\.xml": an Export-DhcpServer file does not say which DHCP server/);
    assert.match(files[2].verdict, /INVALID_IMPORT: "ps51-scopes-hq-01\.json": \[0\]: the scope does not say which DHCP server/);
    assert.equal(files[2].server, HQ1);
    assert.equal(files[5].server, MLM1);
    assert.match(await page.textContent('#import-status'), /^2 files were refused, so nothing was imported; your working copy is unchanged/);
    assert.equal(await page.isVisible('#import-result'), false);
    assert.deepEqual(await shownRelationships(page), sample, 'nothing changed');

    // The admin gives the XML's server as its short name, and runs the import again (Enter in the field).
    await page.fill('#import-server-5', 'dhcp-mlm-01');
    await page.press('#import-server-5', 'Enter');
    assert.equal(await settled(page, 'import'), 'done');
    files = await fileList(page);
    assert.ok(files.every((f) => f.state === 'recognised'), JSON.stringify(files));
    assert.deepEqual(files.map((f) => f.verdict), [
      'recognised collection (Collect-DhcpFailover.ps1): 15 scopes, 5 relationships',
      `recognised failover relationships (Get-DhcpServerv4Failover | ConvertTo-Json), server ${HQ1}: 2 relationships`,
      `recognised scopes (Get-DhcpServerv4Scope | ConvertTo-Json), server ${HQ1}: 7 scopes`,
      'recognised failover relationships (Get-DhcpServerv4Failover | ConvertTo-Json), server dhcp-hq-02.corp.example: 2 relationships',
      'recognised scopes (Get-DhcpServerv4Scope | ConvertTo-Json), server dhcp-hq-02.corp.example: 5 scopes',
      `recognised scopes (Export-DhcpServer XML), server ${MLM1}: 3 scopes`,
      `recognised failover relationships (Get-DhcpServerv4Failover | ConvertTo-Json), server ${MLM1}: 1 relationship`,
    ]);
    assert.equal(await page.textContent('#import-summary'),
      'Read 7 files: 4 DHCP servers, 3 failover relationships, 15 scopes (6 in a relationship).');
    assert.deepEqual(await rows(page, '#import-relationships'), [
      ['hq-loadbalance', 'LoadBalance', 'dhcp-hq-01 ↔ dhcp-hq-02', '3'],
      [HOSTILE_REL, 'HotStandby', 'dhcp-hq-01 ↔ dhcp-hq-02', '1'],
      ['malmö-standby', 'HotStandby', 'dhcp-mlm-01 ↔ dhcp-mlm-02', '2'],
    ]);

    // Findings, grouped by relationship, with their counts.
    assert.equal(await page.textContent('#import-findings-summary'), '9 findings (1 error, 8 warnings) in 2 groups.');
    const groups = await page.$$eval('#import-findings > li', (lis) => lis.map((li) => ({
      title: li.querySelector('.drift-title').textContent,
      kinds: [...li.querySelectorAll('.finding')].map((f) => `${f.querySelector('.badge').textContent} ${f.querySelector('.rule').textContent}`),
    })));
    assert.deepEqual(groups[0].title, 'Servers and inputs (1 error, 7 warnings)');
    assert.deepEqual(groups[0].kinds.filter((k) => !k.endsWith('duplicate-input')), ['error server-unreachable', 'warning scope-on-both-partners']);
    assert.equal(groups[0].kinds.filter((k) => k === 'warning duplicate-input').length, 6);
    assert.deepEqual(groups[1], { title: 'Relationship malmö-standby (1 warning)', kinds: ['warning partner-not-collected'] });

    // The servers seen, the unreachable one with its error.
    const servers = await rows(page, '#import-servers');
    assert.deepEqual(servers.map((s) => [s[0], s[1], s[3], s[4]]), [
      [HQ1, '10.0.0.11', '7', '2'], ['dhcp-hq-02.corp.example', '10.0.0.12', '5', '2'],
      [MLM1, '10.2.0.11', '3', '1'], ['dhcp-mlm-02.corp.example', '10.2.0.12', 'not collected', '1'],
    ]);
    assert.equal(servers[2][2], 'collection-before.jsonexport-mlm-01.xmlps51-failover-mlm-01.utf16le.json');
    assert.match(servers[3][5], /The RPC server is unavailable/);
    assert.deepEqual(await shownRelationships(page), sample, 'still nothing changed before "Use these tables"');
    assert.deepEqual(await axeViolations(page), []);
    await shoot(page, '#import-section', 'import-panel');

    // Now they replace the working copy (no pending changes: no question).
    await page.click('#import-use');
    await reached(page, 'import', 'used');
    assert.equal(await page.textContent('#data-summary'),
      'Showing an import of 7 files: 3 failover relationships, 15 scopes (6 already in a relationship).');
    const shown = await shownRelationships(page);
    assert.deepEqual(shown.map((r) => [r[0], r[1], r[6]]), [
      ['hq-loadbalance', 'LoadBalance', '3'], [HOSTILE_REL, 'HotStandby', '1'], ['malmö-standby', 'HotStandby', '2'],
    ]);
    // The servers' ReservePercent (5 and 10) is the standby's share, as in the sample.
    assert.deepEqual(shown.map((r) => r[3]), ['50 / 50', '95 / 5standby reserve 5%', '90 / 10standby reserve 10%']);
    assert.equal(await page.isDisabled('#import-use'), true);
    assert.equal(await page.textContent('#import-live'), 'The working copy is now an import of 7 files.');
    const tables = await readTables(page);
    assert.equal(tables.ADM_DHCPScopesTable.length, 15);
    assert.ok(tables.ADM_DHCPScopesTable.some((s) => s.ScopeName === 'Lobby "guest" $(Stop-Computer)'), 'hostile names kept as text');
    assertNoProblems(session.problems);
  });

  test('bad files are refused with their fault, naming the file and the place; nothing loaded changes', async () => {
    const { page } = session;
    const tablesBefore = await readTables(page);
    const summaryBefore = await page.textContent('#data-summary');
    const revision = await page.getAttribute('body', 'data-revision');
    const collection = await readFile(fixture('collection-before.json'));
    const garbage = Buffer.alloc(50 << 20);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 2654435761) >>> 24;
    const files = [
      await tempFile(HOSTILE_FILE, 'hello, these are not DHCP servers'),
      await tempFile('package.json', JSON.stringify({ name: 'something-else', version: '1.0.0' })),
      await tempFile('cut.json', collection.subarray(0, 700)),
      await tempFile('deep.json', '['.repeat(100_000)),
      await tempFile('ansi-malmö.json', Buffer.from('{"format":"ipam-failover-collection","version":1,"servers":[{"name":"Malmö"}]}', 'latin1')),
      await tempFile('garbage.bin', garbage),
      fixture('collection-before.json'),
    ];
    await page.setInputFiles('#import-input', files);
    assert.equal(await settled(page, 'import', 60000), 'refused');
    const list = await fileList(page);
    assert.deepEqual(list.map((f) => f.state), ['refused', 'refused', 'refused', 'refused', 'refused', 'refused', 'recognised']);
    // Names are shown as text: the hostile one is its characters, and the fault quotes it.
    assert.equal(list[0].name, HOSTILE_FILE);
    assert.ok(list[0].verdict.startsWith('refused INVALID_IMPORT: "\\"<img src=x onerror=alert(1)>\\" $(Get-Date) `whoami`.txt", line 1, column 1: neither JSON nor XML'), list[0].verdict);
    assert.equal(await page.$$eval('#import-files img', (imgs) => imgs.length), 0);
    for (const [i, name] of [null, 'package.json', 'cut.json', 'deep.json', 'ansi-malmö.json', 'garbage.bin'].entries()) {
      if (name) assert.ok(list[i].verdict.startsWith(`refused INVALID_IMPORT: "${name}"`), list[i].verdict);
    }
    assert.match(list[2].verdict, /line \d+, column \d+: the JSON ends early/);
    assert.deepEqual(list.map((f) => f.server), Array(7).fill(null), 'no file here needs a server: no field');
    assert.match(list[4].verdict, /byte \d+|offset \d+/);
    assert.match(list[5].verdict, /byte \d+|offset \d+/);
    assert.equal(await page.textContent('#import-status'),
      '6 files were refused, so nothing was imported; your working copy is unchanged. See each file below.');
    assert.equal(await page.isVisible('#import-result'), false);
    assert.equal(await page.isDisabled('#import-use'), true);
    assert.deepEqual(await readTables(page), tablesBefore);
    assert.equal(await page.textContent('#data-summary'), summaryBefore);
    assert.equal(await page.getAttribute('body', 'data-revision'), revision);
    assert.deepEqual(await axeViolations(page), []);
    await shoot(page, '#import-section', 'import-refused');
    assertNoProblems(session.problems);
  });

  test('a large file is read, not refused; Cancel terminates the import worker and changes nothing', async () => {
    const { page, workers } = session;
    const large = await tempFile('large-collection.json', largeCollection(40_000));
    // Every line the progress shows, as it shows it.
    await page.evaluate(() => {
      window.__progressLines = [];
      const text = document.querySelector('#import-progress-text');
      new MutationObserver(() => window.__progressLines.push(text.textContent)).observe(text, { childList: true, characterData: true, subtree: true });
    });
    await page.setInputFiles('#import-input', [large, fixture('collection-after.json')]);
    assert.equal(await settled(page, 'import', 120000), 'done');
    const lines = await page.evaluate(() => window.__progressLines);
    assert.ok(lines.some((l) => /^Reading file 1 of 2: large-collection\.json \(\d+(\.\d)? MB\)$/.test(l)), lines.join('\n'));
    assert.ok(lines.includes('Reading file 2 of 2: collection-after.json (15.4 kB)'), lines.join('\n'));
    assert.ok(lines.includes('Importing 2 files…'), lines.join('\n'));
    assert.deepEqual((await fileList(page)).map((f) => f.verdict), [
      'recognised collection (Collect-DhcpFailover.ps1): 80,000 scopes, 2 relationships',
      'recognised collection (Collect-DhcpFailover.ps1): 17 scopes, 8 relationships',
    ]);
    assert.equal(await page.textContent('#import-summary'),
      'Read 2 files: 6 DHCP servers, 5 failover relationships, 80,017 scopes (20,006 in a relationship).');

    const tablesBefore = await readTables(page);
    const running = workers.filter((w) => w.url.endsWith('/import-worker.js') && !w.closed);
    assert.equal(running.length, 1, 'one import worker');
    await page.setInputFiles('#import-input', large);
    await page.waitForSelector('#import-progress-area:not([hidden])');
    await page.click('#import-cancel');
    assert.equal(await settled(page, 'import'), 'cancelled');
    assert.equal(await page.textContent('#import-status'), 'Cancelled: nothing was imported; your working copy is unchanged.');
    assert.deepEqual((await fileList(page)).map((f) => [f.name, f.state, f.verdict]), [['large-collection.json', 'pending', 'Not read: cancelled.']]);
    assert.equal(await page.isVisible('#import-progress-area'), false);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'import-input', 'focus back on the picker');
    await waitUntil(() => running[0].closed, 'Cancel terminated the import worker');
    assert.deepEqual(await readTables(page), tablesBefore);
    assertNoProblems(session.problems);
  });

  test('an import worker with nothing left to do is ended after a few seconds, and the next import starts a fresh one', async () => {
    const { page, workers } = session;
    const { IDLE_MS } = await import('../../www/import-client.js');
    const importWorkers = () => workers.filter((w) => w.url.endsWith('/import-worker.js'));
    await page.setInputFiles('#import-input', fixture('collection-before.json'));
    assert.equal(await settled(page, 'import'), 'done');
    const live = importWorkers().filter((w) => !w.closed);
    assert.equal(live.length, 1, 'the import ran in one live worker');
    // Its memory (hundreds of megabytes after a large collection) goes back only when it ends.
    await waitUntil(() => live[0].closed, 'the idle import worker is ended', IDLE_MS + 10000);
    const before = importWorkers().length;
    await page.setInputFiles('#import-input', fixture('collection-after.json'));
    assert.equal(await settled(page, 'import'), 'done');
    assert.equal(importWorkers().length, before + 1, 'a fresh worker read the next import');
    assert.match(await page.textContent('#import-summary'), /^Read 1 file: /);
    assertNoProblems(session.problems);
  });

  /** Stages a change through the page's hook (the same path as the buttons), past the preflight dialog. */
  async function stage(page, kind, failoverId, scopeIds, name) {
    const revision = Number(await page.getAttribute('body', 'data-revision'));
    await page.evaluate(([k, f, ids, n]) => {
      if (k === 'add') window.__ipam.add(f, ids, n);
      else window.__ipam.remove(f, ids, n);
    }, [kind, failoverId, scopeIds, name]);
    await page.waitForFunction((r) => document.querySelector('#preflight-dialog[open]') || Number(document.body.dataset.revision) > r, revision);
    if (await page.isVisible('#preflight-dialog')) await confirmPreflight(page);
    await page.waitForFunction((r) => Number(document.body.dataset.revision) > r, revision);
    await page.waitForSelector('body[data-state="done"]');
  }

  test('stage, export, check against the "after" collection, and make it the new baseline', async () => {
    const { page } = session;
    await page.setInputFiles('#import-input', fixture('collection-before.json'));
    assert.equal(await settled(page, 'import'), 'done');
    await page.click('#import-use');
    await reached(page, 'import', 'used');

    const base = await readTables(page);
    const servers = new Map();
    for (const r of base.ADM_DhcpFailoverTable) {
      servers.set(r.Server1RecordId, r.Server1Name);
      servers.set(r.Server2RecordId, r.Server2Name);
    }
    const scope = (server, address) => base.ADM_DHCPScopesTable
      .find((s) => s.ScopeId === address && servers.get(s.DHCPServerRecordId) === server).RecordId;
    const rel = (name) => base.ADM_DhcpFailoverTable.find((r) => r.RelationshipName === name).RecordId;
    await stage(page, 'add', rel('hq-loadbalance'), [scope(HQ1, '10.1.3.0'), scope(HQ1, '10.1.4.0')], 'hq-loadbalance');
    await stage(page, 'add', rel('malmö-standby'), [scope(MLM1, '10.2.2.0')], 'malmö-standby');
    await stage(page, 'remove', rel('hq-loadbalance'), [scope(HQ1, '10.1.2.0'), scope(HQ1, '10.1.0.0')], 'hq-loadbalance');
    assert.match(await page.textContent('#pending-summary'), /3 additions and 2 removals|3 scopes added|pending/i);

    const script = await downloadFrom(page, '#export-ps1');
    assert.ok(script.text.includes(`Remove-DhcpServerv4FailoverScope -ComputerName '${HQ1}' -Name 'hq-loadbalance' -ScopeId '10.1.0.0', '10.1.2.0'`), script.text);
    assert.ok(script.text.includes(`Add-DhcpServerv4FailoverScope -ComputerName '${HQ1}' -Name 'hq-loadbalance' -ScopeId '10.1.3.0', '10.1.4.0'`), script.text);
    assert.ok(script.text.includes(`Add-DhcpServerv4FailoverScope -ComputerName '${MLM1}' -Name 'malmö-standby' -ScopeId '10.2.2.0'`), script.text);

    // The script ran (partly); the admin collects again and checks.
    await page.setInputFiles('#reconcile-input', fixture('collection-after.json'));
    assert.equal(await settled(page, 'reconcile'), 'done');
    assert.equal(await page.textContent('#reconcile-summary'),
      'Of 5 pending changes: 2 applied, 2 not applied, 1 conflict. 2 unplanned changes seen on the servers.');
    assert.deepEqual(await rows(page, '#reconcile-changes'), [
      ['remove', 'hq-loadbalance', HQ1, '10.1.0.0', 'not applied'],
      ['remove', 'hq-loadbalance', HQ1, '10.1.2.0', 'applied'],
      ['add', 'hq-loadbalance', HQ1, '10.1.3.0', 'applied'],
      ['add', 'hq-loadbalance', HQ1, '10.1.4.0', 'not applied'],
      ['add', 'malmö-standby', MLM1, '10.2.2.0', 'conflict now in malmö-lb'],
    ]);
    assert.deepEqual(await rows(page, '#reconcile-unplanned'), [
      ['remove', HOSTILE_REL, HQ1, '10.1.10.0'],
      ['add', 'malmö-lb', MLM1, '10.2.2.0'],
    ]);
    assert.match(await page.textContent('#reconcile-live'), /^Check done\. Of 5 pending changes: 2 applied/);
    assert.equal(await page.isVisible('#reconcile-stale'), false);
    assert.deepEqual(await axeViolations(page), []);
    await shoot(page, '#reconcile-section', 'reconcile-panel');

    // A change to the working copy after the check makes the result stale, and the page says so.
    let revision = Number(await page.getAttribute('body', 'data-revision'));
    await page.click('#undo-button');
    await page.waitForFunction((r) => Number(document.body.dataset.revision) > r, revision);
    await page.waitForSelector('#reconcile-stale:not([hidden])');
    revision = Number(await page.getAttribute('body', 'data-revision'));
    await page.click('#redo-button');
    await page.waitForFunction((r) => Number(document.body.dataset.revision) > r, revision);

    // The baseline, after a confirmation; "Keep" first changes nothing.
    const tablesBefore = await readTables(page);
    await page.click('#reconcile-baseline');
    await page.waitForSelector('#confirm-dialog[open]');
    assert.equal(await page.textContent('#confirm-title'), 'Make this the new baseline?');
    await page.click('#confirm-cancel');
    // The dialog answers on its close event, a task after the click: wait for the page to leave "confirming".
    await page.waitForSelector('body:not([data-state="confirming"])');
    assert.equal(await page.textContent('#reconcile-status'), 'Not changed: the working copy stays as it was.');
    assert.deepEqual(await readTables(page), tablesBefore);
    await page.click('#reconcile-baseline');
    await page.waitForSelector('#confirm-dialog[open]');
    await page.click('#confirm-ok');
    await reached(page, 'reconcile', 'baseline');
    assert.equal(await page.textContent('#pending-summary'), 'No pending changes: the working copy matches the loaded tables.');
    assert.equal(await page.evaluate(() => window.__ipam.canUndo), false);
    assert.equal(await page.textContent('#data-summary'),
      'Showing the fresh collection “collection-after.json”: 4 failover relationships, 17 scopes (6 already in a relationship).');
    assert.deepEqual((await shownRelationships(page)).map((r) => [r[0], r[6]]), [
      ['hq-loadbalance', '3'], [HOSTILE_REL, '0'], ['malmö-lb', '1'], ['malmö-standby', '2'],
    ]);
    assert.equal(await page.isVisible('#reconcile-result'), false);
    assertNoProblems(session.problems);
  });

  test('files dropped on the import zone are imported there, not loaded as tables', async () => {
    const { page } = session;
    const summary = await page.textContent('#data-summary');
    const texts = await Promise.all(['ps7-failover-hq-02.json', 'ps7-scopes-hq-02.json'].map((n) => readFile(fixture(n), 'utf8')));
    await page.evaluate(([a, b]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([a], 'ps7-failover-hq-02.json', { type: 'application/json' }));
      transfer.items.add(new File([b], 'ps7-scopes-hq-02.json', { type: 'application/json' }));
      const zone = document.querySelector('#import-drop');
      for (const type of ['dragenter', 'dragover', 'drop']) {
        zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
      }
    }, texts);
    assert.equal(await settled(page, 'import'), 'done');
    assert.deepEqual((await fileList(page)).map((f) => f.state), ['recognised', 'recognised']);
    assert.match(await page.textContent('#import-findings-summary'), /partner-not-collected|findings? \(/);
    assert.equal(await page.textContent('#data-summary'), summary, 'the data panel did not load the dropped file');
    assert.equal(await page.getAttribute('#drop-zone', 'class'), 'drop-zone');
    assertNoProblems(session.problems);
  });

  test('"Use these tables" over pending changes asks first; "Keep my changes" keeps them', async () => {
    const { page } = session;
    const tables = await readTables(page);
    const hq1 = tables.ADM_DhcpFailoverTable.find((r) => r.RelationshipName === 'hq-loadbalance');
    const scope = tables.ADM_DHCPScopesTable.find((s) => s.ScopeId === '10.1.4.0' && s.DHCPServerRecordId === hq1.Server1RecordId);
    await stage(page, 'add', hq1.RecordId, [scope.RecordId], 'hq-loadbalance');
    const staged = await readTables(page);
    assert.equal(await page.isDisabled('#import-use'), false, 'the dropped files\' tables are ready');
    await page.click('#import-use');
    await page.waitForSelector('#confirm-dialog[open]');
    assert.equal(await page.textContent('#confirm-title'), 'Replace the working copy?');
    assert.match(await page.textContent('#confirm-text'), /^Your working copy has pending changes \(1 addition and 0 removals\)\. Using an import of 2 files replaces it/);
    await page.click('#confirm-cancel');
    await reached(page, 'import', 'done');
    assert.equal(await page.textContent('#import-status'), 'Not used: your working copy is unchanged.');
    assert.deepEqual(await readTables(page), staged);
    await page.click('#import-use');
    await page.waitForSelector('#confirm-dialog[open]');
    await page.click('#confirm-ok');
    await reached(page, 'import', 'used');
    assert.match(await page.textContent('#data-summary'), /^Showing an import of 2 files: 2 failover relationships, 5 scopes/);
    assert.equal(await page.textContent('#pending-summary'), 'No pending changes: the working copy matches the loaded tables.');
    // The check's baseline (made in an earlier test) is no longer the working copy.
    assert.equal(await page.textContent('#reconcile-status'),
      'Since replaced: the working copy is no longer the fresh collection “collection-after.json”.');
    assertNoProblems(session.problems);
  });

  test('once another copy replaces the one an import made, the import panel no longer says it is the working copy', async () => {
    const { page } = session;
    assert.equal(await page.textContent('#import-status'), 'The working copy is now an import of 2 files.');
    const revision = Number(await page.getAttribute('body', 'data-revision'));
    await page.click('#sample-button'); // no pending changes: no question
    await page.waitForFunction((r) => Number(document.body.dataset.revision) > r, revision);
    await page.waitForSelector('body[data-state="idle"]');
    assert.match(await page.textContent('#data-summary'), /^Showing the built-in sample/);
    assert.equal(await page.textContent('#import-status'), 'Since replaced: the working copy is no longer an import of 2 files.');
    assertNoProblems(session.problems);
  });
});
