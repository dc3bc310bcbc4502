// Flow: before an add the page asks the working copy what the DHCP servers would say
// (ws.preflight) and shows the findings per scope. Errors (a scope already in another
// relationship, 20113; a relationship not in Normal state, 20120) need an explicit "I
// understand…" before "Stage anyway" does anything; Escape or Cancel stage nothing.
// A warning alone (more than 400 scopes in one call) takes one click; information alone
// ("already in this relationship") stages directly.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  openAdminPage, assertNoProblems, screenshot, readTables, selectByFilter, preflightFindings, pendingCounts, BROWSERS,
  chooseRelationship, targetRelationship,
} from './helpers.mjs';

for (const browser of BROWSERS) describe(browser, () => {
  let session;
  before(async () => { session = await openAdminPage(browser); });
  after(async () => { await session?.close(); });

  const revision = (page) => page.evaluate(() => window.__ipam.revision);
  const diff = (page) => page.evaluate(() => (async () => JSON.parse(JSON.stringify(await window.__ipam.diff())))());
  const dialogOpen = (page) => page.$eval('#preflight-dialog', (d) => d.open);

  async function openPreflight(page) {
    await page.click('#add-button');
    await page.waitForSelector('#preflight-dialog[open]');
  }

  // HQ Floor 2: Wired (1005) and Wi-Fi (1006) are in hq-loadbalance, Voice (1007) in
  // hq-hotstandby, Printers (1008) in none. Adding them to hq-hotstandby:
  const FLOOR_2_FINDINGS = [
    {
      scope: 'HQ Floor 2 Wired 10.20.4.0/24',
      findings: ['error scope-in-other-relationship DHCP error 20113: scope 1005 is already in hq-loadbalance (RecordId 1); '
        + 'a scope can be in only one relationship: remove it there first'],
    },
    {
      scope: 'HQ Floor 2 Wi-Fi 10.20.5.0/24',
      findings: ['error scope-in-other-relationship DHCP error 20113: scope 1006 is already in hq-loadbalance (RecordId 1); '
        + 'a scope can be in only one relationship: remove it there first'],
    },
    {
      scope: 'HQ Floor 2 Voice 10.20.6.0/24',
      findings: ['info already-present: scope 1007 is already in hq-hotstandby (RecordId 2); nothing to do'],
    },
  ];

  test('a scope already in another relationship is shown with 20113; without confirming nothing is staged', async () => {
    const { page } = session;
    const before = await readTables(page);
    const saved = await revision(page);
    await selectByFilter(page, 'HQ Floor 2');
    await chooseRelationship(page, 'hq-hotstandby');
    assert.equal(await targetRelationship(page), 'hq-hotstandby (HotStandby)');
    await openPreflight(page);

    assert.equal(await page.textContent('#preflight-title'), 'Before adding 4 scopes to hq-hotstandby');
    assert.equal(await page.textContent('#preflight-summary'),
      'Of 4 selected scopes: 2 scopes would be refused by the DHCP server; 1 already in this relationship (nothing to do).');
    assert.deepEqual(await preflightFindings(page), FLOOR_2_FINDINGS);
    assert.equal(await page.textContent('#preflight-ack-text'), 'I understand 2 scopes would be refused by the DHCP server');
    assert.equal(await page.textContent('#preflight-stage'), 'Stage anyway');
    assert.equal(await page.isChecked('#preflight-ack'), false);
    assert.equal(await page.isDisabled('#preflight-stage'), true, '"Stage anyway" does nothing before the acknowledgement');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'preflight-ack');
    await screenshot(page, 'preflight', { fullPage: false });

    // Escape closes it: nothing staged, nothing saved.
    await page.keyboard.press('Escape');
    await page.waitForSelector('body[data-state="not-staged"]');
    assert.equal(await dialogOpen(page), false);
    assert.equal(await page.textContent('#outcome'), 'Not staged: nothing was added to hq-hotstandby.');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'add-button', 'focus returns to Add');
    assert.deepEqual(await readTables(page), before);
    assert.equal(await revision(page), saved);
    assert.deepEqual(await diff(page), { added: [], removed: [], relationships: [] });

    // Ticking and unticking, then Cancel: still nothing.
    await openPreflight(page);
    assert.equal(await page.isChecked('#preflight-ack'), false, 'the acknowledgement starts unticked every time');
    await page.check('#preflight-ack');
    assert.equal(await page.isDisabled('#preflight-stage'), false);
    await page.uncheck('#preflight-ack');
    assert.equal(await page.isDisabled('#preflight-stage'), true);
    await page.click('#preflight-cancel');
    await page.waitForSelector('body[data-state="not-staged"]');
    assert.deepEqual(await readTables(page), before);
    assert.equal(await revision(page), saved);
    assertNoProblems(session.problems);
  });

  test('confirming the findings stages the add, refused scopes included', async () => {
    const { page } = session;
    const before = await readTables(page);
    await openPreflight(page);
    await page.check('#preflight-ack');
    await page.click('#preflight-stage');
    await page.waitForSelector('body[data-state="done"]');
    assert.equal(await dialogOpen(page), false);
    assert.equal(await page.textContent('#outcome'), 'Added 3 scopes to hq-hotstandby in the working copy; 1 was already in this relationship.');
    const after = await readTables(page);
    assert.deepEqual(after.ADM_DhcpScopeFailoverTable, [
      ...before.ADM_DhcpScopeFailoverTable,
      { ScopeId: 1005, FailoverRelationId: 2 }, { ScopeId: 1006, FailoverRelationId: 2 }, { ScopeId: 1008, FailoverRelationId: 2 },
    ]);
    assert.deepEqual(await pendingCounts(page), [['hq-hotstandby', '+3 / −0']]);
    assertNoProblems(session.problems);
  });

  test('a relationship that is not Normal is a relationship-level error (20120)', async () => {
    const { page } = session;
    const saved = await revision(page);
    // Lyon Lab is on dhcp-br-01 and in no relationship; branch-hotstandby's server 2 is
    // CommunicationInterrupted.
    await selectByFilter(page, 'Lyon Lab');
    await chooseRelationship(page, 'branch-hotstandby');
    assert.equal(await targetRelationship(page), 'branch-hotstandby (HotStandby)');
    await openPreflight(page);
    assert.equal(await page.textContent('#preflight-summary'),
      'Of 1 selected scope: the relationship is not ready: the DHCP servers would refuse the whole add.');
    assert.deepEqual(await page.$$eval('#preflight-findings > ul.findings-list .finding', (f) => f.map((x) => x.textContent)), [
      'error relationship-state DHCP error 20120: branch-hotstandby (RecordId 4): server 2 is in state CommunicationInterrupted; '
      + 'scopes can only be added while both servers are Normal',
    ]);
    assert.deepEqual(await preflightFindings(page), []);
    assert.equal(await page.textContent('#preflight-ack-text'), 'I understand the DHCP servers would refuse this add');
    await page.click('#preflight-cancel');
    await page.waitForSelector('body[data-state="not-staged"]');
    assert.equal(await revision(page), saved);
    assertNoProblems(session.problems);
  });

  test('information alone stages directly; a warning alone takes one click', async () => {
    const { page } = session;
    // HQ Floor 3 Wired is already in hq-loadbalance: only "already-present", no dialog.
    await selectByFilter(page, 'HQ Floor 3 Wired');
    await chooseRelationship(page, 'hq-loadbalance');
    assert.equal(await targetRelationship(page), 'hq-loadbalance (LoadBalance)');
    await page.click('#add-button');
    await page.waitForSelector('body[data-state="done"]');
    assert.equal(await dialogOpen(page), false);
    assert.equal(await page.textContent('#outcome'), 'Added 0 scopes to hq-loadbalance in the working copy; 1 was already in this relationship.');

    // 401 fresh scopes on the relationship's server: more than a server takes in one call.
    const tables = {
      ADM_DhcpFailoverTable: [{
        RecordId: 1, RelationshipName: 'lab', Mode: 'LoadBalance', Server1RecordId: 5, Server2RecordId: 6,
        Server1Name: 'dhcp-lab-01', Server2Name: 'dhcp-lab-02', Server1Percentage: 50, Server1State: 'Normal', Server2State: 'Normal',
      }],
      ADM_DhcpScopeFailoverTable: [],
      ADM_DHCPScopesTable: Array.from({ length: 401 }, (_, i) => ({
        RecordId: 100 + i, ScopeId: `10.99.${i >> 4}.${(i & 15) * 16}`, ScopeName: `Lab ${i}`, SubnetMask: '255.255.255.240', DHCPServerRecordId: 5,
      })),
    };
    // Pending changes exist: loading asks first.
    const loading = page.evaluate((t) => window.__ipam.loadTables(t, 'lab.json'), tables);
    await page.waitForSelector('#confirm-dialog[open]');
    assert.equal(await page.textContent('#confirm-title'), 'Replace the working copy?');
    assert.match(await page.textContent('#confirm-text'), /^Your working copy has pending changes \(3 additions and 0 removals\)\. Loading “lab\.json” replaces it/);
    await page.click('#confirm-ok');
    assert.equal(await loading, true);
    assert.deepEqual(await pendingCounts(page), []);

    await selectByFilter(page, '');
    await openPreflight(page);
    assert.equal(await page.textContent('#preflight-summary'), 'Of 401 selected scopes: 1 warning.');
    assert.deepEqual(await page.$$eval('#preflight-findings .finding', (f) => f.map((x) => x.textContent)), [
      'warning too-many-scopes DHCP error 20130: 401 scopes: a DHCP server takes at most 400 per call; the exported script splits them into 2 calls',
    ]);
    assert.equal(await page.isVisible('#preflight-ack'), false, 'no acknowledgement for a warning');
    assert.equal(await page.textContent('#preflight-stage'), 'Stage');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'preflight-stage');
    await page.click('#preflight-stage');
    await page.waitForSelector('body[data-state="done"]');
    assert.equal(await page.textContent('#outcome'), 'Added 401 scopes to lab in the working copy; 0 were already in this relationship.');
    assert.deepEqual(await pendingCounts(page), [['lab', '+401 / −0']]);
    assert.equal(await page.textContent('#pending-added-note'), 'Showing the first 200 of 401.');
    assertNoProblems(session.problems);
  });
});
