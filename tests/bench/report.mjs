// Writes BENCHMARKS.md from the results of run.mjs. It can also be run on
// its own, `node tests/bench/report.mjs RESULTS.json OUTPUT.md`, to rewrite
// the report from saved results after editing tests/bench/analysis.md.

import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { formatSummary, summarize } from './stats.mjs';

const ANALYSIS = join(dirname(fileURLToPath(import.meta.url)), 'analysis.md');
const KB = 1024;
const MB = 1024 * 1024;

const kib = (bytes) => `${(bytes / KB).toFixed(1)} KiB`;
const ratio = (value, baseline) => `${(value / baseline).toFixed(2)}x`;

function machineSection({ info }) {
  return [
    '## Machine',
    '',
    `- CPUs (nproc): ${info.cpus} (${info.cpuModel})`,
    `- Memory: ${info.memoryGiB.toFixed(1)} GiB`,
    `- Browser: ${info.chromium}, headless, flags of tests/e2e/harness.mjs`,
    `- Node.js: ${info.node}`,
    `- Date: ${info.date}`,
    '',
  ];
}

function popupSection({ popup }) {
  const app = summarize(popup.app);
  const floor = summarize(popup.floor);
  return [
    '## 1. Popup open to interactive',
    '',
    'From `page.goto` of the page until its Host textbox is visible and enabled and a typed `x` is in its value, in a new tab each run. The floor is `bench-floor.html`: the same sign-in form built by plain JavaScript, loaded from the same development build with the same stylesheet and `defaults.json`. Runs alternate between the two.',
    '',
    '| page | median (min..max) | p10..p90 | runs |',
    '| --- | --- | --- | --- |',
    `| popup (wasm) | ${formatSummary(app, 'ms')} | ${app.p10.toFixed(1)}..${app.p90.toFixed(1)} ms | ${app.runs} |`,
    `| floor (HTML+JS) | ${formatSummary(floor, 'ms')} | ${floor.p10.toFixed(1)}..${floor.p90.toFixed(1)} ms | ${floor.runs} |`,
    '',
    `Ratio of medians: **${ratio(app.median, floor.median)}** the floor. Target: at most 1.50x.`,
    '',
  ];
}

function bundleSection({ sizes, wasm }) {
  const rows = sizes.files.map((file) => `| ${file.name} | ${kib(file.raw)} (${file.raw}) | ${kib(file.gzip)} (${file.gzip}) |`);
  const wasmFile = sizes.files.find((file) => file.name.endsWith('.wasm'));
  const topCrates = wasm.crates.slice(0, 15).map(({ name, bytes }) => `| ${name} | ${kib(bytes)} | ${((100 * bytes) / wasm.codeBytes).toFixed(1)} % |`);
  return [
    '## 2. Bundle',
    '',
    'Files of the release build (`dist/chromium`), after wasm-bindgen and wasm-opt; gzip at level 9 (xtask `sizes.rs`).',
    '',
    '| file | raw | gzip |',
    '| --- | --- | --- |',
    ...rows,
    '',
    wasmFile
      ? `Wasm: ${kib(wasmFile.raw)} against the target of 400 KiB (${ratio(wasmFile.raw, 400 * KB)} the target).`
      : 'No wasm file found in the release build.',
    '',
    `Where the code goes: function body sizes per crate in the module cargo writes (\`target/wasm32-unknown-unknown/release/fmc-ext.wasm\`, before wasm-bindgen and wasm-opt, read from its \`name\` section by \`tests/bench/wasm_names.mjs\`). That module has ${kib(wasm.codeBytes)} of code and a ${kib(wasm.dataBytes)} data section (string constants, including panic and format messages). The \`wasm_bindgen\` row is mostly \`__wbindgen_describe_*\` functions, which the wasm-bindgen CLI removes, so the shares of the other crates in the final file are larger than shown.`,
    '',
    '| crate | code | share |',
    '| --- | --- | --- |',
    ...topCrates,
    '',
  ];
}

function overheadSection({ overhead }) {
  const app = summarize(overhead.app);
  const bare = summarize(overhead.bare);
  return [
    '## 3. Request overhead',
    '',
    'Send click until the Response region contains the first object name, measured inside the page with a MutationObserver, for `GET .../object/networks?limit=2&offset=N` (a different offset each run, about 0.5 KB of JSON). Baseline: `fetch` of the same URL with the same `Accept` and `X-auth-access-token` headers from the same page, until `response.text()` resolves.',
    '',
    '| path | median (min..max) | p10..p90 | runs |',
    '| --- | --- | --- | --- |',
    `| popup Send | ${formatSummary(app, 'ms')} | ${app.p10.toFixed(1)}..${app.p90.toFixed(1)} ms | ${app.runs} |`,
    `| bare fetch | ${formatSummary(bare, 'ms')} | ${bare.p10.toFixed(1)}..${bare.p90.toFixed(1)} ms | ${bare.runs} |`,
    '',
    `Added by the popup (difference of medians): **${(app.median - bare.median).toFixed(1)} ms** (${ratio(app.median, bare.median)}). Target: under 10 ms.`,
    '',
  ];
}

function largeSection({ large }) {
  const rows = large.map((testCase) => {
    const painted = summarize(testCase.samples.map((sample) => sample.painted));
    const longest = summarize(testCase.samples.map((sample) => sample.longestTask));
    const heap = summarize(testCase.samples.map((sample) => sample.heapBytes));
    const wasmMemory = summarize(testCase.samples.map((sample) => sample.wasmMemoryBytes ?? NaN));
    const total = heap.median + wasmMemory.median;
    return `| ${testCase.label} | ${(testCase.bodyBytes / MB).toFixed(1)} MB | ${formatSummary(painted, 'ms', 0)} | ${formatSummary(longest, 'ms', 0)} | ${(heap.median / MB).toFixed(1)} MB | ${(wasmMemory.median / MB).toFixed(1)} MB | ${(total / testCase.bodyBytes).toFixed(2)}x | ${testCase.runs} |`;
  });
  const profiled = large.find((testCase) => testCase.hotFunctions.length > 0);
  const hot = profiled
    ? [
        `CPU profile of the last ${profiled.label} run (CDP \`Profiler\`, 1 ms sampling), functions with the most self time:`,
        '',
        '| function [file] | self time |',
        '| --- | --- |',
        ...profiled.hotFunctions.map(({ name, ms }) => `| ${name.replace(/\|/g, '\\|')} | ${ms.toFixed(0)} ms |`),
        '',
      ]
    : [];
  return [
    '## 4. Large responses',
    '',
    'Each run reloads the signed-in popup, sets the Path, and clicks Send. First view: Send click until the status line shows 200 and the viewer has rendered its first body line, plus the next animation frame. Longest block: the longest entry of the Long Tasks API (PerformanceObserver) from the click until 1 s after the first view. Longest block 0 means no task of 50 ms or more (the Long Tasks API threshold). JS heap: CDP `Runtime.getHeapUsage` after `HeapProfiler.collectGarbage`, with the response still shown. Wasm memory: the byte length of the module\'s linear memory, which never shrinks, so it is the maximum during the run. Memory is the sum of both as a multiple of the body. Neither counts the DOM memory of Blink; the viewer keeps at most a few hundred body lines in the DOM.',
    '',
    '| body | size | first view, median (min..max) | longest block, median (min..max) | JS heap | wasm memory | memory / body | runs |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'Targets: first view of 10 MB under 500 ms, no block over 200 ms, heap under 3x the body.',
    '',
    ...hot,
  ];
}

function fetchAllSection({ fetchAll }) {
  const heading = ['## 5. Fetch all pages', ''];
  if (fetchAll.elapsedMs === null) {
    return [
      ...heading,
      `Not available in this build: the popup has no button named "Fetch all pages". The benchmark (\`fetchAllPages\` in \`tests/bench/scenarios.mjs\`) starts a simulator with ${fetchAll.objects.toLocaleString('en')} networks and times that button once it exists. Target: within 10 % of the minimum time the simulator's rate limit allows.`,
      '',
    ];
  }
  const pages = Math.ceil(fetchAll.objects / fetchAll.pageSize);
  // The sign-in and the server version count against the limit too. With a
  // sliding window of N requests per minute, only requests beyond the first
  // N wait, one window per further N.
  const requests = pages + 2;
  const rateBoundMs = fetchAll.rate && requests > fetchAll.rate.perMinute
    ? Math.ceil((requests - fetchAll.rate.perMinute) / fetchAll.rate.perMinute) * 60_000
    : 0;
  const minimumMs = Math.max(rateBoundMs, fetchAll.bareMs);
  const rateText = fetchAll.rate
    ? `${(rateBoundMs / 1000).toFixed(1)} s for ${requests} requests at the simulator's \`${fetchAll.rate.flag} ${fetchAll.rate.perMinute}\`, that many requests in any 60 s`
    : 'none, because the simulator in this build has no rate limit';
  return [
    ...heading,
    `${fetchAll.objects.toLocaleString('en')} networks in ${pages} pages of ${fetchAll.pageSize.toLocaleString('en')}, one run: **${(fetchAll.elapsedMs / 1000).toFixed(2)} s**. Minimum: the larger of the rate bound (${rateText}) and bare sequential fetches of the same pages from the same page, ${(fetchAll.bareMs / 1000).toFixed(2)} s. The run took ${ratio(fetchAll.elapsedMs, minimumMs)} the minimum. Target: at most 1.10x.`,
    '',
  ];
}

/** Writes the report for `results` to `output`. */
export async function writeReport(output, results) {
  await writeFile(join(dirname(output), 'target', 'bench-results.json'), JSON.stringify(results, null, 2)).catch(() => {});
  let analysis = '';
  try {
    analysis = await readFile(ANALYSIS, 'utf8');
  } catch {
    analysis = '';
  }
  const lines = [
    '# Benchmarks',
    '',
    'Written by `cargo xtask bench`, which builds the extension, starts the FMC simulator (`fmc-sim`) on 127.0.0.1 and drives headless Chromium with the development build (`dist/chromium-dev`) through playwright-core (`tests/bench/`). Each figure is the median over repeated runs with min..max, next to a baseline measured in the same run. The command reports and never fails on a missed target.',
    '',
    ...machineSection(results),
    ...popupSection(results),
    ...bundleSection(results),
    ...overheadSection(results),
    ...largeSection(results),
    ...fetchAllSection(results),
    analysis.trim(),
    '',
  ];
  await writeFile(output, lines.join('\n'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = JSON.parse(await readFile(process.argv[2], 'utf8'));
  await writeReport(process.argv[3], results);
}
