// The benchmark scenarios. Each returns raw samples in milliseconds or
// bytes; run.mjs summarizes them and writes the report.

import {
  ADMIN,
  GLOBAL_DOMAIN_UUID,
  signIn,
  waitForSession,
} from '../e2e/harness.mjs';
import { setRateLimitOverride } from '../e2e/fetch_helpers.mjs';

/** Upper bound for one large response to appear; 50 MB can take long. */
const LARGE_RESPONSE_TIMEOUT_MS = 180_000;
/** storage.session key of the last response, `LAST_RESPONSE_KEY` in src/state.rs. */
const LAST_RESPONSE_KEY = 'last_response';
/** What the Response region shows before any response. */
const EMPTY_RESPONSE_TEXT = "Send a request to see the FMC's response here.";
/** Quiet time after a response appears, so trailing long tasks are counted. */
const SETTLE_MS = 1_000;

/**
 * Times navigation to a page until its Host textbox is enabled and a typed
 * character lands in it. Runs in a fresh tab each time.
 */
export async function timeToInteractive(context, url) {
  const page = await context.newPage();
  const started = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  const host = page.getByRole('textbox', { name: 'Host' });
  // click() waits until the textbox is visible, enabled and stable.
  await host.click();
  await page.keyboard.press('End');
  await page.keyboard.type('x');
  await page.waitForFunction(() => document.getElementById('host')?.value.endsWith('x'));
  const elapsed = performance.now() - started;
  await page.close();
  return elapsed;
}

/** Opens the popup, signs in as admin and waits for the Session region. */
export async function signedInPopup(browser, sim, rateLimit) {
  const page = await browser.openPopup();
  if (rateLimit !== undefined) {
    await page.getByRole('textbox', { name: 'Host' }).waitFor();
    await setRateLimitOverride(page, rateLimit);
  }
  await signIn(page, { host: sim.address, ...ADMIN });
  await waitForSession(page);
  return page;
}

/**
 * Clicks Send in the page and resolves with the milliseconds until the
 * Response region matches `doneMarker`, plus the longest task seen until
 * SETTLE_MS after that. Runs inside the page, so no round trip to Node is
 * counted.
 */
function clickSendAndWait(page, doneMarker) {
  return page.evaluate(
    ({ marker, settleMs }) => {
      const region = document.querySelector('section[aria-label="Response"]');
      const send = [...document.querySelectorAll('button')].find((button) => button.textContent.trim() === 'Send');
      const longTasks = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          longTasks.push(entry.duration);
        }
      });
      observer.observe({ type: 'longtask' });
      const matches = () => {
        if (marker.status) {
          const status = region.querySelector('p.status strong')?.textContent ?? '';
          // The first view is the status with the first lines of the body.
          return status.startsWith(marker.status) && region.querySelector('.viewer-line') !== null;
        }
        return region.textContent.includes(marker.text);
      };
      return new Promise((resolve) => {
        const started = performance.now();
        const watcher = new MutationObserver(() => {
          if (!matches()) {
            return;
          }
          watcher.disconnect();
          const shown = performance.now() - started;
          // The next animation frame is the first paint that can show it.
          requestAnimationFrame(() => {
            const painted = performance.now() - started;
            setTimeout(() => {
              observer.disconnect();
              resolve({ shown, painted, longestTask: Math.max(0, ...longTasks) });
            }, settleMs);
          });
        });
        watcher.observe(region, { childList: true, subtree: true, characterData: true });
        send.click();
      });
    },
    { marker: doneMarker, settleMs: SETTLE_MS },
  );
}

/** Replaces the composer's Path. */
async function setPath(page, path) {
  await page.getByRole('textbox', { name: 'Path', exact: true }).fill(path);
}

/**
 * Measures Send-to-shown for a small networks page against a bare fetch of
 * the same URL with the same headers from the same page. Each run requests
 * a different offset so that the response, and the text waited for, differ.
 */
export async function requestOverhead(page, sim, runs) {
  const app = [];
  const bare = [];
  for (let run = 0; run < runs; run++) {
    const offset = run * 2;
    const query = `?limit=2&offset=${offset}`;
    await setPath(page, `/api/fmc_config/v1/domain/{domainUUID}/object/networks${query}`);
    const name = `net-${String(offset + 1).padStart(5, '0')}`;
    const result = await clickSendAndWait(page, { text: `"name": "${name}"` });
    app.push(result.shown);

    const token = await latestAccessToken(sim);
    const url = `https://${sim.address}/api/fmc_config/v1/domain/${GLOBAL_DOMAIN_UUID}/object/networks${query}`;
    bare.push(
      await page.evaluate(
        async ({ target, accessToken }) => {
          const started = performance.now();
          const response = await fetch(target, {
            headers: { Accept: 'application/json', 'X-auth-access-token': accessToken },
          });
          await response.text();
          return performance.now() - started;
        },
        { target: url, accessToken: token },
      ),
    );
  }
  return { app, bare };
}

async function latestAccessToken(sim) {
  const tokens = Object.keys((await sim.stats()).accessTokens);
  return tokens[tokens.length - 1];
}

/**
 * Measures one large response: reloads the popup (the session survives a
 * reload), sends `path`, and reads the JS heap after a forced garbage
 * collection and the size of the wasm linear memory. With `profile`, also records a CPU profile of the run and
 * returns its functions with the most self time.
 */
export async function largeResponse(page, path, { profile = false } = {}) {
  // The popup shows the last response kept in storage.session after a
  // reload. Removing it first means the only status line is the new one.
  await page.evaluate((key) => chrome.storage.session.remove(key), LAST_RESPONSE_KEY);
  await page.reload();
  await page.getByText(EMPTY_RESPONSE_TEXT).waitFor();
  await waitForSession(page);
  await setPath(page, path);
  const cdp = await page.context().newCDPSession(page);
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
  }
  page.setDefaultTimeout(LARGE_RESPONSE_TIMEOUT_MS);
  const result = await clickSendAndWait(page, { status: '200' });
  let hotFunctions = [];
  if (profile) {
    const { profile: cpuProfile } = await cdp.send('Profiler.stop');
    hotFunctions = selfTimes(cpuProfile).slice(0, 8);
  }
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return { ...result, heapBytes: usedSize, wasmMemoryBytes: await wasmMemoryBytes(page), hotFunctions };
}

/**
 * Returns the size of the popup's wasm linear memory. The wasm-bindgen
 * loader's init returns the already created instance on a second call, and
 * linear memory never shrinks, so this is the maximum since the page loaded.
 */
function wasmMemoryBytes(page) {
  return page.evaluate(async () => {
    const loader = await import('./fmc-ext.js');
    const exports = await loader.default();
    return exports.memory.buffer.byteLength;
  });
}

/** Sums a CPU profile's samples per function, in milliseconds, largest first. */
export function selfTimes(cpuProfile) {
  const nodes = new Map(cpuProfile.nodes.map((node) => [node.id, node]));
  const totals = new Map();
  for (let i = 0; i < cpuProfile.samples.length; i++) {
    const node = nodes.get(cpuProfile.samples[i]);
    const frame = node.callFrame;
    const file = frame.url.split('/').pop() || '(native)';
    const key = `${frame.functionName || '(anonymous)'} [${file}]`;
    totals.set(key, (totals.get(key) ?? 0) + (cpuProfile.timeDeltas[i] ?? 0) / 1000);
  }
  return [...totals].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
}

/**
 * Times "Fetch all pages" of the networks list when the build has that
 * button; returns null otherwise.
 */
export async function fetchAllPages(page, expectedLastName, limit) {
  const button = page.getByRole('button', { name: 'Fetch all pages' });
  if ((await button.count()) === 0) {
    return null;
  }
  await setPath(page, `/api/fmc_config/v1/domain/{domainUUID}/object/networks?limit=${limit}`);
  page.setDefaultTimeout(LARGE_RESPONSE_TIMEOUT_MS * 3);
  const started = performance.now();
  await button.click();
  await page.locator('.fetch-progress [role=status]').filter({ hasText: /^Fetched/ }).waitFor();
  const elapsedMs = performance.now() - started;
  // The viewer renders only the visible lines, so the filter brings up the
  // last item's name to check that every page arrived.
  const response = page.getByRole('region', { name: 'Response' });
  await response.getByRole('textbox', { name: 'Filter' }).fill('items[-1].name');
  await response.locator('.viewer-line').filter({ hasText: `"${expectedLastName}"` }).waitFor();
  await response.getByRole('textbox', { name: 'Filter' }).fill('');
  return elapsedMs;
}

/**
 * Times bare sequential fetches of every page of the networks list from the
 * page, following `paging.next`, as the transfer floor of Fetch all pages.
 */
export async function fetchPagesBare(page, sim, limit) {
  const token = await latestAccessToken(sim);
  const first = `https://${sim.address}/api/fmc_config/v1/domain/${GLOBAL_DOMAIN_UUID}/object/networks?limit=${limit}`;
  return page.evaluate(
    async ({ url, accessToken }) => {
      const started = performance.now();
      let next = url;
      while (next) {
        const response = await fetch(next, { headers: { 'X-auth-access-token': accessToken } });
        const body = await response.json();
        next = body.paging?.next?.[0];
      }
      return performance.now() - started;
    },
    { url: first, accessToken: token },
  );
}
