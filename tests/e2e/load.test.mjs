// Flow: the admin opens the page and sees the built-in sample; they load their own
// tables from a file, by the file picker and by drag-and-drop.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  openAdminPage, assertNoProblems, screenshot, readTables, scopeRows, writeJsonFile, BROWSERS,
} from './helpers.mjs';

for (const browser of BROWSERS) describe(browser, () => {
  let session;
  before(async () => { session = await openAdminPage(browser); });
  after(async () => { await session?.close(); });

  test('the page opens with the sample and no page or console errors', async () => {
    const { page } = session;
    assert.equal(await page.title(), 'DHCP failover: add scopes');

    const relationships = await page.$$eval('#relationships-body tr', (rows) => rows.map((row) => [...row.children].map((c) => c.textContent)));
    assert.deepEqual(relationships.map((r) => r[0]), ['hq-loadbalance', 'hq-hotstandby', 'branch-loadbalance', 'branch-hotstandby']);
    assert.deepEqual(relationships.map((r) => r[1]), ['LoadBalance', 'HotStandby', 'LoadBalance', 'HotStandby']);
    assert.match(relationships[0][2], /dhcp-hq-01 ↔ dhcp-hq-02/);
    assert.match(relationships[2][2], /dhcp-br-01 ↔ dhcp-br-02/);
    assert.equal(relationships[0][3], '50 / 50');

    // The counts shown agree with the tables the page holds.
    const tables = await readTables(page);
    assert.equal(tables.ADM_DhcpFailoverTable.length, 4);
    assert.ok(tables.ADM_DHCPScopesTable.length >= 200, 'a few hundred scopes');
    const counts = relationships.map((r) => Number(r[6]));
    assert.deepEqual(relationships.map((r) => r[5]), ['', '', '', ''], 'no pending changes yet');
    const expected = tables.ADM_DhcpFailoverTable.map((rel) => tables.ADM_DhcpScopeFailoverTable.filter((p) => p.FailoverRelationId === rel.RecordId).length);
    assert.deepEqual(counts, expected);
    assert.ok(expected.every((n) => n > 0), 'every relationship already has scopes');

    const rows = await scopeRows(page);
    assert.equal(rows.length, 50, 'the first page of the scopes table');
    assert.deepEqual(rows[0], { address: '10.20.0.0/24', name: 'HQ Floor 1 Wired', relationships: ['hq-loadbalance'], checked: false });
    assert.ok(rows.some((r) => r.relationships.length === 0), 'some scopes are in no relationship');
    assert.match(await page.textContent('#data-summary'), /built-in sample: 4 failover relationships, \d+ scopes/);
    assert.equal(await page.textContent('#engine-status'), 'WebAssembly engine ready.');

    await screenshot(page, 'load');
    assertNoProblems(session.problems);
  });

  function smallTables() {
    return {
      ADM_DhcpFailoverTable: [{
        RecordId: 500, RelationshipName: 'lab-pair', Mode: 'LoadBalance', Server1RecordId: 1, Server2RecordId: 2,
        Server1Name: 'dhcp-lab-01.corp.example', Server2Name: 'dhcp-lab-02.corp.example', Server1Percentage: 50,
      }],
      ADM_DhcpScopeFailoverTable: [{ ScopeId: 9001, FailoverRelationId: 500 }],
      ADM_DHCPScopesTable: [
        { RecordId: 9001, ScopeId: '192.168.10.0', ScopeName: 'Lab A', SubnetMask: '255.255.255.0', DHCPServerRecordId: 1 },
        { RecordId: 9002, ScopeId: '192.168.11.0', ScopeName: 'Lab B', SubnetMask: '255.255.255.0', DHCPServerRecordId: 1 },
      ],
    };
  }

  test('a JSON file from the picker replaces the sample', async () => {
    const { page } = session;
    const file = await writeJsonFile('lab.json', smallTables());
    await page.setInputFiles('#file-input', file);
    await page.waitForFunction(() => document.querySelector('#load-status').textContent === 'Loaded “lab.json”.');
    assert.deepEqual(await readTables(page), smallTables());
    assert.deepEqual(await page.$$eval('#relationships-body th', (c) => c.map((x) => x.textContent)), ['lab-pair']);
    const rows = await scopeRows(page);
    assert.deepEqual(rows.map((r) => [r.name, r.relationships]), [['Lab A', ['lab-pair']], ['Lab B', []]]);
    assertNoProblems(session.problems);
  });

  test('a file saved by Windows PowerShell 5.1 (UTF-16LE) loads; a Latin-1 one is refused at its byte', async () => {
    const { page } = session;
    // Out-File's default: UTF-16LE with a byte order mark, and a name that is not ASCII.
    const tables = smallTables();
    tables.ADM_DHCPScopesTable[1].ScopeName = 'Malmö Lab B';
    const utf16 = Buffer.concat([Buffer.from([0xFF, 0xFE]), Buffer.from(JSON.stringify(tables, null, 2), 'utf16le')]);
    await page.setInputFiles('#file-input', await writeJsonFile('utf16.json', utf16));
    await page.waitForFunction(() => document.querySelector('#load-status').textContent === 'Loaded “utf16.json”.');
    assert.deepEqual(await readTables(page), tables);
    assert.deepEqual((await scopeRows(page)).map((r) => r.name), ['Lab A', 'Malmö Lab B']);

    const text = JSON.stringify(smallTables());
    const at = text.indexOf('Lab B');
    const latin1 = Buffer.from(`${text.slice(0, at)}Malmö ${text.slice(at)}`, 'latin1');
    await page.setInputFiles('#file-input', await writeJsonFile('latin1.json', latin1));
    await page.waitForFunction(() => document.querySelector('#fault-title')?.textContent.includes('latin1.json'));
    const message = await page.$$eval('#fault-panel dt', (terms) => terms.find((dt) => dt.textContent === 'Message')?.nextElementSibling.textContent);
    assert.equal(message, `the tables file is not text: byte 0xF6 is not UTF-8; save the file as UTF-8 (Windows PowerShell 5.1: use Out-File -Encoding utf8, or the collector script) (at byte ${at + 4})`);
    assert.deepEqual(await readTables(page), tables, 'the refused file changed nothing');
    await page.click('#fault-panel .dismiss');
    assertNoProblems(session.problems);
  });

  test('a JSON file dropped on the page is loaded too', async () => {
    const { page } = session;
    await page.click('#sample-button');
    await page.waitForFunction(() => document.querySelector('#load-status').textContent === 'Restored the built-in sample.');
    const json = JSON.stringify({ ...smallTables(), ADM_DhcpScopeFailoverTable: [] });
    // A real drop: a DataTransfer holding a File, dispatched as dragenter, dragover, drop.
    await page.evaluate((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
      const zone = document.querySelector('#drop-zone');
      for (const type of ['dragenter', 'dragover', 'drop']) {
        zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
      }
    }, json);
    await page.waitForFunction(() => document.querySelector('#load-status').textContent === 'Loaded “dropped.json”.');
    const tables = await readTables(page);
    assert.equal(tables.ADM_DhcpScopeFailoverTable.length, 0);
    assert.equal(tables.ADM_DHCPScopesTable.length, 2);
    assert.equal(await page.getAttribute('#drop-zone', 'class'), 'drop-zone');
    assertNoProblems(session.problems);
  });
});
