// Measurement (not a test; no timing assertions): the time from a filter input to the
// updated scopes list at 300,000 scopes, and the page height. Loads a generated network
// (14 server pairs, 420 relationships, 300,000 scopes) through the file picker, then for
// each filter change records, inside the page, the time from the input event to the
// moment the table shows the new view (data-view set), which includes the 120 ms
// debounce, the worker's queryScopes and the rendering of 50 rows.
//
//   node tests/e2e/measure-filter.mjs [scopes]

import { openAdminPage, writeJsonFile } from './helpers.mjs';
import { makeNetwork } from './network.mjs';

const scopes = Number(process.argv[2] ?? 300_000);
const session = await openAdminPage();
const { page } = session;
try {
  const file = await writeJsonFile(`network-${scopes}.json`, makeNetwork({ pairs: 14, relationshipsPerPair: 30, scopes }));
  const loadStart = Date.now();
  await page.setInputFiles('#file-input', file);
  await page.waitForFunction(() => document.querySelector('#load-status').textContent.startsWith('Loaded'), null, { timeout: 300_000 });
  await page.waitForFunction(() => document.querySelector('#scopes-body').children.length === 50, null, { timeout: 60_000 });
  console.log(`loaded ${scopes.toLocaleString('en-US')} scopes in ${Date.now() - loadStart} ms; page height ${await page.evaluate(() => document.body.scrollHeight)} px`);

  /** Changes a control the way a user does and times input event → table shows the view. */
  async function time(label, selector, value) {
    const ms = await page.evaluate(async ([sel, v]) => {
      const control = document.querySelector(sel);
      const body = document.querySelector('#scopes-body');
      const before = body.dataset.view;
      const start = performance.now();
      const done = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (body.dataset.view !== before) { observer.disconnect(); resolve(performance.now() - start); }
        });
        observer.observe(body, { attributes: true, attributeFilter: ['data-view'] });
      });
      control.value = v;
      control.dispatchEvent(new Event(control.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
      return done;
    }, [selector, value]);
    const summary = await page.textContent('#scopes-summary');
    const debounced = selector.endsWith('input');
    console.log(`${label.padEnd(44)} ${ms.toFixed(0).padStart(5)} ms${debounced ? ` (${(ms - 120).toFixed(0)} ms after the 120 ms debounce)` : ''}  ${summary}`);
    return ms;
  }

  for (let round = 0; round < 2; round++) {
    console.log(`-- round ${round + 1}`);
    await time('text "Wi-Fi 12"', '#filter-input', 'Wi-Fi 12');
    await time('text cleared', '#filter-input', '');
    await time('prefix "10.200."', '#prefix-input', '10.200.');
    await time('prefix "10.0.0.0/8"', '#prefix-input', '10.0.0.0/8');
    await time('prefix cleared', '#prefix-input', '');
    await time('server dhcp-site03-a', '#server-filter', '5');
    await time('+ membership in none', '#membership-filter', 'in-none');
    await time('server pair 7 (+ in none)', '#server-filter', '13,14');
    await time('membership any', '#membership-filter', 'any');
    await time('server any', '#server-filter', '');
  }
  // Sorting: a click on a column header, timed the same way.
  for (const [label, key] of [['sort by address (first time)', 'address'], ['sort by address, descending', 'address'], ['sort by name (first time)', 'name']]) {
    const ms = await page.evaluate(async (k) => {
      const body = document.querySelector('#scopes-body');
      const before = body.dataset.view;
      const start = performance.now();
      const done = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (body.dataset.view !== before) { observer.disconnect(); resolve(performance.now() - start); }
        });
        observer.observe(body, { attributes: true, attributeFilter: ['data-view'] });
      });
      document.querySelector(`#scopes-head button[data-sort="${k}"]`).click();
      return done;
    }, key);
    console.log(`${label.padEnd(44)} ${ms.toFixed(0).padStart(5)} ms`);
  }
  // Select all matching, across pages.
  const start = Date.now();
  await page.click('#select-shown-button');
  await page.waitForFunction((n) => window.__ipam.selection === n, scopes, { timeout: 60_000 });
  console.log(`${'select all matching'.padEnd(44)} ${String(Date.now() - start).padStart(5)} ms  ${await page.textContent('#scopes-selection')}`);
  if (session.problems.length) console.log('problems:', session.problems);
} finally {
  await session.close();
}
