// Flow: a real network on one screen (issue 10). A generated network of 420 relationships
// and 21,000 scopes on 14 server pairs is loaded through the file picker. The page stays a
// few screens tall; the admin answers "which scopes on dhcp-site03-a are in no failover
// relationship? put them into site03-lb-01" with the filters and "Select all N matching",
// and ends with exactly the expected pending additions (computed here from the generated
// tables, independently of the page); addresses sort as addresses and a prefix or block
// matches by address; coverage numbers lead to exactly the scopes behind them; the URL
// restores the view after a reload; and the same task works with the keyboard alone.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  openAdminPage, assertNoProblems, screenshot, writeJsonFile, scopeRows, confirmPreflight, waitForPageReady,
  axeViolations, waitForRevisionAbove,
  BROWSERS,
} from './helpers.mjs';
import { makeNetwork, shortName } from './network.mjs';

const NETWORK = makeNetwork({ pairs: 14, relationshipsPerPair: 30, scopes: 21_000 });
const SCOPES = NETWORK.ADM_DHCPScopesTable;
const PAIRS = NETWORK.ADM_DhcpScopeFailoverTable;
const RELATIONSHIPS = NETWORK.ADM_DhcpFailoverTable;
const serverId = (name) => RELATIONSHIPS.flatMap((r) => [[r.Server1Name, r.Server1RecordId], [r.Server2Name, r.Server2RecordId]])
  .find(([n]) => shortName(n) === name)[1];
const relationshipId = (name) => RELATIONSHIPS.find((r) => r.RelationshipName === name).RecordId;
/** The ids of the scopes hosted on `server` that are in no relationship, from the generated tables. */
function unpaired(server) {
  const paired = new Set(PAIRS.map((p) => p.ScopeId));
  return SCOPES.filter((s) => s.DHCPServerRecordId === serverId(server) && !paired.has(s.RecordId)).map((s) => s.RecordId);
}
const toInt = (address) => address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);

for (const browser of BROWSERS) describe(browser, () => {
  let session;
  before(async () => {
    session = await openAdminPage(browser);
    const file = await writeJsonFile('network-21k.json', NETWORK);
    await session.page.setInputFiles('#file-input', file);
    await session.page.waitForFunction(() => document.querySelector('#load-status').textContent === 'Loaded “network-21k.json”.', null, { timeout: 30000 });
  });
  after(async () => { await session?.close(); });

  /** Waits until the scopes table shows the view `params` (the URL's scope keys). */
  function waitForView(page, params) {
    const key = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v !== undefined)).toString();
    return page.waitForFunction((k) => document.querySelector('#scopes-body').dataset.view === k, key, { timeout: 15000 });
  }

  const summary = (page) => page.textContent('#scopes-summary');
  const selection = (page) => page.evaluate(() => window.__ipam.selection);
  const diff = (page) => page.evaluate(async () => JSON.parse(JSON.stringify(await window.__ipam.diff())));

  test('the page stays a few screens tall with 420 relationships and 21,000 scopes', async () => {
    const { page } = session;
    assert.match(await page.textContent('#data-summary'), /420 failover relationships, 21,000 scopes/);
    assert.equal(await page.textContent('#relationships-summary'), '420 relationships.');
    assert.equal(await page.$$eval('#relationships-body tr', (rows) => rows.length), 10, 'one page of relationships');
    assert.equal(await page.textContent('#relationships-page'), 'Page 1 of 42 (1 to 10)');
    assert.equal(await page.$$eval('#coverage-body tr', (rows) => rows.length), 14, 'one row per server pair');
    assert.equal(await page.$$eval('#scopes-body tr', (rows) => rows.length), 50);
    assert.equal(await page.$$eval('#relationship-names option', (o) => o.length) <= 50, true, 'the datalist is bounded');
    const height = await page.evaluate(() => document.body.scrollHeight);
    console.log(`# page height with 420 relationships and 21,000 scopes: ${height} px (viewport 1280 × 900)`);
    assert.ok(height < 4500, `the page is ${height} px tall: at most five screens`);
    await screenshot(page, 'navigate-21k');
    assert.deepEqual(await axeViolations(page), []);
    assertNoProblems(session.problems);
  });

  test('relationships filter by name or server and by server pair, sort, page, and pick the target', async () => {
    const { page } = session;
    await page.fill('#relationship-filter', 'site03-hs');
    await page.waitForFunction(() => document.querySelector('#relationships-summary').textContent === '10 of 420 relationships match.');
    assert.equal(await page.textContent('#relationships-live'), '10 of 420 relationships match.');
    const names = await page.$$eval('#relationships-body th', (c) => c.map((x) => x.textContent));
    assert.deepEqual(names, Array.from({ length: 10 }, (_, i) => `site03-hs-${String((i + 1) * 3).padStart(2, '0')}`));

    // By server: dhcp-site05-b is in the 30 relationships of pair 5; sorted by scope count, descending.
    await page.fill('#relationship-filter', 'dhcp-site05-b');
    await page.waitForFunction(() => document.querySelector('#relationships-summary').textContent === '30 of 420 relationships match.');
    await page.click('#relationships-head button[data-sort="members"]');
    await page.click('#relationships-head button[data-sort="members"]');
    assert.equal(await page.getAttribute('#relationships-head th:last-child', 'aria-sort'), 'descending');
    const counts = await page.$$eval('#relationships-body tr', (rows) => rows.map((r) => Number(r.lastElementChild.textContent.replace(/,/g, ''))));
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
    assert.equal(await page.textContent('#relationships-page'), 'Page 1 of 3 (1 to 10)');
    await page.click('#relationships-next');
    assert.equal(await page.textContent('#relationships-page'), 'Page 2 of 3 (11 to 20)');
    // A third press goes back to table order.
    await page.click('#relationships-head button[data-sort="members"]');
    assert.equal(await page.getAttribute('#relationships-head th:last-child', 'aria-sort'), null);

    // The server pair filter, and clicking a row picks the target.
    await page.fill('#relationship-filter', '');
    await page.selectOption('#relationship-pair', { label: 'dhcp-site07-a ↔ dhcp-site07-b (30 relationships)' });
    await page.waitForFunction(() => document.querySelector('#relationships-summary').textContent === '30 of 420 relationships match.');
    await page.click('#relationships-body tr:nth-child(2) td:nth-child(2)');
    assert.equal(await page.textContent('#relationship-target'), 'site07-lb-02 (LoadBalance)');
    assert.equal(await page.$eval('#relationships-body tr.target input', (r) => r.checked), true);
    assert.equal(await page.$eval('#relationship-input', (e) => e.value), 'site07-lb-02');

    // Typing a name picks it too, and the list turns to the page that shows it.
    await page.fill('#relationship-input', 'SITE07-LB-29');
    await page.press('#relationship-input', 'Enter');
    assert.equal(await page.textContent('#relationship-target'), 'site07-lb-29 (LoadBalance)');
    assert.equal(await page.textContent('#relationships-page'), 'Page 3 of 3 (21 to 30)');
    assert.equal(await page.textContent('#relationships-body tr.target th'), 'site07-lb-29');
    // A name that is no relationship's says so and keeps the target.
    await page.fill('#relationship-input', 'no-such-relationship');
    await page.press('#relationship-input', 'Enter');
    assert.equal(await page.getAttribute('#relationship-input', 'aria-invalid'), 'true');
    assert.equal(await page.textContent('#relationship-target'), 'site07-lb-29 (LoadBalance)');
    await page.press('#relationship-input', 'Escape');
    assert.equal(await page.$eval('#relationship-input', (e) => e.value), 'site07-lb-29');
    await page.selectOption('#relationship-pair', '');
    assertNoProblems(session.problems);
  });

  test('addresses sort as addresses, and a prefix or a block matches by address', async () => {
    const { page } = session;
    // ".0.0/" matches the address text of 10.N.0.0/26 for N = 0..20.
    await page.fill('#filter-input', '.0.0/');
    await page.click('#scopes-head button[data-sort="address"]');
    await waitForView(page, { q: '.0.0/', sort: 'address' });
    const expected = SCOPES.map((s) => s.ScopeId).filter((a) => a.endsWith('.0.0')).sort((a, b) => toInt(a) - toInt(b)).map((a) => `${a}/26`);
    assert.ok(expected.length >= 20);
    const shown = (await scopeRows(page)).map((r) => r.address);
    assert.deepEqual(shown, expected);
    assert.ok(shown.indexOf('10.2.0.0/26') < shown.indexOf('10.10.0.0/26'), '10.2.0.0 before 10.10.0.0');
    assert.equal(await page.getAttribute('#scopes-head button[data-sort="address"]', 'data-direction'), 'ascending');
    await page.click('#scopes-head button[data-sort="address"]');
    await waitForView(page, { q: '.0.0/', sort: '-address' });
    assert.deepEqual((await scopeRows(page)).map((r) => r.address), [...expected].reverse());

    // "10.2" as a prefix is 10.2.0.0/16: not 10.20. to 10.29. as a text match would be.
    await page.fill('#filter-input', '');
    await page.fill('#prefix-input', '10.2');
    await waitForView(page, { prefix: '10.2', sort: '-address' });
    const in102 = SCOPES.filter((s) => s.ScopeId.startsWith('10.2.')).length;
    assert.equal(await summary(page), `${in102.toLocaleString('en-US')} of 21,000 scopes match: in 10.2.`);
    await page.fill('#prefix-input', '10.2.0.0/16');
    await waitForView(page, { prefix: '10.2.0.0/16', sort: '-address' });
    assert.match(await summary(page), new RegExp(`^${in102.toLocaleString('en-US')} of`));
    assert.ok((await scopeRows(page)).every((r) => r.address.startsWith('10.2.')));
    // A block inside a /16, by address.
    await page.fill('#prefix-input', '10.3.128.0/17');
    await waitForView(page, { prefix: '10.3.128.0/17', sort: '-address' });
    const inBlock = SCOPES.filter((s) => { const n = toInt(s.ScopeId); return n >= toInt('10.3.128.0') && n < toInt('10.4.0.0'); }).length;
    assert.match(await summary(page), new RegExp(`^${inBlock.toLocaleString('en-US')} of`));
    // Not a prefix: said at the field.
    await page.fill('#prefix-input', '10.x');
    await page.waitForSelector('#prefix-input[aria-invalid="true"]');
    assert.equal(await page.isVisible('#prefix-error'), true);
    assert.deepEqual(await axeViolations(page), [], 'with the prefix error shown');
    await page.click('#reset-filters');
    await waitForView(page, { sort: '-address' });
    assert.equal(await page.isVisible('#prefix-error'), false);
    // A third press on a sorted column goes back to table order; a fourth sorts again.
    await page.click('#scopes-head button[data-sort="address"]');
    await waitForView(page, {});
    assert.equal(await page.getAttribute('#scopes-head button[data-sort="address"]', 'data-direction'), '');
    await page.click('#scopes-head button[data-sort="address"]');
    await waitForView(page, { sort: 'address' });
    assertNoProblems(session.problems);
  });

  test('a coverage number sets the filters to exactly the scopes behind it', async () => {
    const { page } = session;
    const pair = [serverId('dhcp-site04-a'), serverId('dhcp-site04-b')];
    const onPair = SCOPES.filter((s) => pair.includes(s.DHCPServerRecordId));
    const ofPair = new Set(RELATIONSHIPS.filter((r) => r.Server1RecordId === pair[0]).map((r) => r.RecordId));
    const relsOf = (id) => PAIRS.filter((p) => p.ScopeId === id).map((p) => p.FailoverRelationId);
    const uncovered = onPair.filter((s) => relsOf(s.RecordId).length === 0).length;
    const elsewhere = onPair.filter((s) => relsOf(s.RecordId).length > 0 && !relsOf(s.RecordId).some((r) => ofPair.has(r))).length;
    const row = await page.$$eval('#coverage-body tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent))
      .find((cells) => cells[0] === 'dhcp-site04-a ↔ dhcp-site04-b'));
    assert.deepEqual(row.slice(1, 6).map((c) => Number(c.replace(/,/g, ''))),
      [30, onPair.length, onPair.length - uncovered - elsewhere, uncovered, elsewhere]);

    const button = `#coverage-body button[data-server="${pair.join(',')}"][data-membership="in-none"]`;
    assert.match(await page.getAttribute(button, 'aria-label'), /^[\d,]+ scopes in no relationship, on dhcp-site04-a and dhcp-site04-b: show them$/);
    await page.click(button);
    await waitForView(page, { server: pair.join(','), member: 'in-none', sort: 'address' });
    assert.equal(await page.evaluate(() => document.activeElement.id), 'scopes-summary', 'the focus follows to the list');
    assert.equal(await page.$eval('#server-filter', (e) => e.value), pair.join(','));
    assert.equal(await page.$eval('#membership-filter', (e) => e.value), 'in-none');
    assert.equal(await summary(page),
      `${uncovered.toLocaleString('en-US')} of 21,000 scopes match: on dhcp-site04-a + dhcp-site04-b, in no relationship.`);
    assert.ok((await scopeRows(page)).every((r) => r.relationships.length === 0));

    await page.click(`#coverage-body button[data-server="${pair.join(',')}"][data-membership="elsewhere"]`);
    await waitForView(page, { server: pair.join(','), member: 'elsewhere', sort: 'address' });
    assert.match(await summary(page), new RegExp(`^${elsewhere} of 21,000 scopes match`));
    assert.ok((await scopeRows(page)).every((r) => r.relationships.every((name) => !name.startsWith('site04-'))));

    // The relationship count lists the pair's relationships.
    await page.click(`#coverage-body button[data-pair="${pair.join(',')}"]`);
    await page.waitForFunction(() => document.querySelector('#relationships-summary').textContent === '30 of 420 relationships match.');
    assert.ok((await page.$$eval('#relationships-body th', (c) => c.map((x) => x.textContent))).every((n) => n.startsWith('site04-')));
    await page.selectOption('#relationship-pair', '');
    await page.click('#reset-filters');
    await waitForView(page, { sort: 'address' });
    assertNoProblems(session.problems);
  });

  test('every scope of dhcp-site03-a that is in no relationship, into site03-lb-01, with the filters and "select all"', async () => {
    const { page } = session;
    const expected = unpaired('dhcp-site03-a');
    assert.ok(expected.length > 50, 'more than one page of them');
    const target = relationshipId('site03-lb-01');

    await page.selectOption('#server-filter', String(serverId('dhcp-site03-a')));
    await page.selectOption('#membership-filter', 'in-none');
    await waitForView(page, { server: String(serverId('dhcp-site03-a')), member: 'in-none', sort: 'address' });
    assert.equal(await summary(page), `${expected.length} of 21,000 scopes match: on dhcp-site03-a, in no relationship.`);
    assert.equal(await page.textContent('#scopes-live'), await summary(page), 'the count is announced');
    assert.equal(await page.textContent('#select-shown-button'), `Select all ${expected.length} matching`);
    await page.click('#select-shown-button');
    await page.waitForFunction((n) => window.__ipam.selection === n, expected.length);
    assert.equal(await page.textContent('#scopes-selection'), `${expected.length} scopes selected.`);
    assert.equal(await page.textContent('#selection-count'), `${expected.length} scopes selected.`);
    // Every page shows its rows ticked: the selection spans pages.
    await page.click('#next-page');
    await page.waitForFunction(() => document.querySelector('#page-text').textContent.startsWith('Page 2 of'));
    assert.ok((await scopeRows(page)).every((r) => r.checked));

    // Scrolled down to the bottom of the list, the add panel and the selection count are still in view.
    await page.evaluate(() => document.querySelector('#next-page').scrollIntoView({ block: 'end' }));
    const inView = (selector) => page.$eval(selector, (el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; });
    assert.equal(await inView('#add-button'), true, 'the add button stays in view');
    assert.equal(await inView('#scopes-selection'), true, 'the selection count stays in view');
    await screenshot(page, 'navigate-scrolled', { fullPage: false });

    await page.fill('#relationship-input', 'site03-lb-01');
    await page.press('#relationship-input', 'Enter');
    assert.equal(await page.textContent('#relationship-target'), 'site03-lb-01 (LoadBalance)');
    const revision = await page.evaluate(() => window.__ipam.revision);
    await page.click('#add-button');
    if (expected.length > 400) await confirmPreflight(page);
    await page.waitForSelector('body[data-state="done"]');
    await waitForRevisionAbove(page, revision);
    assert.equal(await page.textContent('#outcome'),
      `Added ${expected.length} scopes to site03-lb-01 in the working copy; 0 were already in this relationship.`);

    const changes = await diff(page);
    assert.deepEqual(changes.removed, []);
    assert.deepEqual(changes.added.map((p) => [p.ScopeId, p.FailoverRelationId]).sort((a, b) => a[0] - b[0]),
      expected.map((id) => [id, target]).sort((a, b) => a[0] - b[0]));
    // The filter still applies: nothing of dhcp-site03-a is in no relationship now.
    await page.waitForFunction(() => document.querySelector('#scopes-summary').textContent.startsWith('0 of 21,000'));
    await page.click('#clear-selection-button');
    await page.click('#reset-filters');
    assertNoProblems(session.problems);
  });

  test('the URL keeps the view: a reload opens the same relationship, filters, sort and page', async () => {
    const { page } = session;
    await page.fill('#relationship-filter', 'site09');
    await page.waitForFunction(() => document.querySelector('#relationships-summary').textContent === '30 of 420 relationships match.');
    await page.click('#relationships-next');
    await page.click('#relationships-body tr:nth-child(2) th label');
    assert.equal(await page.textContent('#relationship-target'), 'site09-hs-12 (HotStandby)');
    await page.selectOption('#server-filter', String(serverId('dhcp-site09-a')));
    await page.fill('#prefix-input', '10.1');
    await page.selectOption('#membership-filter', 'in-other');
    await page.click('#scopes-head button[data-sort="name"]');
    await page.click('#scopes-head button[data-sort="name"]');
    const server = String(serverId('dhcp-site09-a'));
    await waitForView(page, { prefix: '10.1', server, member: 'in-other', sort: '-name' });
    assert.match(await summary(page), /^0 of 21,000 scopes match/, 'dhcp-site09-a has nothing in 10.1.0.0/16');
    await page.fill('#prefix-input', '');
    await waitForView(page, { server, member: 'in-other', sort: '-name' });
    await page.click('#next-page');
    await waitForView(page, { server, member: 'in-other', sort: '-name', page: 2 });
    const before = {
      rows: await scopeRows(page), summary: await summary(page), page: await page.textContent('#page-text'),
      relationships: await page.$$eval('#relationships-body th', (c) => c.map((x) => x.textContent)),
    };
    assert.equal(before.rows.length, 50);
    assert.ok(before.rows.every((r) => r.relationships.length > 0 && !r.relationships.includes('site09-hs-12')));
    await page.waitForFunction(() => location.hash.includes('page=2') && location.hash.includes('rpage=2'));
    const hash = await page.evaluate(() => location.hash);
    const id = String(relationshipId('site09-hs-12'));
    assert.deepEqual(Object.fromEntries(new URLSearchParams(hash.slice(1))),
      { rel: id, rq: 'site09', rpage: '2', server, member: 'in-other', sort: '-name', page: '2' });

    await page.reload();
    await waitForPageReady(page);
    await waitForView(page, { server, member: 'in-other', sort: '-name', page: 2 });
    assert.equal(await page.textContent('#relationship-target'), 'site09-hs-12 (HotStandby)');
    assert.equal(await page.$eval('#relationship-filter', (e) => e.value), 'site09');
    assert.equal(await page.$eval('#server-filter', (e) => e.value), server);
    assert.equal(await page.$eval('#membership-filter', (e) => e.value), 'in-other');
    assert.equal(await page.getAttribute('#scopes-head button[data-sort="name"]', 'data-direction'), 'descending');
    assert.deepEqual({
      rows: await scopeRows(page), summary: await summary(page), page: await page.textContent('#page-text'),
      relationships: await page.$$eval('#relationships-body th', (c) => c.map((x) => x.textContent)),
    }, before);
    assert.equal(await page.$eval('#relationships-body tr.target th', (th) => th.textContent), 'site09-hs-12');

    // A shared link opens that view in a fresh tab of the same browser.
    const other = await session.context.newPage();
    await other.goto(`${session.url}#rel=${relationshipId('site11-lb-05')}&server=${serverId('dhcp-site11-b')}&member=in-none&sort=address`);
    await waitForPageReady(other);
    await other.waitForFunction(() => document.querySelector('#scopes-body').dataset.view?.includes('member=in-none'));
    assert.equal(await other.textContent('#relationship-target'), 'site11-lb-05 (LoadBalance)');
    assert.equal(await other.textContent('#scopes-summary'),
      `${unpaired('dhcp-site11-b').length} of 21,000 scopes match: on dhcp-site11-b, in no relationship.`);
    await other.close();
    await page.goto(session.url); // back to a plain view for the keyboard run
    await waitForPageReady(page);
    assertNoProblems(session.problems);
  });

  /** Presses Tab until the focused element matches `selector`; fails after `max` presses. */
  async function tabTo(page, selector, max = 150) {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    }
    assert.fail(`Tab never reached ${selector}`);
  }

  /** Changes a focused <select> with the arrow keys until its value is `value`. */
  async function arrowTo(page, value, max = 60) {
    for (let i = 0; i < max; i++) {
      if (await page.evaluate(() => document.activeElement.value) === value) return;
      await page.keyboard.press('ArrowDown');
    }
    assert.fail(`the arrow keys never reached ${value}`);
  }

  test('the same task with the keyboard alone: dhcp-site06-b into site06-lb-04', async () => {
    const { page } = session;
    const expected = unpaired('dhcp-site06-b');
    const before = await diff(page);
    await page.evaluate(() => document.activeElement?.blur());
    await tabTo(page, '#server-filter');
    await arrowTo(page, String(serverId('dhcp-site06-b')));
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'membership-filter');
    await arrowTo(page, 'in-none');
    await waitForView(page, { server: String(serverId('dhcp-site06-b')), member: 'in-none' });
    assert.equal(await page.textContent('#scopes-live'), `${expected.length} of 21,000 scopes match: on dhcp-site06-b, in no relationship.`);
    await tabTo(page, '#select-shown-button');
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => window.__ipam.selection === n, expected.length);
    // Announced once the list shows the rows ticked.
    await page.waitForFunction((t) => document.querySelector('#scopes-live').textContent === t, `${expected.length} scopes selected.`);

    await tabTo(page, '#relationship-input');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('site06-lb-04');
    await page.keyboard.press('Enter');
    assert.equal(await page.textContent('#relationship-target'), 'site06-lb-04 (LoadBalance)');
    await tabTo(page, '#add-button');
    const revision = await page.evaluate(() => window.__ipam.revision);
    await page.keyboard.press('Enter');
    await page.waitForSelector('body[data-state="done"], #preflight-dialog[open]');
    if (await page.$eval('#preflight-dialog', (d) => d.open)) {
      if (await page.isVisible('#preflight-ack')) {
        await page.keyboard.press('Space');
        await page.keyboard.press('Tab');
      }
      assert.equal(await page.evaluate(() => document.activeElement.id), 'preflight-stage');
      await page.keyboard.press('Enter');
    }
    await page.waitForSelector('body[data-state="done"]');
    await waitForRevisionAbove(page, revision);
    const after = await diff(page);
    const added = after.added.filter((p) => !before.added.some((q) => q.ScopeId === p.ScopeId && q.FailoverRelationId === p.FailoverRelationId));
    assert.deepEqual(added.map((p) => [p.ScopeId, p.FailoverRelationId]).sort((a, b) => a[0] - b[0]),
      expected.map((id) => [id, relationshipId('site06-lb-04')]).sort((a, b) => a[0] - b[0]));
    assert.equal(await selection(page), expected.length);
    // The page moves the focus in the frame after the outcome shows: wait for that frame.
    await page.waitForFunction(() => document.activeElement !== document.body, null, { timeout: 5000 }).catch(() => {});
    assert.ok(await page.evaluate(() => document.activeElement !== document.body), 'focus was not lost');
    await screenshot(page, 'navigate-keyboard');
    assert.deepEqual(await axeViolations(page), []);
    assertNoProblems(session.problems);
  });
});
