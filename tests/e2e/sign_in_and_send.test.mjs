// Signs in as admin, checks the Session and the composer, and sends the
// default networks request. The tests share one popup page and run in
// order, each starting where the previous one ended.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  ADMIN,
  GLOBAL_DOMAIN_UUID,
  NETWORKS_PATH,
  launchBrowser,
  signIn,
  startSim,
  waitForSession,
} from './harness.mjs';

let sim;
let browser;
let page;

before(async () => {
  sim = await startSim();
  browser = await launchBrowser({ trustSpki: sim.spki });
  page = await browser.openPopup();
});

after(async () => {
  await browser?.close();
  await sim?.stop();
});

/** Returns the text of the selected option of a select element. */
function selectedOption(select) {
  return select.evaluate((element) => element.selectedOptions[0]?.textContent.trim());
}

/** Returns the one access token the simulator issued. */
async function issuedToken() {
  const stats = await sim.stats();
  const tokens = Object.keys(stats.accessTokens);
  assert.equal(tokens.length, 1, `expected one issued access token, got ${tokens.length}`);
  return { token: tokens[0], stats };
}

test('host prefilled from defaults.json', async () => {
  const host = page.getByRole('textbox', { name: 'Host' });
  await host.waitFor();

  assert.equal(await host.inputValue(), '127.0.0.1:8443');
});

test('sign in shows session', async () => {
  await signIn(page, { host: sim.address, ...ADMIN });

  const session = await waitForSession(page);
  await session.getByText(ADMIN.username, { exact: true }).waitFor();
  await session.getByText(sim.address).waitFor();
  await session.getByText(/Access token: \d+ min left/).waitFor();
  await session.getByRole('button', { name: 'Sign out' }).waitFor();
  const domain = session.getByRole('combobox', { name: 'Domain' });
  assert.equal(await selectedOption(domain), 'Global');
  const stats = await sim.stats();
  assert.equal(stats.signIns, 1);
  assert.equal(stats.signInFailures, 0);
});

test('composer defaults to networks GET', async () => {
  const method = page.getByRole('combobox', { name: 'Method' });
  const path = page.getByRole('textbox', { name: 'Path' });
  const body = page.getByRole('textbox', { name: 'Body' });
  await body.waitFor();

  assert.equal(await selectedOption(method), 'GET');
  const methods = await method.evaluate((element) => [...element.options].map((option) => option.textContent.trim()));
  assert.deepEqual(methods, ['GET', 'POST', 'PUT', 'DELETE']);
  assert.equal(await path.inputValue(), NETWORKS_PATH);
  assert.equal(await body.inputValue(), '');
});

test('preview resolves domain and masks token', async () => {
  const { token } = await issuedToken();
  const preview = page.getByLabel('Request preview');
  const url = `https://${sim.address}/api/fmc_config/v1/domain/${GLOBAL_DOMAIN_UUID}/object/networks`;

  await preview.getByText(url).waitFor();
  await preview.getByText(`X-auth-access-token: ••••${token.slice(-4)}`).waitFor();
  const text = await preview.textContent();
  assert.ok(!text.includes(token), 'the preview shows the whole access token');
});

test('send shows networks response', async () => {
  await page.getByRole('button', { name: 'Send' }).click();

  const response = page.getByRole('region', { name: 'Response' });
  await response.getByText('200 OK').waitFor();
  await response.getByText(/^\d+ ms$/).waitFor();
  await response.getByText(/^\d+(\.\d)? (B|KB|MB)$/).waitFor();
  await response.getByText('"name": "net-00001"').waitFor();
  const body = await response.textContent();
  assert.match(body, /"items": \[/);
  assert.match(body, /"paging": \{/);
});

test('stats count the networks request', async () => {
  const { token, stats } = await issuedToken();
  const networks = `/api/fmc_config/v1/domain/${GLOBAL_DOMAIN_UUID}/object/networks`;
  const prefixes = stats.accessTokens[token].pathPrefixes;

  assert.equal(stats.accessTokens[token].user, ADMIN.username);
  assert.ok(prefixes.includes(networks), `token not presented on ${networks}: ${prefixes}`);
  for (const prefix of prefixes) {
    assert.match(prefix, /^\/api\//);
  }
  assert.equal(stats.unknownTokensPresented, 0);
  assert.ok(stats.requestsByStatus['200'] >= 1, JSON.stringify(stats.requestsByStatus));
});
