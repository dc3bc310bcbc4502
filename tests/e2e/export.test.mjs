// Flow: the admin exports. Each of the four buttons downloads a file (Blob + <a download>),
// read back here from disk: the working tables as JSON (reflecting the staged changes,
// ids beyond 2^53 written digit for digit), the change set as JSON and as CSV, and a
// PowerShell script with Remove- then Add-DhcpServerv4FailoverScope commands, -ComputerName,
// -Name and -ScopeId with IPv4 addresses, names quoted, at most 400 scope ids a command,
// and a flagged comment for a scope whose address is unknown.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  openAdminPage, assertNoProblems, screenshot, readTables, selectByFilter, downloadFrom, confirmPreflight, waitUntil, BROWSERS,
} from './helpers.mjs';
import { IDLE_MS } from '../../www/idle-worker.js';
import { makeSample } from '../../www/sample.js';

for (const browser of BROWSERS) describe(browser, () => {
  let session;
  before(async () => { session = await openAdminPage(browser); });
  after(async () => { await session?.close(); });

  const BOM = '\uFEFF';

  test('staged changes: each export downloads a file with exactly the expected content', async () => {
    const { page } = session;
    // Add HQ Floor 7 Wired and Wi-Fi (1025, 1026) to hq-loadbalance; remove HQ Floor 1
    // Wired (1001) from any relationship (it is in hq-loadbalance).
    await selectByFilter(page, 'HQ Floor 7 W');
    await page.click('#add-button');
    await page.waitForSelector('body[data-state="done"]');
    await selectByFilter(page, 'HQ Floor 1 Wired');
    await page.check('#remove-from-any');
    await page.click('#remove-button');
    await page.waitForSelector('body[data-state="done"]');

    // The working tables.
    const tables = await downloadFrom(page, '#export-tables');
    assert.equal(tables.name, 'ipam-failover-tables.json');
    assert.notEqual(tables.text[0], BOM);
    const parsed = JSON.parse(tables.text);
    const sample = makeSample();
    assert.deepEqual(parsed, {
      ADM_DhcpFailoverTable: sample.ADM_DhcpFailoverTable,
      ADM_DHCPScopesTable: sample.ADM_DHCPScopesTable,
      ADM_DhcpScopeFailoverTable: [
        ...sample.ADM_DhcpScopeFailoverTable.filter((p) => !(p.ScopeId === 1001 && p.FailoverRelationId === 1)),
        { ScopeId: 1025, FailoverRelationId: 1 }, { ScopeId: 1026, FailoverRelationId: 1 },
      ],
    });
    assert.deepEqual(parsed, await readTables(page), 'the file holds what the page shows');

    // The change set as JSON.
    const json = await downloadFrom(page, '#export-json');
    assert.equal(json.name, 'ipam-failover-changes.json');
    const pair = (ScopeId, ScopeAddress, ScopeName) => ({ ScopeId, ScopeAddress, ScopeName, FailoverRelationId: 1, RelationshipName: 'hq-loadbalance' });
    assert.deepEqual(JSON.parse(json.text), {
      format: 'ipam-failover-change-set',
      version: 1,
      removed: [pair(1001, '10.20.0.0', 'HQ Floor 1 Wired')],
      added: [pair(1025, '10.20.24.0', 'HQ Floor 7 Wired'), pair(1026, '10.20.25.0', 'HQ Floor 7 Wi-Fi')],
      relationships: [{ FailoverRelationId: 1, RelationshipName: 'hq-loadbalance', added: 2, removed: 1 }],
    });

    // The change set as CSV (RFC 4180, CRLF), with a byte order mark for Excel.
    const csv = await downloadFrom(page, '#export-csv');
    assert.equal(csv.name, 'ipam-failover-changes.csv');
    assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(csv.text, `${BOM}${[
      'Change,ScopeId,ScopeAddress,ScopeName,FailoverRelationId,RelationshipName',
      'remove,1001,10.20.0.0,HQ Floor 1 Wired,1,hq-loadbalance',
      'add,1025,10.20.24.0,HQ Floor 7 Wired,1,hq-loadbalance',
      'add,1026,10.20.25.0,HQ Floor 7 Wi-Fi,1,hq-loadbalance',
    ].join('\r\n')}\r\n`);

    // The PowerShell script, with a byte order mark for Windows PowerShell 5.1.
    const ps1 = await downloadFrom(page, '#export-ps1');
    assert.equal(ps1.name, 'ipam-failover-changes.ps1');
    assert.deepEqual([...ps1.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const commands = ps1.text.split('\n').filter((line) => /^(Add|Remove)-/.test(line));
    assert.deepEqual(commands, [
      "Remove-DhcpServerv4FailoverScope -ComputerName 'dhcp-hq-01.corp.example' -Name 'hq-loadbalance' -ScopeId '10.20.0.0'",
      "Add-DhcpServerv4FailoverScope -ComputerName 'dhcp-hq-01.corp.example' -Name 'hq-loadbalance' -ScopeId '10.20.24.0', '10.20.25.0'",
    ]);
    assert.ok(ps1.text.startsWith(`${BOM}# ipam-failover change set: 1 scope(s) to remove from failover, 2 to add.\n`), ps1.text.slice(0, 120));
    assert.match(ps1.text, /^\$ErrorActionPreference = 'Stop'$/m);
    assert.doesNotMatch(ps1.text, /FLAGGED/);

    assert.equal(await page.textContent('#export-status'), 'Downloaded ipam-failover-changes.ps1.');
    await screenshot(page, 'export');
    assertNoProblems(session.problems);
  });

  test('quoted names, 64-bit ids, more than 400 scopes and a scope without an address', async () => {
    const { page } = session;
    // Through the test hook, which keeps BigInt ids (a JSON file could not carry them
    // exactly into the page).
    await page.evaluate(() => {
      const scopes = Array.from({ length: 401 }, (_, i) => ({
        RecordId: 100 + i, ScopeId: `10.99.${i >> 4}.${(i & 15) * 16}`, ScopeName: `Lab ${i}`, SubnetMask: '255.255.255.240', DHCPServerRecordId: 5,
      }));
      scopes.push({ RecordId: 2n ** 61n, ScopeName: 'Lab without an address', DHCPServerRecordId: 5 });
      window.__lab = {
        ADM_DhcpFailoverTable: [{
          RecordId: 2n ** 60n, RelationshipName: 'O’Brien\'s “main” pair', Mode: 'LoadBalance', Server1RecordId: 5, Server2RecordId: 6,
          Server1Name: 'dhcp-lab-01.corp.example', Server2Name: 'dhcp-lab-02.corp.example', Server1Percentage: 50,
        }],
        ADM_DhcpScopeFailoverTable: [],
        ADM_DHCPScopesTable: scopes,
      };
    });
    const loading = page.evaluate(() => window.__ipam.loadTables(window.__lab, 'lab.json'));
    await page.click('#confirm-ok'); // there are pending changes: replace them
    assert.equal(await loading, true);
    await page.evaluate(() => { window.__ipam.add(2n ** 60n, window.__lab.ADM_DHCPScopesTable.map((r) => r.RecordId), 'lab'); });
    // Over 400 scopes (20130), and the scope without an address (address-unknown).
    assert.equal(await confirmPreflight(page), 'Of 402 selected scopes: 2 warnings.');
    await page.waitForSelector('body[data-state="done"]');

    // Ids beyond 2^53 are written as numbers, digit for digit.
    const tables = await downloadFrom(page, '#export-tables');
    assert.match(tables.text, /"RecordId": 1152921504606846976,\n/);
    assert.match(tables.text, /"RecordId": 2305843009213693952,\n/);
    assert.match(tables.text, /\{\n\s+"ScopeId": 2305843009213693952,\n\s+"FailoverRelationId": 1152921504606846976\n\s+\}/);
    assert.equal((tables.text.match(/"FailoverRelationId": 1152921504606846976\n/g) ?? []).length, 402);
    assert.doesNotMatch(tables.text, /"\d{16,}"/, 'no id turned into a string');
    assert.equal(JSON.parse(tables.text).ADM_DhcpScopeFailoverTable.length, 402);

    const ps1 = await downloadFrom(page, '#export-ps1');
    const commands = ps1.text.split('\n').filter((line) => /^(Add|Remove)-/.test(line));
    const prefix = "Add-DhcpServerv4FailoverScope -ComputerName 'dhcp-lab-01.corp.example' -Name 'O’’Brien''s “main” pair' -ScopeId ";
    const address = (i) => `'10.99.${i >> 4}.${(i & 15) * 16}'`;
    assert.deepEqual(commands, [
      prefix + Array.from({ length: 400 }, (_, i) => address(i)).join(', '),
      prefix + address(400),
    ]);
    assert.match(ps1.text, /^# FLAGGED: scope RecordId 2305843009213693952 \(add to relationship 1152921504606846976\): no IPv4 address in ADM_DHCPScopesTable; not included above\.$/m);

    const csv = await downloadFrom(page, '#export-csv');
    const lines = csv.text.split('\r\n');
    assert.equal(lines.length, 1 + 402 + 1);
    assert.equal(lines[1], 'add,100,10.99.0.0,Lab 0,1152921504606846976,O’Brien\'s “main” pair');
    assert.equal(lines[402], 'add,2305843009213693952,,Lab without an address,1152921504606846976,O’Brien\'s “main” pair');
    assertNoProblems(session.problems);
  });

  test('exports are written in an output worker, which ends when idle; the working copy stays in its worker', async () => {
    const { page, workers } = session;
    const path = (w) => new URL(w.url).pathname;
    const outputs = () => workers.filter((w) => path(w).endsWith('/output-worker.js'));
    const engines = () => workers.filter((w) => path(w).endsWith('/worker.js'));
    await waitUntil(() => outputs().every((w) => w.closed), 'earlier output workers are ended', IDLE_MS + 10000);
    const started = outputs().length;
    const liveEngines = engines().filter((w) => !w.closed);
    assert.equal(liveEngines.length, 1);

    const first = await downloadFrom(page, '#export-ps1');
    assert.equal(outputs().length, started + 1, 'the export started an output worker');
    assert.equal(outputs().filter((w) => !w.closed).length, 1);
    // The on-demand module's memory goes back only when that worker ends.
    await waitUntil(() => outputs().every((w) => w.closed), 'the idle output worker is ended', IDLE_MS + 10000);
    assert.deepEqual(engines().filter((w) => !w.closed), liveEngines, 'the working copy\'s worker goes on');

    const again = await downloadFrom(page, '#export-ps1');
    assert.equal(outputs().length, started + 2, 'the next export starts a fresh one');
    assert.equal(again.text, first.text);
    assertNoProblems(session.problems);
  });
});
