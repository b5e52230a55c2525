// Sessions kept alive without the user touching a token: background
// refreshes and a new sign-in with the popup closed, a 401 followed by one
// refresh and a replay, a session ended by another sign-in of the same
// account, one refresh for many waiting requests, and two FMCs side by side.
// The simulator runs with a shortened token lifetime so nothing waits 30
// minutes.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { request } from 'node:https';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, test } from 'node:test';

import { ADMIN, launchBrowser, signIn, startSim, waitForAlert, waitForSession } from './harness.mjs';

const cleanups = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) {
    await cleanup();
  }
});

/** Starts a simulator that is stopped after all tests. */
async function sim(args = []) {
  const started = await startSim(args);
  cleanups.push(() => started.stop());
  return started;
}

/** Launches Chromium trusting `trusted` simulators' certificates. */
async function browserFor(...trusted) {
  const browser = await launchBrowser({ trustSpki: trusted.map((server) => server.spki).join(',') });
  cleanups.push(() => browser.close());
  return browser;
}

/** Tells the extension the simulator's shortened token lifetime. */
async function setTokenLifetime(page, milliseconds) {
  await page.getByRole('textbox', { name: 'Host' }).waitFor();
  await page.evaluate((value) => chrome.storage.local.set({ token_lifetime_override_ms: value }), milliseconds);
}

async function signInWithKeptPassword(page, server) {
  await page.getByRole('checkbox', { name: 'Keep password until the browser closes' }).check();
  await signIn(page, { host: server.address, ...ADMIN });
  return waitForSession(page);
}

async function send(page) {
  await page.getByRole('button', { name: 'Send' }).click();
}

async function waitForStatus(page, statusText) {
  await page.getByRole('region', { name: 'Response' }).getByText(statusText, { exact: true }).waitFor();
}

function refreshCount(stats) {
  return stats.refreshes.refreshtoken + stats.refreshes['refresh-token'];
}

/** Polls the simulator's counters until `check` accepts them. */
async function waitForStats(server, check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  let stats = await server.stats();
  while (!check(stats)) {
    if (Date.now() > deadline) {
      assert.fail(`${what} within ${timeoutMs} ms; simulator stats: ${JSON.stringify(stats)}`);
    }
    await sleep(250);
    stats = await server.stats();
  }
  return stats;
}

/** Signs in as `username` directly at the simulator, as another client would. */
async function signInElsewhere(server, { username, password }) {
  const certificate = await readFile(join(server.stateDir, 'cert.pem'), 'utf8');
  const [host, port] = [server.address.slice(0, server.address.lastIndexOf(':')), server.port];
  const authorization = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
  const status = await new Promise((resolve, reject) => {
    const req = request(
      { host, port, method: 'POST', path: '/api/fmc_platform/v1/auth/generatetoken', ca: certificate, headers: { authorization } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode));
      },
    );
    req.on('error', reject);
    req.end();
  });
  assert.equal(status, 204, 'the second sign-in at the simulator failed');
}

test('popup closed keeps session alive', async () => {
  const server = await sim(['--access-token-lifetime', '6']);
  const browser = await browserFor(server);
  let page = await browser.openPopup();
  await setTokenLifetime(page, 6_000);
  await signInWithKeptPassword(page, server);
  await page.close();

  // Three refreshes and then a new sign-in, all done by the service worker.
  const stats = await waitForStats(
    server,
    (current) => refreshCount(current) >= 3 && current.signIns >= 2,
    60_000,
    'the service worker did not refresh 3 times and sign in again',
  );
  assert.equal(refreshCount(stats), 3, 'a 4th refresh was sent for one sign-in');
  assert.equal(stats.requestsByStatus['401'] ?? 0, 0, 'a refresh or sign-in was rejected');

  page = await browser.openPopup();
  await waitForSession(page);
  await send(page);
  await waitForStatus(page, '200 OK');
  const after = await server.stats();
  assert.equal(after.requestsByStatus['401'] ?? 0, 0, 'the request met an expired token');
});

test('401 replayed after one refresh', async () => {
  // The extension assumes 30-minute tokens while the simulator expires them
  // after 2 s, so the token is rejected although it looks valid.
  const server = await sim(['--access-token-lifetime', '2']);
  const browser = await browserFor(server);
  const page = await browser.openPopup();
  await signIn(page, { host: server.address, ...ADMIN });
  await waitForSession(page);
  await sleep(2_500);

  await send(page);
  await waitForStatus(page, '200 OK');

  const stats = await server.stats();
  assert.equal(refreshCount(stats), 1);
  assert.equal(stats.requestsByStatus['401'], 1, 'expected exactly the one rejected attempt');
  await page.getByRole('status').filter({ hasText: 'sent the request again' }).waitFor();
});

test('second sign-in reported as ended session', async () => {
  const server = await sim();
  const browser = await browserFor(server);
  const page = await browser.openPopup();
  await signIn(page, { host: server.address, ...ADMIN });
  await waitForSession(page);

  await signInElsewhere(server, ADMIN);
  await send(page);

  const alert = await waitForAlert(page, 'ended the API session');
  const message = await alert.textContent();
  assert.match(message, /web UI/);
  assert.match(message, /separate account/);
  assert.equal(await page.getByRole('textbox', { name: 'Username' }).inputValue(), ADMIN.username);
  assert.equal(await page.getByRole('textbox', { name: 'Host' }).inputValue(), server.address);
  assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '');
});

test('ten waiting requests share one refresh', async () => {
  const server = await sim(['--access-token-lifetime', '2']);
  const browser = await browserFor(server);
  const first = await browser.openPopup();
  await signIn(first, { host: server.address, ...ADMIN });
  await waitForSession(first);
  await first.close();

  const pages = [];
  for (let index = 0; index < 10; index += 1) {
    const page = await browser.openPopup();
    await waitForSession(page);
    pages.push(page);
  }
  await sleep(2_500);
  const before = await server.stats();
  assert.equal(refreshCount(before), 0);

  await Promise.all(pages.map((page) => send(page)));
  await Promise.all(pages.map((page) => waitForStatus(page, '200 OK')));

  const stats = await server.stats();
  assert.equal(refreshCount(stats), 1, 'each waiting request must reuse the one refresh');
});

test('two FMCs keep separate tokens', async () => {
  const first = await sim(['--networks', '40']);
  const second = await sim(['--networks', '40']);
  const browser = await browserFor(first, second);
  const page = await browser.openPopup();

  await signIn(page, { host: first.address, ...ADMIN });
  await waitForSession(page);
  await page.getByRole('combobox', { name: 'Profile' }).selectOption({ label: 'New connection…' });
  await signIn(page, { host: second.address, ...ADMIN });
  let session = await waitForSession(page);
  await session.getByText(second.address).waitFor();
  await send(page);
  await waitForStatus(page, '200 OK');

  await page.getByRole('combobox', { name: 'Profile' }).selectOption({ label: `admin@${first.address}` });
  session = await waitForSession(page);
  await session.getByText(first.address).waitFor();
  await send(page);
  // The second FMC's 200 is still on screen, so wait for the first FMC to answer.
  await waitForStats(first, (current) => current.requestsByStatus['200'] >= 1, 10_000, 'the first FMC got no request');
  await waitForStatus(page, '200 OK');

  const [firstStats, secondStats] = [await first.stats(), await second.stats()];
  assert.equal(firstStats.signIns, 1, 'switching profiles must not sign in again');
  assert.equal(secondStats.signIns, 1, 'switching profiles must not sign in again');
  assert.equal(firstStats.unknownTokensPresented, 0, 'the first FMC received a token it did not issue');
  assert.equal(secondStats.unknownTokensPresented, 0, 'the second FMC received a token it did not issue');
  assert.equal(firstStats.requestsByStatus['200'], 1);
  assert.equal(secondStats.requestsByStatus['200'], 1);
});

test('refresh-token spelling found and remembered', async () => {
  const server = await sim(['--access-token-lifetime', '2', '--refresh-path-spelling', 'refresh-token']);
  const browser = await browserFor(server);
  const page = await browser.openPopup();
  await signIn(page, { host: server.address, ...ADMIN });
  await waitForSession(page);

  for (let round = 1; round <= 2; round += 1) {
    await sleep(2_500);
    await send(page);
    const stats = await waitForStats(
      server,
      (current) => current.refreshes['refresh-token'] >= round,
      10_000,
      `the request of round ${round} caused no refresh`,
    );
    await waitForStatus(page, '200 OK');
    assert.equal(stats.refreshes['refresh-token'], round);
    assert.equal(stats.requestsByStatus['404'], 1, 'refreshtoken must be tried only until it answered 404 once');
  }
});

test('ended session shows badge and form', async () => {
  const server = await sim(['--access-token-lifetime', '2']);
  const browser = await browserFor(server);
  let page = await browser.openPopup();
  await setTokenLifetime(page, 2_000);
  await page.getByRole('textbox', { name: 'Profile name (optional)' }).fill('Lab FMC');
  await signIn(page, { host: server.address, ...ADMIN });
  await waitForSession(page);
  await page.close();

  await waitForStats(server, (current) => refreshCount(current) >= 3, 30_000, 'the service worker did not refresh 3 times');
  // The last token lives 2 s more; without a kept password the sign-in ends.
  await sleep(3_000);

  page = await browser.openPopup();
  await waitForAlert(page, 'has ended after its 3 refreshes');
  const profile = page.getByRole('combobox', { name: 'Profile' });
  assert.equal(await profile.evaluate((select) => select.selectedOptions[0]?.textContent.trim()), 'Lab FMC');
  assert.equal(await page.getByRole('textbox', { name: 'Username' }).inputValue(), ADMIN.username);
  assert.equal(await page.evaluate(() => chrome.action.getBadgeText({})), 'off');
  const stats = await server.stats();
  assert.equal(refreshCount(stats), 3, 'a 4th refresh was sent');
  assert.equal(stats.signIns, 1, 'no password was kept, so no new sign-in may happen');
});

test('two users on one FMC keep separate sessions', async () => {
  const server = await sim(['--networks', '40']);
  const browser = await browserFor(server);
  const page = await browser.openPopup();
  await signIn(page, { host: server.address, ...ADMIN });
  await waitForSession(page);
  await page.getByRole('combobox', { name: 'Profile' }).selectOption({ label: 'New connection…' });
  await signIn(page, { host: server.address, username: 'apiuser', password: 'Pa:ss wörd1' });
  let session = await waitForSession(page);
  await session.getByText('apiuser', { exact: true }).waitFor();

  await page.getByRole('combobox', { name: 'Profile' }).selectOption({ label: `admin@${server.address}` });
  session = await waitForSession(page);
  await session.getByText('admin', { exact: true }).waitFor();
  const domain = page.getByRole('combobox', { name: 'Domain' });
  assert.equal(await domain.evaluate((select) => select.selectedOptions[0]?.textContent.trim()), 'Global');
  await send(page);
  await waitForStatus(page, '200 OK');

  const stats = await server.stats();
  assert.equal(stats.signIns, 2);
  const users = Object.values(stats.accessTokens).map((token) => token.user).sort();
  assert.deepEqual(users, ['admin', 'apiuser']);
  const adminToken = Object.values(stats.accessTokens).find((token) => token.user === 'admin');
  assert.ok(adminToken.pathPrefixes.length > 0, "the request did not carry admin's token");
});
