// A 2.5-hour FMC session on a shortened clock: 30-minute tokens become 4 s,
// so the run takes about 20 s. The popup is opened and closed at random
// while requests go to two simulators. No request may fail, no sign-in may
// be refreshed more than 3 times, and each simulator may only see its own
// tokens.

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, test } from 'node:test';

import { ADMIN, launchBrowser, signIn, startSim, waitForSession } from './harness.mjs';

const LIFETIME_MS = 4_000;
/** 2.5 hours of 30-minute tokens is 5 token lifetimes. */
const RUN_MS = 5 * LIFETIME_MS;

const cleanups = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) {
    await cleanup();
  }
});

/** Returns a seeded random source, so a failing run can be repeated. */
function randomSource(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function refreshCount(stats) {
  return stats.refreshes.refreshtoken + stats.refreshes['refresh-token'];
}

test('shortened 2.5-hour session never fails', async () => {
  const lifetimeArgs = ['--access-token-lifetime', String(LIFETIME_MS / 1000)];
  const servers = [await startSim(lifetimeArgs), await startSim(lifetimeArgs)];
  cleanups.push(...servers.map((server) => () => server.stop()));
  const browser = await launchBrowser({ trustSpki: servers.map((server) => server.spki).join(',') });
  cleanups.push(() => browser.close());

  const setup = await browser.openPopup();
  await setup.getByRole('textbox', { name: 'Host' }).waitFor();
  await setup.evaluate((value) => chrome.storage.local.set({ token_lifetime_override_ms: value }), LIFETIME_MS);
  for (const [index, server] of servers.entries()) {
    if (index > 0) {
      await setup.getByRole('combobox', { name: 'Profile' }).selectOption({ label: 'New connection…' });
    }
    await setup.getByRole('checkbox', { name: 'Keep password until the browser closes' }).check();
    await signIn(setup, { host: server.address, ...ADMIN });
    await waitForSession(setup);
  }
  await setup.close();

  const random = randomSource(20261204);
  const started = Date.now();
  let sent = 0;
  while (Date.now() - started < RUN_MS) {
    await sleep(200 + random() * 1_500);
    const server = servers[Math.floor(random() * servers.length)];
    const page = await browser.openPopup();
    await page.getByRole('combobox', { name: 'Profile' }).selectOption({ label: `admin@${server.address}` });
    const session = await waitForSession(page);
    await session.getByText(server.address).waitFor();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('region', { name: 'Response' }).getByText('200 OK', { exact: true }).waitFor();
    assert.equal(await page.getByRole('alert').count(), 0, 'a request showed a problem');
    sent += 1;
    if (random() < 0.7) {
      await page.close();
    }
  }

  for (const server of servers) {
    const stats = await server.stats();
    assert.ok(stats.signIns >= 2, `expected a new sign-in after 3 refreshes, got ${stats.signIns} sign-ins`);
    assert.ok(
      refreshCount(stats) <= 3 * stats.signIns,
      `${refreshCount(stats)} refreshes for ${stats.signIns} sign-ins: more than 3 per sign-in`,
    );
    assert.equal(stats.unknownTokensPresented, 0, `${server.address} received a token another host issued`);
    assert.equal(stats.signInFailures, 0);
    assert.equal(stats.refreshFailures, 0);
    console.log(
      `${server.address}: ${stats.signIns} sign-ins, ${refreshCount(stats)} refreshes, ` +
        `${stats.requestsByStatus['401'] ?? 0} rejected tokens, statuses ${JSON.stringify(stats.requestsByStatus)}`,
    );
  }
  console.log(`${sent} requests sent in ${Date.now() - started} ms, all answered 200`);
});
