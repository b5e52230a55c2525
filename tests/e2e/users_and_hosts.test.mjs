// The second user's non-ASCII password, and access tokens that must reach
// only the host that issued them. Two simulators stand for two FMCs; the
// tests run in order on one popup page.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  ADMIN,
  API_USER,
  GLOBAL_DOMAIN_UUID,
  NETWORKS_PATH,
  launchBrowser,
  signIn,
  startSim,
  waitForSession,
} from './harness.mjs';

let simA;
let simB;
let browser;
let page;

before(async () => {
  simA = await startSim();
  simB = await startSim();
  browser = await launchBrowser({ trustSpki: `${simA.spki},${simB.spki}` });
  page = await browser.openPopup();
});

after(async () => {
  await browser?.close();
  await simA?.stop();
  await simB?.stop();
});

test('non-ASCII password signs in', async () => {
  await signIn(page, { host: simA.address, ...API_USER });

  const session = await waitForSession(page);
  await session.getByText(API_USER.username, { exact: true }).waitFor();
  const stats = await simA.stats();
  assert.equal(stats.signIns, 1);
  assert.equal(stats.signInFailures, 0);
});

test('absolute URL to other host gets no token', async () => {
  const path = page.getByRole('textbox', { name: 'Path' });
  await path.fill(`https://${simB.address}${NETWORKS_PATH}`);
  await page.getByRole('button', { name: 'Send' }).click();

  // The popup either rejects the path or shows some response; wait for
  // whichever comes, then check what the other host received.
  const status = page.getByRole('region', { name: 'Response' }).getByText(/^\d{3} /);
  await page.getByRole('alert').or(status).first().waitFor();
  const statsB = await simB.stats();
  assert.equal(statsB.unknownTokensPresented, 0, 'host B received host A\'s access token');
  assert.deepEqual(statsB.accessTokens, {});
});

test('token of new host stays there', async () => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, { host: simB.address, ...ADMIN });
  await waitForSession(page);
  const path = page.getByRole('textbox', { name: 'Path' });
  await path.fill(NETWORKS_PATH);

  await page.getByRole('button', { name: 'Send' }).click();

  const response = page.getByRole('region', { name: 'Response' });
  await response.getByText('200 OK').waitFor();
  await response.getByText('"name": "net-00001"').waitFor();
  const statsA = await simA.stats();
  const statsB = await simB.stats();
  const tokensB = Object.keys(statsB.accessTokens);
  assert.equal(tokensB.length, 1);
  assert.equal(statsB.accessTokens[tokensB[0]].user, ADMIN.username);
  const prefixes = statsB.accessTokens[tokensB[0]].pathPrefixes;
  const networks = `/api/fmc_config/v1/domain/${GLOBAL_DOMAIN_UUID}/object/networks`;
  assert.ok(prefixes.includes(networks), `token not presented on ${networks}: ${prefixes}`);
  assert.equal(statsB.unknownTokensPresented, 0, 'host B received another host\'s access token');
  assert.equal(statsA.unknownTokensPresented, 0, 'host A received another host\'s access token');
  assert.equal(statsA.revokes, 1, 'signing out of host A did not revoke its token');
});

test('signed-out profile can be removed', async () => {
  const picker = page.getByRole('combobox', { name: 'Profile' });
  const removed = `${API_USER.username}@${simA.address}`;
  await picker.selectOption({ label: removed });
  await page.getByRole('textbox', { name: 'Host' }).waitFor();

  await page.getByRole('button', { name: 'Remove profile' }).click();

  await page.getByText(`Removed the profile ${removed}`).waitFor();
  const labels = await picker.evaluate((select) => [...select.options].map((option) => option.textContent.trim()));
  assert.deepEqual(labels, [`${ADMIN.username}@${simB.address}`, 'New connection…']);
  assert.equal(await page.getByRole('textbox', { name: 'Host' }).inputValue(), '');
  assert.equal(await page.getByRole('button', { name: 'Remove profile' }).count(), 0, 'a new connection has no profile to remove');

  // The other profile keeps its session.
  await picker.selectOption({ label: `${ADMIN.username}@${simB.address}` });
  await waitForSession(page);
});
