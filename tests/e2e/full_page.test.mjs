// The full-page view: "Open in tab" opens the same app in a browser tab,
// with the same session, draft and last response.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { ADMIN, launchBrowser, signIn, startSim, waitForSession } from './harness.mjs';

let sim;
let browser;

before(async () => {
  sim = await startSim(['--networks', '40']);
  browser = await launchBrowser({ trustSpki: sim.spki });
});

after(async () => {
  await browser?.close();
  await sim?.stop();
});

test('open in tab shows same session', async () => {
  const popup = await browser.openPopup();
  await signIn(popup, { host: sim.address, ...ADMIN });
  await waitForSession(popup);
  await popup.getByRole('button', { name: 'Send' }).click();
  await popup.getByRole('region', { name: 'Response' }).getByText('200 OK', { exact: true }).waitFor();

  const [tab] = await Promise.all([
    browser.context.waitForEvent('page'),
    popup.getByRole('button', { name: 'Open in tab' }).click(),
  ]);
  await tab.waitForLoadState();
  assert.equal(new URL(tab.url()).search, '?view=page');

  const session = await waitForSession(tab);
  await session.getByText(sim.address).waitFor();
  await tab.getByRole('region', { name: 'Response' }).getByText('200 OK', { exact: true }).waitFor();
  assert.equal(await tab.getByRole('button', { name: 'Open in tab' }).count(), 0, 'the full-page view links to itself');
});
