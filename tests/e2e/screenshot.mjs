// Signs in to a running simulator through the popup in headless Chromium,
// sends the composer's default request and writes a screenshot after each
// step, then of the response in the dark theme and of the full-page view
// (Open in tab) in both themes. `cargo xtask run` starts the simulator and runs this script when no
// display is available.
//
// Environment: FMC_SIM_ADDRESS (IP:PORT), FMC_SIM_SPKI (base64 public key
// hash), SCREENSHOT_DIR (default target/screenshots), EXTENSION_DIR.

import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { ADMIN, launchBrowser, repoRoot, signIn, waitForSession } from './harness.mjs';

const address = process.env.FMC_SIM_ADDRESS;
const spki = process.env.FMC_SIM_SPKI;
if (!address || !spki) {
  console.error('FMC_SIM_ADDRESS and FMC_SIM_SPKI must be set; `cargo xtask run` sets both.');
  process.exit(2);
}
const screenshotDir = process.env.SCREENSHOT_DIR ?? join(repoRoot, 'target', 'screenshots');
await mkdir(screenshotDir, { recursive: true });
// Screenshots of an earlier run would look like results of this one.
for (const name of await readdir(screenshotDir)) {
  if (/^popup-.*\.png$/.test(name)) {
    await rm(join(screenshotDir, name));
  }
}

/** A laptop screen, for the full-page view. */
const FULL_PAGE_VIEWPORT = { width: 1366, height: 900 };

const browser = await launchBrowser({ trustSpki: spki });
const page = await browser.openPopup();
const shoot = async (name, shotPage = page) => {
  const path = join(screenshotDir, `popup-${name}.png`);
  // The whole page, so the response below the popup's 600 px is in the picture.
  await shotPage.screenshot({ path, fullPage: true });
  console.log(path);
};

let failed = false;
try {
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await shoot('1-sign-in');

  await signIn(page, { host: address, ...ADMIN });
  await waitForSession(page);
  await shoot('2-signed-in');

  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('region', { name: 'Response' }).getByText('200 OK').waitFor();
  await shoot('3-response');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot('4-response-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  const [tab] = await Promise.all([
    browser.context.waitForEvent('page'),
    page.getByRole('button', { name: 'Open in tab' }).click(),
  ]);
  await tab.setViewportSize(FULL_PAGE_VIEWPORT);
  await tab.getByRole('region', { name: 'Response' }).getByText('200 OK').waitFor();
  await shoot('5-full-page', tab);
  await tab.emulateMedia({ colorScheme: 'dark' });
  await shoot('6-full-page-dark', tab);
} catch (error) {
  failed = true;
  console.error(`Screenshots stopped: ${error.message}`);
  console.error('The popup as it was when the step failed:');
  await shoot('error');
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
