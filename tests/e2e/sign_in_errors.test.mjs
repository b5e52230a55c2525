// Sign-in failures: each shows an alert that names the cause, and the popup
// stays on the sign-in form.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { ADMIN, launchBrowser, signIn, startSim, unusedPort, waitForAlert } from './harness.mjs';

let sim;
let trusting;
let untrusting;

before(async () => {
  sim = await startSim();
  trusting = await launchBrowser({ trustSpki: sim.spki });
  // No SPKI flag: Chromium rejects the simulator's self-signed certificate,
  // as it does for an FMC whose certificate the user has not accepted.
  untrusting = await launchBrowser();
});

after(async () => {
  await trusting?.close();
  await untrusting?.close();
  await sim?.stop();
});

test('wrong password rejected', async () => {
  const page = await trusting.openPopup();

  await signIn(page, { host: sim.address, username: ADMIN.username, password: 'Admin124' });

  await waitForAlert(page, 'rejected the username or password');
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  assert.equal(await page.getByRole('region', { name: 'Session' }).count(), 0);
  const stats = await sim.stats();
  assert.equal(stats.signIns, 0);
  assert.equal(stats.signInFailures, 1);
  await page.close();
});

test('connection refused explained', async () => {
  const page = await trusting.openPopup();
  const port = await unusedPort();

  await signIn(page, { host: `127.0.0.1:${port}`, ...ADMIN });

  await waitForAlert(page, 'refused');
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  assert.equal(await page.getByRole('region', { name: 'Session' }).count(), 0);
  await page.close();
});

test('untrusted certificate guidance', async () => {
  const page = await untrusting.openPopup();

  await signIn(page, { host: sim.address, ...ADMIN });

  const alert = await waitForAlert(page, 'certificate');
  const open = alert.getByRole('button', { name: 'Open FMC in a new tab' });
  const [tab] = await Promise.all([untrusting.context.waitForEvent('page'), open.click()]);
  // The tab shows Chromium's certificate warning, whose frame URL is
  // chrome-error://chromewebdata/. The tab's own URL is the one requested.
  await tab.waitForLoadState('domcontentloaded');
  const devtools = await untrusting.context.newCDPSession(tab);
  const { targetInfo } = await devtools.send('Target.getTargetInfo');
  assert.equal(targetInfo.url, `https://${sim.address}/`);
  const stats = await sim.stats();
  assert.equal(stats.signIns, 0, 'a sign-in got through the untrusted certificate');
  await tab.close();
  await page.close();
});
