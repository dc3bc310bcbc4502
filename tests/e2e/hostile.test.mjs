// Flow: the admin loads tables whose names are hostile HTML. Every string from data must
// render as text: no element is created from it, no handler runs, no request is made
// (img src=x would fetch /x, which the helpers report as an HTTP 404).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  openAdminPage, assertNoProblems, screenshot, readTables, scopeRows, writeJsonFile, confirmPreflight,
  preflightFindings, BROWSERS,
} from './helpers.mjs';

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=2</script>';
const SVG = '"><svg onload=window.__pwned=3>';
const BOLD = '<b>LoadBalance</b>';

function hostileTables() {
  return {
    ADM_DhcpFailoverTable: [{
      RecordId: 66, RelationshipName: IMG, Mode: BOLD, Server1RecordId: 1, Server2RecordId: 2,
      Server1Name: SCRIPT, Server2Name: SVG, Server1IP: IMG, Server2IP: '10.0.0.2', Server1Percentage: 50,
      Server1State: IMG, Server2State: 'Normal',
    }],
    ADM_DhcpScopeFailoverTable: [{ ScopeId: 7001, FailoverRelationId: 66 }],
    ADM_DHCPScopesTable: [
      { RecordId: 7001, ScopeId: SVG, ScopeName: IMG, SubnetMask: '255.255.255.0', DHCPServerRecordId: 1 },
      { RecordId: 7002, ScopeId: '10.9.9.0', ScopeName: SCRIPT, SubnetMask: IMG, DHCPServerRecordId: 2 },
    ],
  };
}

/** Elements that hostile data could have created anywhere in the page body. */
function injected(page) {
  return page.evaluate(() => document.body.querySelectorAll('img, script, svg, b, iframe, object, embed').length);
}

for (const browser of BROWSERS) describe(browser, () => {
  let session;
  before(async () => { session = await openAdminPage(browser); });
  after(async () => { await session?.close(); });

  test('hostile names in a loaded file render as text and execute nothing', async () => {
    const { page } = session;
    await page.setInputFiles('#file-input', await writeJsonFile('hostile.json', hostileTables()));
    await page.waitForFunction(() => document.querySelector('#load-status').textContent === 'Loaded “hostile.json”.');

    const relRow = await page.$eval('#relationships-body tr', (tr) => [...tr.children].map((c) => c.textContent));
    assert.equal(relRow[0], IMG);
    assert.equal(relRow[1], BOLD);
    assert.ok(relRow[2].startsWith(`${SCRIPT} ↔ ${SVG}`), relRow[2]);
    assert.equal(await page.textContent('#relationship-target'), `${IMG} (${BOLD})`);
    assert.equal(await page.$eval('#relationship-input', (e) => e.value), IMG);

    const rows = await scopeRows(page);
    assert.deepEqual(rows.map((r) => [r.name, r.relationships]), [[IMG, [IMG]], [SCRIPT, []]]);
    assert.equal(rows[0].address, `${SVG}/24`);
    assert.equal(rows[1].address, '10.9.9.0', 'a mask that is not a mask gives no prefix');
    assert.equal(await page.getAttribute('#scopes-body tr input', 'aria-label'), `Select scope ${IMG} (${SVG}/24)`);

    // Filtering on hostile text works as plain text too.
    await page.fill('#filter-input', '<script>');
    await page.waitForFunction(() => document.querySelector('#scopes-body').dataset.filter === '<script>');
    assert.deepEqual((await scopeRows(page)).map((r) => r.name), [SCRIPT]);

    // Add both: the outcome and the result list name them as text.
    await page.fill('#filter-input', '');
    await page.waitForFunction(() => document.querySelector('#scopes-body').dataset.filter === '');
    await page.click('#select-shown-button');
    await page.click('#add-button');
    // The preflight findings quote the hostile names and states: as text too.
    await page.waitForSelector('#preflight-dialog[open]');
    assert.equal(await page.textContent('#preflight-title'), `Before adding 2 scopes to ${IMG}`);
    assert.equal(await page.textContent('#preflight-findings ul.findings-list .finding'),
      `error relationship-state DHCP error 20120: ${IMG} (RecordId 66): server 1 is in state ${IMG}; `
      + 'scopes can only be added while both servers are Normal');
    assert.deepEqual(await preflightFindings(page), [{
      scope: `${IMG} ${SVG}/24`,
      // Already in the relationship: the add changes nothing for it, so no other rule applies.
      findings: [
        `info already-present: scope 7001 is already in ${IMG} (RecordId 66); nothing to do`,
      ],
    }]);
    assert.equal(await injected(page), 0);
    await screenshot(page, 'hostile-preflight', { fullPage: false });
    await confirmPreflight(page);
    await page.waitForSelector('body[data-state="done"]');
    assert.equal(await page.textContent('#outcome'), `Added 1 scope to ${IMG} in the working copy; 1 was already in this relationship.`);
    const results = await page.$$eval('#results-list li', (items) => items.map((li) => li.textContent));
    assert.deepEqual(results, [`already in this relationship ${IMG} ${SVG}/24`, `added ${SCRIPT} 10.9.9.0`]);
    assert.equal((await readTables(page)).ADM_DhcpScopeFailoverTable.length, 2);
    // The pending-changes panel names them as text.
    assert.deepEqual(await page.$$eval('#pending-body tr', (rows) => rows.map((r) => r.textContent)), [`${IMG}+1 / −0`]);
    assert.equal(await page.textContent('#pending-added-list li'), `${SCRIPT} 10.9.9.0 to ${IMG}`);

    assert.equal(await injected(page), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    await screenshot(page, 'hostile');
    assertNoProblems(session.problems);
  });

  test('hostile text in a fault message and a file name renders as text', async () => {
    const { page } = session;
    // The core quotes the bad value in its message, and the SOAP XML escapes it.
    const badId = '<img src=x onerror=window.__pwned=5>';
    const bad = { ...hostileTables(), ADM_DhcpScopeFailoverTable: [{ ScopeId: badId, FailoverRelationId: 66 }] };
    const name = `${'<img src=x onerror=window.__pwned=4>'}.json`;
    // The working copy has a pending change, but a file that is refused asks nothing first.
    await page.setInputFiles('#file-input', await writeJsonFile(name, bad));
    await page.waitForSelector('body[data-state="refused"]');

    assert.equal(await page.textContent('#fault-title'), `The file “${name}” was refused; the current data is unchanged`);
    const message = await page.$eval('#fault-panel dl', (dl) => dl.textContent);
    assert.ok(message.includes('INVALID_TABLE'), message);
    assert.ok(message.includes(`ADM_DhcpScopeFailoverTable[0].ScopeId: the string "${badId}"`), message);
    await page.click('text=Show SOAP fault XML');
    const xml = await page.textContent('#soap-xml');
    assert.ok(xml.includes('&lt;img src=x onerror='), xml);

    assert.equal(await injected(page), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    await screenshot(page, 'hostile-fault');
    assertNoProblems(session.problems);
  });
});
