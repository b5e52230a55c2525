// The request composer against the simulator: the Endpoint search over
// the simulator's API spec, the unfilled-placeholder check, query rows,
// Escape cancelling a slow request, and the line of a JSON syntax error.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { ADMIN, GLOBAL_DOMAIN_UUID, NETWORKS_PATH, launchBrowser, signIn, startSim, waitForAlert, waitForSession } from './harness.mjs';
import { simRequest } from './fetch_helpers.mjs';

const ITEM_PATH = `${NETWORKS_PATH}/{objectId}`;
/** The spec is downloaded and parsed by the background worker once. */
const SPEC_TIMEOUT_MS = 30_000;
/** Long enough that only Escape can end the request during the test. */
const SLOW_REQUEST_MS = 60_000;

let sim;
let browser;
let page;

before(async () => {
  sim = await startSim();
  browser = await launchBrowser({ trustSpki: sim.spki });
  page = await browser.openPopup();
  await page.getByRole('textbox', { name: 'Host' }).waitFor();
  await signIn(page, { host: sim.address, ...ADMIN });
  await waitForSession(page);
});

after(async () => {
  await browser?.close();
  await sim?.stop();
});

/** Sends the default list request and returns the id of its first item. */
async function firstNetworkId() {
  await page.getByRole('button', { name: 'Send' }).click();
  const response = page.getByRole('region', { name: 'Response' });
  await response.getByText('200 OK').waitFor();
  const text = await response.textContent();
  const match = text.match(/"id": "([0-9A-Fa-f-]+)"/);
  assert.ok(match, `no object id in the response: ${text.slice(0, 300)}`);
  return match[1];
}

test('endpoint search fills placeholder path', async () => {
  const id = await firstNetworkId();
  const endpoint = page.getByRole('combobox', { name: 'Endpoint' });
  await endpoint.click();
  await page.getByRole('status').filter({ hasText: /endpoints from \/api\/api-explorer\/fmc_oas3\.json/ }).waitFor({ timeout: SPEC_TIMEOUT_MS });

  await endpoint.fill('netw');
  const option = page.getByRole('option', { name: `GET ${ITEM_PATH}`, exact: true });
  await option.click();

  const path = page.getByRole('textbox', { name: 'Path', exact: true });
  assert.equal(await path.inputValue(), ITEM_PATH);
  assert.equal(await page.getByRole('combobox', { name: 'Method' }).inputValue(), 'GET');
  await page.locator('#path-note').filter({ hasText: '{objectId}' }).waitFor();

  await page.getByRole('button', { name: 'Send' }).click();
  const alert = await waitForAlert(page, '{objectId}');
  assert.match(await alert.textContent(), /still contains \{objectId\}/);

  await path.fill(ITEM_PATH.replace('{objectId}', id));
  assert.equal(await page.locator('#path-note').textContent(), '');
  await page.getByRole('button', { name: 'Add parameter' }).click();
  await page.getByRole('textbox', { name: 'Name of query parameter 1' }).fill('expanded');
  await page.getByRole('textbox', { name: 'Value of query parameter 1' }).fill('true');
  assert.equal(await path.inputValue(), `${NETWORKS_PATH}/${id}?expanded=true`);

  await page.getByRole('button', { name: 'Send' }).click();
  const response = page.getByRole('region', { name: 'Response' });
  const preview = page.getByLabel('Request preview');
  await preview.getByText(`/api/fmc_config/v1/domain/${GLOBAL_DOMAIN_UUID}/object/networks/${id}?expanded=true`).waitFor();
  await response.getByText(`"id": "${id}"`).waitFor();
  await response.getByText('200 OK').waitFor();
});

test('escape cancels slow request', async () => {
  const path = page.getByRole('textbox', { name: 'Path', exact: true });
  await path.fill(NETWORKS_PATH);
  await simRequest(sim, 'POST', '/_sim/delay', { delayMs: SLOW_REQUEST_MS, method: 'GET' });

  await page.getByRole('button', { name: 'Send' }).click();
  const cancel = page.getByRole('button', { name: 'Cancel', exact: true });
  await cancel.waitFor();
  await page.keyboard.press('Escape');

  const alert = await waitForAlert(page, 'Cancelled');
  assert.match(await alert.textContent(), /^Cancelled: GET .*object\/networks was stopped/);
  await cancel.waitFor({ state: 'hidden' });
  assert.equal(await page.getByRole('button', { name: 'Send' }).isEnabled(), true);
});

test('bad JSON body shows its line', async () => {
  await page.getByRole('combobox', { name: 'Method' }).selectOption('POST');
  const body = page.getByRole('textbox', { name: 'Body' });
  await body.fill('{\n  "name": "net-new",\n  "value" "10.1.0.0/16"\n}');

  const error = page.locator('#body-error');
  await error.filter({ hasText: /^Line 3, column 11:/ }).waitFor();
  assert.equal(await body.getAttribute('aria-invalid'), 'true');

  await page.getByRole('button', { name: 'Send' }).click();
  const alert = await waitForAlert(page, 'line 3, column 11');
  assert.match(await alert.textContent(), /not valid JSON at line 3, column 11/);
  assert.equal(await body.inputValue(), '{\n  "name": "net-new",\n  "value" "10.1.0.0/16"\n}', 'the body the user typed is kept');
});
