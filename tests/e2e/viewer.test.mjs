// The response viewer against the simulator: a 10,000-object expanded
// page, searched, filtered and shown in each tab, a path copied from the
// tree, and a large blob body saved. The tests share one popup page and
// run in order.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { ADMIN, launchBrowser, signIn, startSim, waitForSession } from './harness.mjs';
import { downloadFrom } from './fetch_helpers.mjs';

const OBJECTS = 10_000;
const EXPANDED_PAGE = `/api/fmc_config/v1/domain/{domainUUID}/object/networks?expanded=true&limit=${OBJECTS}`;
/** The maximum lines the viewer keeps in the DOM (WINDOW_LINES in fmc-core). */
const MAX_RENDERED_LINES = 400;
/** Sending and indexing the 10,000-object page can take a while on 2 cores. */
const LARGE_STEP_TIMEOUT_MS = 60_000;

let sim;
let browser;
let page;
let response;

before(async () => {
  sim = await startSim(['--networks', String(OBJECTS)]);
  browser = await launchBrowser({ trustSpki: sim.spki });
  // Chromium grants no clipboard-read permission to a chrome-extension://
  // origin through Playwright, so the page records what the viewer writes.
  await browser.context.addInitScript(() => {
    const clipboard = navigator.clipboard;
    const writeText = clipboard.writeText.bind(clipboard);
    clipboard.writeText = (text) => {
      window.__copiedText = text;
      return writeText(text);
    };
  });
  page = await browser.openPopup();
  await signIn(page, { host: sim.address, ...ADMIN });
  await waitForSession(page);
  response = page.getByRole('region', { name: 'Response' });
});

after(async () => {
  await browser?.close();
  await sim?.stop();
});

/** Returns the text of every line in the DOM of the line list. */
function renderedLines() {
  return response.locator('.viewer-line').allTextContents();
}

/** Returns the search count, such as "3 of 12". */
function searchCount() {
  return response.locator('.viewer-count').textContent();
}

test('expanded page shows in pretty view', async () => {
  await page.getByRole('textbox', { name: 'Path' }).fill(EXPANDED_PAGE);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await response.getByText('200 OK').waitFor({ timeout: LARGE_STEP_TIMEOUT_MS });

  const pretty = response.getByRole('tab', { name: 'Pretty' });
  assert.equal(await pretty.getAttribute('aria-selected'), 'true');
  await response.getByText('"name": "net-00001"').waitFor();
  const lines = await renderedLines();
  assert.ok(lines.length > 0);
  assert.ok(lines.length <= MAX_RENDERED_LINES, `${lines.length} lines in the DOM`);
  assert.equal(lines[0], '{');
});

test('search finds and steps through matches', async () => {
  const search = response.getByRole('searchbox', { name: 'Search' });
  await search.fill('net-0999');
  await response.locator('.viewer-count').filter({ hasText: /^1 of \d+$/ }).waitFor();
  const total = Number((await searchCount()).split(' of ')[1]);
  assert.ok(total >= 10, `only ${total} matches`);
  assert.equal(await response.locator('mark.current').textContent(), 'net-0999');

  await search.press('Enter');
  assert.equal(await searchCount(), `2 of ${total}`);
  await search.press('Shift+Enter');
  await search.press('Shift+Enter');
  assert.equal(await searchCount(), `${total} of ${total}`);
  const current = response.locator('.viewer-line', { has: page.locator('mark.current') });
  assert.match(await current.textContent(), /net-0999/);
  assert.ok((await renderedLines()).length <= MAX_RENDERED_LINES);

  await search.fill('');
  await response.locator('.viewer-count').filter({ hasText: /^$/ }).waitFor();
});

test('filter replaces the body with its result', async () => {
  const filter = response.getByRole('textbox', { name: 'Filter' });
  await filter.fill('items[*].name');
  await response.locator('.viewer-line').filter({ hasText: /^ {2}"net-00002",$/ }).waitFor();
  const lines = await renderedLines();
  assert.equal(lines[0], '[');
  assert.equal(lines[1], '  "net-00001",');

  await filter.fill('$.items[0].name');
  await response.locator('.viewer-line').filter({ hasText: /^"net-00001"$/ }).waitFor();
  assert.deepEqual(await renderedLines(), ['"net-00001"']);

  await filter.fill('items[*');
  const alert = response.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /Invalid filter at character 8: expected '\]'/);

  await filter.fill('');
  await alert.waitFor({ state: 'detached' });
  assert.equal((await renderedLines())[0], '{');
});

test('tabs switch between raw, tree and pretty', async () => {
  await response.getByRole('tab', { name: 'Raw' }).click();
  await response.locator('.viewer-line').first().filter({ hasText: /^\{"/ }).waitFor();
  const raw = await renderedLines();
  assert.ok(raw.length <= MAX_RENDERED_LINES);
  assert.ok(raw.every((line) => line.length <= 160), 'a raw line is longer than the wrap width');

  await response.getByRole('tab', { name: 'Tree' }).click();
  await response.getByRole('button', { name: '$: {3 keys}' }).waitFor({ timeout: LARGE_STEP_TIMEOUT_MS });
  assert.equal(await response.locator('.viewer-line').count(), 0);
  await response.getByRole('tab', { name: 'Pretty' }).click();
  await response.getByText('"name": "net-00001"').waitFor();
});

test('tree copies a path', async () => {
  await response.getByRole('tab', { name: 'Tree' }).click();
  await response.getByRole('button', { name: `items: [${OBJECTS} items]` }).click();
  // 10,000 items open as 100 groups of 100.
  const groups = response.getByRole('button', { name: /^\[\d+ … \d+\]$/ });
  assert.equal(await groups.count(), OBJECTS / 100);
  await response.getByRole('button', { name: '[0 … 99]' }).click();
  await response.getByRole('button', { name: '3: {', exact: false }).first().click();
  await response.getByRole('button', { name: 'Copy path items[3].name' }).click();

  await response.getByRole('status').filter({ hasText: 'Copied the path items[3].name.' }).waitFor();
  assert.equal(await page.evaluate(() => window.__copiedText), 'items[3].name');
  await response.getByRole('tab', { name: 'Pretty' }).click();
});

test('large blob is virtualised and saved', async () => {
  const bytes = 5 * 1024 * 1024;
  await page.getByRole('textbox', { name: 'Path' }).fill(`/api/_sim/blob?bytes=${bytes}`);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await response.getByText('200 OK').waitFor({ timeout: LARGE_STEP_TIMEOUT_MS });
  await response.locator('.viewer-line').first().waitFor();
  assert.ok((await renderedLines()).length <= MAX_RENDERED_LINES);

  const { fileName, text } = await downloadFrom(page, 'Save body');
  assert.match(fileName, /^blob-\d{8}-\d{6}\.json$/);
  assert.ok(Math.abs(text.length - bytes) < 1024, `saved ${text.length} bytes`);
  JSON.parse(text);
});
