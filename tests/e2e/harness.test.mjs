// Checks the test harness itself: the simulator starts and reports stats,
// and Chromium loads the development build under the id derived from its
// manifest key, with the popup's module starting under the extension's
// content security policy.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { extensionIdFromKey, launchBrowser, startSim } from './harness.mjs';

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

test('simulator reports empty stats', async () => {
  const stats = await sim.stats();

  assert.match(sim.address, /^127\.0\.0\.1:\d+$/);
  assert.equal(stats.signIns, 0);
  assert.equal(stats.unknownTokensPresented, 0);
  assert.deepEqual(stats.accessTokens, {});
});

test('extension id from key', () => {
  // The id of the example key "QUJD" (base64 of "ABC"), from
  // printf ABC | sha256sum | cut -c1-32 | tr 0-9a-f a-p
  assert.equal(extensionIdFromKey('QUJD'), 'lfneaefmdpeggpkjbpocmmgklohjcdck');
  assert.match(browser.extensionId, /^[a-p]{32}$/);
});

test('popup page starts without errors', async () => {
  const page = await browser.context.newPage();
  const pageErrors = [];
  const consoleErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') {
      consoleErrors.push(message.text());
    }
  });

  const response = await page.goto(browser.popupUrl);
  // The popup mounts its UI into <body>; any child element means the wasm
  // module ran its start function.
  await page.locator('body > *').first().waitFor();

  assert.ok(response?.ok(), `loading ${browser.popupUrl} failed`);
  assert.equal(await page.title(), 'FMC REST Client');
  assert.equal(await page.getByText('The popup failed to start').count(), 0);
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(consoleErrors, []);
  await page.close();
});
