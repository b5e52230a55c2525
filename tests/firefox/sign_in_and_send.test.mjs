// Loads dist/firefox-dev into headless Firefox ESR, signs in to the
// simulator, sends the default networks request and loads the endpoint list
// through the background script. The tests share one popup page and run in
// order, each starting where the previous one ended.
//
// Firefox sends a CORS preflight (OPTIONS) from an extension page for a
// request with custom headers unless the extension has access to the host.
// An FMC does not handle OPTIONS (the simulator returns 401), so the last
// test checks that none was sent.
// Firefox 127 and later grant the manifest's `host_permissions` at install,
// also to a temporary add-on, which the development build relies on.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { ADMIN, GLOBAL_DOMAIN_UUID, startSim } from '../e2e/harness.mjs';
import { click, filledValue, launchFirefox, signIn, textOf, waitForText } from './harness.mjs';

/** Upper bound for downloading and indexing the simulator's API spec. */
const SPEC_TIMEOUT_MS = 30_000;

let sim;
let firefox;
let page;

before(async () => {
  sim = await startSim();
  firefox = await launchFirefox(sim);
  page = await firefox.openPopup();
});

after(async () => {
  await firefox?.close();
  await sim?.stop();
});

test('manifest has gecko id', () => {
  assert.equal(firefox.addonId, 'fmc-rest-client@example.org');
});

test('loopback host access granted at install', async () => {
  const origins = ['https://127.0.0.1/*', 'https://localhost/*', 'https://[::1]/*'];

  for (const origin of origins) {
    const granted = await page.evaluate((pattern) => browser.permissions.contains({ origins: [pattern] }), origin);
    assert.equal(granted, true, `${origin} is not granted`);
  }
});

test('host prefilled from defaults.json', async () => {
  const host = await filledValue(page, '#host');

  assert.equal(host, '127.0.0.1:8443');
});

test('sign in shows session', async () => {
  await signIn(page, { host: sim.address, ...ADMIN });

  await waitForText(page, 'section[aria-label="Session"]', /Access token: \d+ min left/);
  assert.equal(await textOf(page, 'section[aria-label="Session"] .who'), `${ADMIN.username} at ${sim.address}`);
  const domain = await page.$eval('#domain', (select) => select.selectedOptions[0]?.textContent.trim());
  assert.equal(domain, 'Global');
  const stats = await sim.stats();
  assert.equal(stats.signIns, 1);
  assert.equal(stats.signInFailures, 0);
});

test('send shows networks response', async () => {
  await click(page, 'button[type="submit"]::-p-text(Send)');

  await waitForText(page, 'section[aria-label="Response"] .status', /^200 OK/);
  await waitForText(page, 'section[aria-label="Response"]', /"name": "net-00001"/);
  const stats = await sim.stats();
  const tokens = Object.keys(stats.accessTokens);
  assert.equal(tokens.length, 1);
  const networks = `/api/fmc_config/v1/domain/${GLOBAL_DOMAIN_UUID}/object/networks`;
  assert.ok(
    stats.accessTokens[tokens[0]].pathPrefixes.includes(networks),
    `token not presented on ${networks}: ${JSON.stringify(stats.accessTokens)}`,
  );
});

test('background script loads endpoints', async () => {
  await click(page, '#endpoint');

  await waitForText(page, '[role="status"]', /\d+ endpoints from \/api\/api-explorer\/fmc_oas3\.json/, SPEC_TIMEOUT_MS);
});

test('no CORS preflight reached simulator', () => {
  const requests = sim.log().split('\n').filter((line) => line.includes(' request method='));
  const preflights = requests.filter((line) => line.includes(' request method=OPTIONS '));

  assert.ok(requests.length > 0, `the simulator logged no requests:\n${sim.log()}`);
  assert.deepEqual(preflights, []);
});
