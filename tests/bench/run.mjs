// Runs every benchmark against the development build and the simulator on
// loopback, then writes BENCHMARKS.md. Started by `cargo xtask bench`,
// which builds everything first and sets BENCH_SIZES and BENCH_OUTPUT.
//
// Figures are reported, never judged: a missed target does not fail the run.

import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { chromiumPath, launchBrowser, repoRoot, simBinary, startSim } from '../e2e/harness.mjs';
import { writeReport } from './report.mjs';
import {
  fetchAllPages,
  fetchPagesBare,
  largeResponse,
  requestOverhead,
  signedInPopup,
  timeToInteractive,
} from './scenarios.mjs';
import { crateSizes } from './wasm_names.mjs';

const POPUP_RUNS = 11;
const REQUEST_RUNS = 15;
const FETCH_ALL_OBJECTS = 20_000;
/** Page size that Fetch all pages is given, the simulator's default page cap. */
const FETCH_ALL_PAGE_SIZE = 1000;
/** Requests a minute that the simulator allows during Fetch all pages. */
const FETCH_ALL_RATE = 20;
const MB = 1024 * 1024;
/** Bodies for the large-response benchmark, with their run counts. */
const LARGE_CASES = [
  { label: '1 MB blob', path: `/api/_sim/blob?bytes=${MB}`, bodyBytes: MB, runs: 7 },
  { label: '10 MB blob', path: `/api/_sim/blob?bytes=${10 * MB}`, bodyBytes: 10 * MB, runs: 7, profile: true },
  { label: '50 MB blob', path: `/api/_sim/blob?bytes=${50 * MB}`, bodyBytes: 50 * MB, runs: 3 },
  {
    label: '10,000 networks, expanded',
    path: '/api/fmc_config/v1/domain/{domainUUID}/object/networks?expanded=true&limit=10000',
    bodyBytes: null,
    runs: 7,
  },
];

const run = promisify(execFile);

async function machine() {
  const { stdout } = await run(chromiumPath, ['--version']);
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: totalmem() / 1024 ** 3,
    chromium: stdout.trim(),
    node: process.version,
    date: new Date().toISOString(),
  };
}

async function popupOpen(browser) {
  const floorUrl = browser.popupUrl.replace('popup.html', 'bench-floor.html');
  // One untimed visit each, so neither side pays for the first disk read.
  await timeToInteractive(browser.context, browser.popupUrl);
  await timeToInteractive(browser.context, floorUrl);
  const app = [];
  const floor = [];
  for (let i = 0; i < POPUP_RUNS; i++) {
    app.push(await timeToInteractive(browser.context, browser.popupUrl));
    floor.push(await timeToInteractive(browser.context, floorUrl));
  }
  return { app, floor };
}

/** Measures the body size of a path once with a bare fetch from the page. */
async function bodySize(page, sim, path) {
  const stats = await sim.stats();
  const tokens = Object.keys(stats.accessTokens);
  const url = `https://${sim.address}${path.replace('{domainUUID}', 'e276abec-e0f2-11e3-8169-6d9ed49b625f')}`;
  return page.evaluate(
    async ({ target, accessToken }) => {
      const response = await fetch(target, { headers: { 'X-auth-access-token': accessToken } });
      return (await response.text()).length;
    },
    { target: url, accessToken: tokens[tokens.length - 1] },
  );
}

async function largeResponses(page, sim) {
  const results = [];
  for (const testCase of LARGE_CASES) {
    const bodyBytes = testCase.bodyBytes ?? (await bodySize(page, sim, testCase.path));
    const samples = [];
    let hotFunctions = [];
    for (let i = 0; i < testCase.runs; i++) {
      const profile = testCase.profile === true && i === testCase.runs - 1;
      const sample = await largeResponse(page, testCase.path, { profile });
      if (profile) {
        hotFunctions = sample.hotFunctions;
      }
      samples.push(sample);
      console.log(`bench: ${testCase.label} run ${i + 1}: painted ${sample.painted.toFixed(0)} ms, longest task ${sample.longestTask.toFixed(0)} ms`);
    }
    results.push({ ...testCase, bodyBytes, samples, hotFunctions });
  }
  return results;
}

/** Reads the simulator's rate-limit flag and its default from `--help`, if it has one. */
async function simRateLimit() {
  const { stdout } = await run(simBinary, ['--help']);
  const match = stdout.match(/(--[a-z-]*rate[a-z-]*)[^\n]*\n(?:[^\n]*\n)*?[^\n]*\[default: (\d+)\]/);
  return match ? { flag: match[1], perMinute: Number(match[2]) } : null;
}

async function fetchAll(simRate) {
  // A tightened limit, as in the end-to-end test, makes the rate the bound:
  // 20 pages plus the sign-in and the server version are 22 requests.
  const rate = simRate ? { ...simRate, perMinute: FETCH_ALL_RATE } : null;
  const rateArgs = rate ? [rate.flag, String(rate.perMinute)] : [];
  const sim = await startSim(['--networks', String(FETCH_ALL_OBJECTS), ...rateArgs]);
  const browser = await launchBrowser({ trustSpki: sim.spki });
  try {
    const page = await signedInPopup(browser, sim, rate?.perMinute);
    const elapsedMs = await fetchAllPages(page, `net-${FETCH_ALL_OBJECTS}`, FETCH_ALL_PAGE_SIZE);
    if (elapsedMs === null) {
      return { rate, elapsedMs, bareMs: null };
    }
    // The bare fetches count against the same rate limit, so wait for the
    // window to empty first.
    if (rate) {
      await new Promise((resolve) => setTimeout(resolve, 61_000));
    }
    const bareMs = await fetchPagesBare(page, sim, FETCH_ALL_PAGE_SIZE);
    return { rate, elapsedMs, bareMs };
  } finally {
    await browser.close();
    await sim.stop();
  }
}

async function main() {
  const sizes = JSON.parse(await readFile(process.env.BENCH_SIZES, 'utf8'));
  const wasm = await crateSizes(join(repoRoot, 'target', 'wasm32-unknown-unknown', 'release', 'fmc-ext.wasm'));
  const info = await machine();

  // The other benchmarks send more requests than an FMC allows per minute,
  // so they run with the simulator's rate limit off when it has one.
  const rate = await simRateLimit();
  const noRateLimit = rate ? [rate.flag, '0'] : [];
  const sim = await startSim(['--networks', '10000', '--page-cap', '10000', ...noRateLimit]);
  const browser = await launchBrowser({ trustSpki: sim.spki });
  let popup;
  let overhead;
  let large;
  try {
    console.log('bench: popup open to interactive');
    popup = await popupOpen(browser);
    const page = await signedInPopup(browser, sim);
    console.log('bench: request overhead');
    overhead = await requestOverhead(page, sim, REQUEST_RUNS);
    console.log('bench: large responses');
    large = await largeResponses(page, sim);
  } finally {
    await browser.close();
    await sim.stop();
  }
  console.log('bench: fetch all pages');
  const fetchAllResult = await fetchAll(rate);

  await writeReport(process.env.BENCH_OUTPUT ?? join(repoRoot, 'BENCHMARKS.md'), {
    info,
    sizes,
    wasm,
    popup,
    overhead,
    large,
    fetchAll: { ...fetchAllResult, objects: FETCH_ALL_OBJECTS, pageSize: FETCH_ALL_PAGE_SIZE },
  });
}

await main();
