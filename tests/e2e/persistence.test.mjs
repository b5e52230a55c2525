// What survives closing the popup, and what signing out keeps. The tests
// run in order on one browser profile.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { ADMIN, NETWORKS_PATH, launchBrowser, signIn, startSim, waitForSession } from './harness.mjs';

const EDITED_PATH = `${NETWORKS_PATH}?offset=0&limit=5`;

let sim;
let browser;

before(async () => {
  sim = await startSim();
  browser = await launchBrowser({ trustSpki: sim.spki });
});

after(async () => {
  await browser?.close();
  await sim?.stop();
});

test('reopened popup keeps session and request', async () => {
  const first = await browser.openPopup();
  await signIn(first, { host: sim.address, ...ADMIN });
  await waitForSession(first);
  await first.getByRole('textbox', { name: 'Path' }).fill(EDITED_PATH);
  await first.getByRole('button', { name: 'Send' }).click();
  await first.getByRole('region', { name: 'Response' }).getByText('200 OK').waitFor();
  await first.close();

  const second = await browser.openPopup();

  const session = await waitForSession(second);
  await session.getByText(ADMIN.username, { exact: true }).waitFor();
  await session.getByText(sim.address).waitFor();
  const response = second.getByRole('region', { name: 'Response' });
  await response.getByText('200 OK').waitFor();
  await response.getByText('"name": "net-00001"').waitFor();
  assert.equal(await second.getByRole('textbox', { name: 'Path' }).inputValue(), EDITED_PATH);
  const stats = await sim.stats();
  assert.equal(stats.signIns, 1, 'reopening the popup signed in again');
  await second.close();
});

test('sign out keeps host and username', async () => {
  const page = await browser.openPopup();
  const session = await waitForSession(page);

  await session.getByRole('button', { name: 'Sign out' }).click();

  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  assert.equal(await page.getByRole('region', { name: 'Session' }).count(), 0);
  assert.equal(await page.getByRole('textbox', { name: 'Host' }).inputValue(), sim.address);
  assert.equal(await page.getByRole('textbox', { name: 'Username' }).inputValue(), ADMIN.username);
  assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '');
  const stats = await sim.stats();
  assert.equal(stats.revokes, 1, 'sign out did not revoke the access token');
  await page.close();
});

test('sign out survives reopening', async () => {
  const page = await browser.openPopup();

  await page.getByRole('button', { name: 'Sign in' }).waitFor();

  assert.equal(await page.getByRole('region', { name: 'Session' }).count(), 0);
  assert.equal(await page.getByRole('textbox', { name: 'Host' }).inputValue(), sim.address);
  await page.close();
});
