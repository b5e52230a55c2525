// Launches headless Firefox with the Firefox development build of the
// extension installed, for tests against the simulator that
// ../e2e/harness.mjs starts.
//
// Puppeteer drives Firefox over WebDriver BiDi, so no geckodriver is needed.
// The profile is new for each launch and trusts only the simulator's
// certificate. A proxy on a closed loopback port catches every request to a
// host other than loopback, so the browser reaches nothing outside this
// machine.

import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import puppeteer from 'puppeteer-core';

import { POPUP_VIEWPORT, STEP_TIMEOUT_MS, repoRoot, unusedPort } from '../e2e/harness.mjs';

export const extensionDir = process.env.FIREFOX_EXTENSION_DIR ?? join(repoRoot, 'dist', 'firefox-dev');
export const firefoxPath = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const certutilPath = process.env.CERTUTIL ?? '/usr/bin/certutil';
const POLL_INTERVAL_MS = 100;

const run = promisify(execFile);

/**
 * Creates a Firefox profile whose certificate database trusts the
 * simulator's self-signed certificate (`cert.pem` in its state directory).
 * It is imported as a trust anchor for TLS servers ("C,,"), because
 * Firefox 140 ignores peer trust ("P,,") and rejects the connection with
 * MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT.
 */
async function profileTrusting(stateDir) {
  const profileDir = await mkdtemp(join(tmpdir(), 'fmc-firefox-'));
  const database = `sql:${profileDir}`;
  await run(certutilPath, ['-N', '-d', database, '--empty-password']);
  await run(certutilPath, ['-A', '-d', database, '-n', 'fmc-sim', '-t', 'C,,', '-i', join(stateDir, 'cert.pem')]);
  return profileDir;
}

/**
 * Preferences for a test profile. Puppeteer adds its own, which point
 * updates, telemetry and remote settings at an unresolvable host, but
 * Firefox ESR 140 ignores the remote settings override ("Ignoring
 * preference override of remote settings server"), so the proxy below is
 * what keeps its traffic on loopback.
 */
async function testPreferences(addonId, extensionUuid) {
  return {
    // Any request that would leave loopback goes to this closed port
    // instead. Firefox bypasses the proxy for loopback addresses while
    // `network.proxy.allow_hijacking_localhost` is false, its default.
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': await unusedPort(),
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': await unusedPort(),
    'network.proxy.no_proxies_on': '127.0.0.1, localhost, [::1]',
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    // Fixes the moz-extension:// host, which Firefox otherwise picks at
    // random for each profile.
    'extensions.webextensions.uuids': JSON.stringify({ [addonId]: extensionUuid }),
  };
}

/**
 * Launches headless Firefox ESR, installs the Firefox development build as
 * a temporary add-on and trusts the simulator's certificate.
 *
 * @param {{ stateDir: string }} sim a simulator from `startSim`
 */
export async function launchFirefox(sim) {
  const manifest = JSON.parse(await readFile(join(extensionDir, 'manifest.json'), 'utf8'));
  const addonId = manifest.browser_specific_settings?.gecko?.id;
  if (typeof addonId !== 'string') {
    throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id; build it with \`cargo xtask dist\`.`);
  }
  const extensionUuid = randomUUID();
  const profileDir = await profileTrusting(sim.stateDir);

  let browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath,
      headless: true,
      userDataDir: profileDir,
      extraPrefsFirefox: await testPreferences(addonId, extensionUuid),
      defaultViewport: POPUP_VIEWPORT,
      protocolTimeout: 60_000,
    });
    const installedId = await browser.installExtension(extensionDir);
    if (installedId !== addonId) {
      throw new Error(`Firefox installed the add-on as ${installedId}, expected ${addonId} from the manifest.`);
    }
  } catch (error) {
    await browser?.close();
    await rm(profileDir, { recursive: true, force: true });
    throw error;
  }

  const popupUrl = `moz-extension://${extensionUuid}/popup.html`;
  return {
    browser,
    addonId,
    popupUrl,
    /** Opens the popup page in a new tab of popup size. */
    async openPopup() {
      const page = await browser.newPage();
      page.setDefaultTimeout(STEP_TIMEOUT_MS);
      // NOTE: `page.goto` to a moz-extension:// URL loads the page but times
      // out (Puppeteer 24.43 with Firefox ESR 140): Puppeteer receives no
      // event for the navigation, and `page.url()` stays about:blank. The
      // BiDi command returns once the page has loaded. `_id` is Puppeteer's
      // internal BiDi browsing context id of the page, so a Puppeteer
      // update may rename it.
      await browser.connection.send('browsingContext.navigate', {
        context: page.mainFrame()._id,
        url: popupUrl,
        wait: 'complete',
      });
      await page.waitForSelector('#host');
      return page;
    },
    async close() {
      await browser.close();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}

// `page.waitForFunction` builds its predicate with `new Function` inside the
// page, which the extension's CSP blocks ("call to Function() blocked by
// CSP"), and Puppeteer's locators time out on the popup. The helpers below
// use `waitForSelector`, element handles and `page.evaluate` instead.

/** Fills the sign-in form and clicks Sign in. */
export async function signIn(page, { host, username, password }) {
  await fill(page, '#host', host);
  await fill(page, '#username', username);
  await fill(page, '#password', password);
  await click(page, 'form button[type="submit"]::-p-text(Sign in)');
}

/** Replaces the value of the input matched by `selector` by typing. */
export async function fill(page, selector, value) {
  const input = await page.waitForSelector(selector);
  await input.evaluate((element) => element.select());
  await input.type(value);
}

/** Clicks the first element matching `selector` once it exists. */
export async function click(page, selector) {
  const element = await page.waitForSelector(selector);
  await element.click();
}

/** Resolves with the trimmed text of the first element matching `selector`. */
export async function textOf(page, selector) {
  const element = await page.waitForSelector(selector);
  return (await element.evaluate((node) => node.textContent)).trim();
}

/**
 * Resolves with the value of the input matched by `selector` once it is not
 * empty, as the popup fills some fields after its first render.
 */
export async function filledValue(page, selector, timeout = STEP_TIMEOUT_MS) {
  return poll(
    () => page.evaluate((css) => document.querySelector(css)?.value ?? '', selector),
    (value) => value !== '',
    `${selector} stayed empty`,
    timeout,
  );
}

/**
 * Resolves once an element matching `selector` contains `pattern`.
 *
 * @param {string} selector CSS selector
 * @param {RegExp} pattern expected text
 */
export async function waitForText(page, selector, pattern, timeout = STEP_TIMEOUT_MS) {
  await poll(
    () => page.evaluate((css) => [...document.querySelectorAll(css)].map((node) => node.textContent), selector),
    (texts) => texts.some((text) => pattern.test(text)),
    `no ${selector} matched ${pattern}`,
    timeout,
  );
}

/**
 * Calls `read` until `accept` returns true for its result and returns that
 * result; rejects after `timeout` milliseconds with `failure` and the last
 * result.
 */
async function poll(read, accept, failure, timeout) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const result = await read();
    if (accept(result)) {
      return result;
    }
    if (Date.now() > deadline) {
      throw new Error(`${failure} within ${timeout} ms; last seen: ${JSON.stringify(result)}`);
    }
    await new Promise((resolvePromise) => setTimeout(resolvePromise, POLL_INTERVAL_MS));
  }
}
