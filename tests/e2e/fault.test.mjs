// Flow: something goes wrong and the admin sees why. A malformed file is refused with
// its fault (code, spec step, message, SOAP XML) and the current data stays; a file that
// is not JSON is refused too; a run against a relationship that does not exist shows
// FAILOVER_NOT_FOUND from step 3 and changes nothing.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  openAdminPage, assertNoProblems, screenshot, readTables, writeJsonFile, BROWSERS,
} from './helpers.mjs';

for (const browser of BROWSERS) describe(browser, () => {
  let session;
  before(async () => { session = await openAdminPage(browser); });
  after(async () => { await session?.close(); });

  /** The fault panel's facts as { Code: ..., 'Spec step': ..., Message: ... }. */
  function faultFacts(page) {
    return page.$$eval('#fault-panel dt', (terms) => Object.fromEntries(terms.map((dt) => [dt.textContent, dt.nextElementSibling.textContent])));
  }

  test('a malformed file is refused with INVALID_TABLE and the current data stays', async () => {
    const { page } = session;
    const before = await readTables(page);
    // The shape is right (both arrays are there), but RecordId, the primary key, repeats:
    // only the wasm core's dry check can tell.
    const file = await writeJsonFile('duplicate-ids.json', {
      ADM_DhcpFailoverTable: [{ RecordId: 7, RelationshipName: 'a' }, { RecordId: 7, RelationshipName: 'b' }],
      ADM_DhcpScopeFailoverTable: [],
    });
    await page.setInputFiles('#file-input', file);
    await page.waitForSelector('body[data-state="refused"]');

    assert.equal(await page.getAttribute('#fault-panel', 'role'), 'alert');
    assert.equal(await page.isVisible('#fault-panel'), true);
    assert.equal(await page.textContent('#fault-title'), 'The file “duplicate-ids.json” was refused; the current data is unchanged');
    const facts = await faultFacts(page);
    assert.equal(facts.Code, 'INVALID_TABLE');
    assert.equal(facts['Spec step'], 'No step: the tables are malformed (checked before the steps run)');
    assert.match(facts.Message, /ADM_DhcpFailoverTable: RecordId 7 appears in rows 0 and 1/);
    assert.equal(facts.Exception, 'IpamApiGenericErrorOccurred');

    // The SOAP fault XML is behind a toggle.
    assert.equal(await page.isVisible('#soap-xml'), false);
    await page.click('text=Show SOAP fault XML');
    assert.equal(await page.isVisible('#soap-xml'), true);
    assert.equal(await page.getAttribute('#fault-panel button[aria-controls="soap-xml"]', 'aria-expanded'), 'true');
    const xml = await page.textContent('#soap-xml');
    assert.match(xml, /<s:Envelope xmlns:s="http:\/\/www.w3.org\/2003\/05\/soap-envelope">/);
    assert.match(xml, /<ExceptionId>IpamApiGenericErrorOccurred<\/ExceptionId>/);

    // Nothing changed: same tables, same relationships listed.
    assert.deepEqual(await readTables(page), before);
    assert.equal(await page.$$eval('#relationships-body tr', (rows) => rows.length), 4);
    assert.match(await page.textContent('#load-status'), /Refused “duplicate-ids.json”; still showing the built-in sample/);
    await screenshot(page, 'fault');
    assertNoProblems(session.problems);
  });

  test('a file that is not JSON, or lacks a table, is refused with a clear message', async () => {
    const { page } = session;
    const before = await readTables(page);

    await page.setInputFiles('#file-input', await writeJsonFile('notes.json', 'scope list: 10.0.0.0/24'));
    await page.waitForFunction(() => document.querySelector('#fault-title')?.textContent.includes('notes.json'));
    // The worker hands the text to the core (Workspace.fromText): its fault says where.
    let facts = await faultFacts(page);
    assert.equal(facts.Code, 'INVALID_TABLE');
    assert.equal(facts.Message, 'the tables are not valid JSON: expected value at line 1 column 1');

    await page.setInputFiles('#file-input', await writeJsonFile('half.json', { ADM_DhcpFailoverTable: [] }));
    await page.waitForFunction(() => document.querySelector('#fault-title')?.textContent.includes('half.json'));
    facts = await faultFacts(page);
    assert.equal(facts.Code, 'INVALID_TABLE');
    assert.equal(facts.Message, 'the tables have no ADM_DhcpScopeFailoverTable array');

    assert.deepEqual(await readTables(page), before);
    await page.click('#fault-panel .dismiss');
    assert.equal(await page.isVisible('#fault-panel'), false);
    assertNoProblems(session.problems);
  });

  test('a relationship that does not exist faults at step 3 and changes nothing', async () => {
    const { page } = session;
    // A file whose pair table still names relationship 77, which is not in
    // ADM_DhcpFailoverTable (it was deleted): the page shows it as missing.
    const file = await writeJsonFile('stale.json', {
      ADM_DhcpFailoverTable: [{ RecordId: 1, RelationshipName: 'lab-pair', Mode: 'LoadBalance', Server1Percentage: 50 }],
      ADM_DhcpScopeFailoverTable: [{ ScopeId: 9001, FailoverRelationId: 77 }],
      ADM_DHCPScopesTable: [{ RecordId: 9001, ScopeId: '192.168.10.0', ScopeName: 'Lab A', SubnetMask: '255.255.255.0' }],
    });
    await page.setInputFiles('#file-input', file);
    await page.waitForFunction(() => document.querySelector('#load-status').textContent === 'Loaded “stale.json”.');
    assert.equal(await page.textContent('#scopes-body .tag.missing'), 'missing relationship 77');
    const before = await readTables(page);

    // The picker only offers relationships that exist, so the run for relationship 77 goes
    // through the page's test hook: the same code path as the Add button.
    await page.evaluate(() => window.__ipam.add(77, [9001], 'relationship 77'));
    await page.waitForSelector('body[data-state="fault"]');
    const facts = await faultFacts(page);
    assert.equal(facts.Code, 'FAILOVER_NOT_FOUND');
    assert.equal(facts['Spec step'], 'Step 3: the relationship exists in ADM_DhcpFailoverTable');
    assert.equal(facts.Message, 'no failover relationship has RecordId 77');
    assert.equal(await page.textContent('#fault-title'), 'Adding scopes to relationship 77 failed; no changes were made');
    assert.equal(await page.textContent('#outcome'), 'Failed with FAILOVER_NOT_FOUND; no changes were made.');
    assert.deepEqual(await readTables(page), before);

    // The hook also reaches step 2: an empty ScopeIds.
    await page.evaluate(() => window.__ipam.add(1, [], 'lab-pair'));
    await page.waitForFunction(() => document.querySelector('#fault-panel dd.code')?.textContent === 'EMPTY_SCOPE_IDS');
    assert.match((await faultFacts(page))['Spec step'], /^Step 2: Failover and ScopeIds are given/);
    assert.deepEqual(await readTables(page), before);
    await screenshot(page, 'fault-step3');
    assertNoProblems(session.problems);
  });
});
