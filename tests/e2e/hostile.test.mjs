// Hostile input through the real extension: odd hosts and credentials typed
// into the sign-in form, and broken, hostile or failing responses from the
// simulator (see fmc-sim's inject and hostile modules). Each case checks
// the message the popup shows, that what the user typed is still there,
// and that nothing panicked in the popup or the service worker.
//
// One browser and two simulators serve the whole file. Cases inside a group
// run in order and clear the injection queue when they end.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { ADMIN, API_USER, GLOBAL_DOMAIN_UUID, launchBrowser, signIn, startSim, unusedPort, waitForSession } from './harness.mjs';
import { clearInjections, inject } from './fetch_helpers.mjs';
import { REQUEST_TIMEOUT_OVERRIDE_KEY, literal, startSimOn, waitForText, watchConsole } from './hostile_helpers.mjs';

/** Request timeout the popup uses in this file, so a hang ends quickly. */
const SHORT_TIMEOUT_MS = 3_000;

let sim;
// A second simulator on the IPv6 loopback, for hosts typed as [::1]:PORT.
let sim6;
let browser;
let consoleWatch;

before(async () => {
  sim = await startSim();
  sim6 = await startSimOn('[::1]:0');
  // Chromium takes a comma-separated list of trusted key hashes.
  browser = await launchBrowser({ trustSpki: `${sim.spki},${sim6.spki}` });
  consoleWatch = watchConsole(browser);
  const page = await browser.openPopup();
  await page.evaluate(
    ([key, value]) => chrome.storage.local.set({ [key]: value }),
    [REQUEST_TIMEOUT_OVERRIDE_KEY, SHORT_TIMEOUT_MS],
  );
  await page.close();
});

after(async () => {
  await browser?.close();
  await sim6?.stop();
  await sim?.stop();
});

/** Returns the values of the three sign-in fields. */
async function signInFields(page) {
  return {
    host: await page.getByRole('textbox', { name: 'Host' }).inputValue(),
    username: await page.getByRole('textbox', { name: 'Username' }).inputValue(),
    password: await page.getByLabel('Password', { exact: true }).inputValue(),
  };
}

/** Signs out of the session shown on `page` and waits for the form. */
async function signOut(page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
}

/**
 * Runs one sign-in case on a fresh popup page: optional injection, the
 * typed host and credentials, then either a session or a message that
 * matches every pattern in `expect`, with the typed values kept.
 */
async function runSignInCase({ name, host, credentials = ADMIN, injection, expect, succeeds = false }) {
  const page = await browser.openPopup();
  try {
    if (injection) {
      await inject(sim, injection);
    }
    const typed = { host: typeof host === 'function' ? host() : host, ...credentials };
    await signIn(page, typed);

    if (succeeds) {
      await waitForSession(page);
      if (expect) {
        await waitForText(page, expect);
      }
      await signOut(page);
    } else {
      await waitForText(page, expect);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      assert.equal(await page.getByRole('region', { name: 'Session' }).count(), 0, `${name}: a session appeared`);
      assert.deepEqual(await signInFields(page), typed, `${name}: the typed sign-in fields changed`);
    }
    consoleWatch.assertNoPanic(name);
  } finally {
    await clearInjections(sim);
    // A case that failed with a session open must not leave it to the next.
    if ((await page.getByRole('button', { name: 'Sign out' }).count()) > 0) {
      await signOut(page);
    }
    await page.close();
  }
}

describe('hosts and credentials', () => {
  const cases = [
    { name: 'scheme https accepted', host: () => `https://${sim.address}`, succeeds: true },
    { name: 'upper-case scheme accepted', host: () => `HTTPS://${sim.address}`, succeeds: true },
    { name: 'path and query dropped', host: () => `https://${sim.address}/ui/login?next=%2F#top`, succeeds: true },
    { name: 'surrounding spaces trimmed', host: () => `   ${sim.address}\t`, succeeds: true },
    { name: 'trailing dot accepted', host: () => `localhost.:${sim.port}`, succeeds: true },
    { name: 'ipv6 literal with port', host: () => `[::1]:${sim6.port}`, succeeds: true },
    {
      name: 'colon and umlaut in password',
      host: () => sim.address,
      credentials: API_USER,
      succeeds: true,
    },
    {
      name: 'empty host',
      host: '',
      expect: [/The FMC host is empty/, /Enter the FMC's host name or IP address/],
    },
    {
      name: 'plain http refused',
      host: () => `http://${sim.address}`,
      expect: [/uses plain HTTP/, /must not travel in clear text/, /Use https:\/\/ or leave the scheme out/],
    },
    {
      name: 'ftp scheme refused',
      host: () => `ftp://${sim.address}`,
      expect: [/uses the scheme "ftp"/, /only over HTTPS/],
    },
    {
      name: 'user info refused',
      host: () => `admin@${sim.address}`,
      expect: [/contains a user name before '@'/, /username in its own field/],
    },
    {
      name: 'user info trick refused',
      host: () => `https://127.0.0.1@localhost:${sim.port}/`,
      expect: [/contains a user name before '@'/],
    },
    {
      name: 'space inside host',
      host: () => `127.0.0. 1:${sim.port}`,
      expect: [/contains a space in the host name/, /Remove it/],
    },
    {
      name: 'port alone',
      host: '8443',
      expect: [/"8443" is only a number/, /192\.0\.2\.10:8443/],
    },
    {
      name: 'port out of range',
      host: '127.0.0.1:70000',
      expect: [/port 70000/, /out of range/, /from 1 to 65535/],
    },
    {
      name: 'port not numeric',
      host: '127.0.0.1:https',
      expect: [/port "https"/, /not a number/],
    },
    {
      name: 'broken ipv6 literal',
      host: '[::1:8443',
      expect: [/"\[::1:8443" is not a valid IPv6 address/, /\[2001:db8::1\]:8443/],
    },
    {
      // The browser's IDNA mapping turns full-width letters into ASCII, so
      // this is plain localhost.
      name: 'full-width unicode host',
      host: () => `ｌｏｃａｌｈｏｓｔ:${sim.port}`,
      succeeds: true,
      expect: [() => new RegExp(`admin at localhost:${sim.port}`)],
    },
    {
      name: 'no-break space in host',
      host: () => `local\u00A0host:${sim.port}`,
      expect: [/the invisible character U\+00A0/, /Remove it/],
    },
    {
      // Chromium's URL parser rejects U+FFFD, so no ASCII form exists.
      name: 'unconvertible unicode host',
      host: 'fmc\uFFFD.example',
      expect: [/contains characters outside ASCII/, /its ASCII form \(it starts with xn--\)/],
    },
    {
      name: 'colon in username',
      host: () => sim.address,
      credentials: { username: 'ad:min', password: 'Admin123' },
      expect: [/"ad:min" contains ':'/, /remove the ':'/],
    },
    {
      name: 'non-ascii username rejected',
      host: () => sim.address,
      credentials: { username: 'admín', password: 'Pässwört' },
      expect: [/rejected the username or password for "admín"/, /Check both and sign in again/],
    },
    {
      name: 'refused port explained',
      host: () => `127.0.0.1:${refusedPort}`,
      expect: [() => new RegExp(`Nothing listens on 127\\.0\\.0\\.1 port ${refusedPort}`), /Check the host and port/],
    },
  ];

  let refusedPort;
  before(async () => {
    refusedPort = await unusedPort();
  });

  for (const testCase of cases) {
    test(testCase.name, async () => {
      const expect = testCase.expect?.map((pattern) => (typeof pattern === 'function' ? pattern() : pattern));
      await runSignInCase({ ...testCase, expect });
    });
  }
});

describe('hostile sign-in responses', () => {
  const cases = [
    {
      name: 'html login page',
      injection: { answer: 'html_login_page', on: 'sign_in' },
      expect: [/HTTP 200 but does not look like an FMC/, /Check the host and port/],
    },
    {
      name: 'empty 200',
      injection: { answer: 'empty_ok', on: 'sign_in' },
      expect: [/HTTP 200 but does not look like an FMC/],
    },
    {
      name: 'no access token',
      injection: { answer: 'no_access_token' },
      expect: [/sent no X-auth-access-token header/, /Sign in again/],
    },
    {
      name: 'no refresh token',
      injection: { answer: 'no_refresh_token' },
      expect: [/sent no X-auth-refresh-token header/, /a proxy between the browser and the FMC may be removing headers/],
    },
    {
      name: 'domains header not json',
      injection: { answer: 'domains_not_json' },
      succeeds: true,
      expect: [/unusable DOMAINS header/, /only the default domain e276abec-e0f2-11e3-8169-6d9ed49b625f can be selected/, /Sign in again to get the domain list/],
    },
    {
      name: 'domains header empty',
      injection: { answer: 'domains_empty' },
      succeeds: true,
      expect: [/DOMAINS header lists no domain/, /ask an FMC administrator/],
    },
    {
      name: 'sign-in hangs',
      injection: { answer: 'hang', on: 'sign_in' },
      expect: [/did not answer within 3 s/, /Check that the FMC is up and reachable/],
    },
    {
      name: 'sign-in connection dropped',
      injection: { drop_connection: 1, on: 'sign_in' },
      expect: [/broke off the connection/, /The certificate was accepted/],
    },
    {
      name: 'sign-in redirected',
      injection: { redirect: 'https://localhost:9/', on: 'sign_in' },
      expect: [/answered with a redirect/, /the access token stays on this host/],
    },
    {
      name: 'sign-in 403 with body',
      injection: { status: 403, description: 'The user is not authorized', on: 'sign_in' },
      expect: [/did not allow "admin" to sign in/, /The user is not authorized/, /REST API access/],
    },
    {
      name: 'sign-in 429 empty body',
      injection: { status: 429, empty_body: true, retry_after: 7, on: 'sign_in' },
      expect: [/too many requests/, /7 s/],
    },
    {
      name: 'sign-in 500 with body',
      injection: { status: 500, description: 'Database not ready.', on: 'sign_in' },
      expect: [/failed with HTTP 500/, /Database not ready/, /check the FMC's health/],
    },
    {
      name: 'sign-in 503 empty body',
      injection: { status: 503, empty_body: true, on: 'sign_in' },
      expect: [/HTTP 503/, /sign in again/i],
    },
    {
      name: 'sign-in 404 empty body',
      injection: { status: 404, empty_body: true, on: 'sign_in' },
      expect: [/HTTP 404/, /does not look like an FMC|Check the host and port/],
    },
  ];

  for (const testCase of cases) {
    test(testCase.name, async () => {
      await runSignInCase({ ...testCase, host: () => sim.address });
    });
  }
});

describe('hostile request responses', () => {
  /** Path of one network object that the simulator does not have. */
  const OBJECT_PATH = '/api/fmc_config/v1/domain/{domainUUID}/object/networks/00000000-0000-4000-8000-00000000abcd';
  const LIST_PATH = '/api/fmc_config/v1/domain/{domainUUID}/object/networks?limit=2';
  const PUT_BODY = '{"id": "00000000-0000-4000-8000-00000000abcd", "name": "hostile-net", "value": "10.9.9.9", "type": "Network"}';
  let page;

  before(async () => {
    page = await browser.openPopup();
    await signIn(page, { host: sim.address, ...API_USER });
    await waitForSession(page);
  });

  after(async () => {
    await page?.close();
  });

  const pathBox = () => page.getByRole('textbox', { name: 'Path', exact: true });
  const bodyBox = () => page.getByRole('textbox', { name: 'Body', exact: true });
  const sendButton = () => page.getByRole('button', { name: 'Send', exact: true });

  /** Types the draft, sends it, and checks the message and the kept draft. */
  async function runSendCase({ name, method = 'GET', path = LIST_PATH, body = '', injection, expect }) {
    try {
      const methodSelect = page.getByRole('combobox', { name: 'Method' });
      await methodSelect.selectOption(method);
      await pathBox().fill(path);
      await bodyBox().fill(body);
      if (injection) {
        await inject(sim, injection);
      }
      await sendButton().click();

      await waitForText(page, expect);
      // The next case must start from an idle composer.
      await sendButton().and(page.locator(':enabled')).waitFor();
      assert.equal(await pathBox().inputValue(), path, `${name}: path changed`);
      assert.equal(await bodyBox().inputValue(), body, `${name}: body changed`);
      consoleWatch.assertNoPanic(name);
    } finally {
      await clearInjections(sim);
    }
  }

  const hostileCases = [
    {
      name: 'html page with 200',
      injection: { answer: 'html_login_page' },
      expect: [/200 OK/, /HTML/],
    },
    {
      name: 'empty 200 body',
      injection: { answer: 'empty_ok' },
      expect: [/200 OK/, /returned HTTP 200 with an empty body/, /returns JSON for every GET/],
    },
    {
      name: 'truncated json',
      injection: { answer: 'truncated_json' },
      expect: [/200 OK/, /is not valid JSON/, /cut off/],
    },
    {
      name: 'body not utf-8',
      injection: { answer: 'not_utf8' },
      expect: [/200 OK/, /not valid UTF-8/, /check the host and port/],
    },
    {
      name: 'header of 80 KB',
      injection: { answer: 'huge_header' },
      expect: [/200 OK/],
    },
    {
      name: 'header over browser limit',
      // Reads are retried 3 times after a broken response, so all 4 fail.
      injection: { answer: 'huge_header', header_bytes: 300 * 1024, count: 4 },
      expect: [/larger than the browser accepts|broke off the connection/, /check the host and port|then try again/],
    },
    {
      name: 'redirect to another port',
      injection: { redirect: 'https://127.0.0.1:9/api/' },
      expect: [/answered with a redirect/, /sign in to that host instead/],
    },
    {
      name: 'read dropped every time',
      injection: { drop_connection: 4, method: 'GET' },
      expect: [/broke off the connection|closed the connection/, /try again/],
    },
    {
      name: 'write dropped',
      method: 'PUT',
      path: OBJECT_PATH,
      body: PUT_BODY,
      injection: { drop_connection: 1 },
      expect: [/PUT/, /may or may not have been applied|outcome is unknown|unknown/i, /Re-read object/],
    },
    {
      name: 'write hangs',
      method: 'PUT',
      path: OBJECT_PATH,
      body: PUT_BODY,
      injection: { answer: 'hang' },
      expect: [/The outcome of the PUT to .* is unknown: no answer arrived before the timeout/, /Re-read object/],
    },
  ];

  // Writes get no automatic retry on 5xx, which keeps these cases fast.
  // A 429 is retried five times, so those cases carry a 1-second Retry-After.
  const statuses = {
    400: [/400 Bad Request/, /Its message below names the field/],
    401: [/sent again|refresh/i],
    403: [/403 Forbidden/, /Pick another domain or ask an FMC administrator/],
    404: [/404 Not Found/, /check the path, the object id and the domain/],
    405: [/405 Method Not Allowed/, /GET, POST, PUT and DELETE, and no PATCH/],
    406: [/406 Not Acceptable/, /Send Accept: application\/json/],
    422: [/422 Unprocessable/, /Check the fields against the API explorer/],
    429: [/429 Too Many Requests/, /Wait a minute and send requests one at a time/],
    500: [/500 Internal Server Error/, /Retry once/],
    502: [/502 Bad Gateway/, /A proxy or load balancer in front of the FMC/],
    503: [/503 Service Unavailable/, /Wait a few minutes and retry/],
  };
  const statusCases = [];
  for (const [status, expect] of Object.entries(statuses)) {
    for (const emptyBody of [false, true]) {
      const description = `Hostile case ${status}.`;
      const injection = { status: Number(status), method: 'PUT', empty_body: emptyBody };
      if (!emptyBody) {
        injection.description = description;
      }
      if (status === '429') {
        Object.assign(injection, { count: 6, retry_after: 1 });
      }
      statusCases.push({
        name: `status ${status} ${emptyBody ? 'empty body' : 'with FMC body'}`,
        method: 'PUT',
        path: OBJECT_PATH,
        body: PUT_BODY,
        injection,
        expect: emptyBody || status === '401' ? expect : [...expect, literal(description)],
      });
    }
  }

  for (const testCase of [...hostileCases, ...statusCases]) {
    test(testCase.name, async () => {
      await runSendCase(testCase);
    });
  }

  test('redirect carries no token', async () => {
    const before = await sim6.stats();
    await runSendCase({
      name: 'redirect carries no token',
      injection: { redirect: `https://[::1]:${sim6.port}/api/fmc_config/v1/domain/${GLOBAL_DOMAIN_UUID}/object/networks` },
      expect: [/answered with a redirect/, /the access token stays on this host/],
    });

    // Any request that reached the second simulator, with or without a
    // token, shows up in its status counts.
    const after = await sim6.stats();
    assert.deepEqual(after.requestsByStatus, before.requestsByStatus, 'a request followed the redirect');
    assert.equal(after.unknownTokensPresented, before.unknownTokensPresented);
  });

  test('markup in body runs nothing', async () => {
    const response = page.getByRole('region', { name: 'Response' });
    await page.getByRole('combobox', { name: 'Method' }).selectOption('GET');
    await pathBox().fill(LIST_PATH);
    await bodyBox().fill('');
    await inject(sim, { answer: 'markup' });
    try {
      await sendButton().click();
      await response.getByText('200 OK').waitFor();

      for (const tab of ['Pretty', 'Raw', 'Tree']) {
        await response.getByRole('tab', { name: tab }).click();
        await response.getByText('<img src=x onerror=', { exact: false }).first().waitFor();
        // A broken image fires onerror only after its load fails.
        await page.waitForTimeout(300);
        const text = await response.textContent();
        assert.ok(text.includes('<script>window.__fmcMarkupRan'), `${tab}: the script tag is not shown as text`);
        assert.equal(await response.locator('script, img').count(), 0, `${tab}: markup became elements`);
        assert.equal(await page.evaluate(() => window.__fmcMarkupRan), undefined, `${tab}: markup ran`);
      }
      consoleWatch.assertNoPanic('markup in body runs nothing');
    } finally {
      await clearInjections(sim);
    }
  });
});

describe('console after all cases', () => {
  test('console logs no secrets', async () => {
    const tokens = [];
    for (const server of [sim, sim6]) {
      tokens.push(...Object.keys((await server.stats()).accessTokens));
    }
    assert.ok(tokens.length > 0, 'no access token was issued, so this check would pass vacuously');
    const secrets = [ADMIN.password, API_USER.password, 'Pässwört', ...tokens];
    assert.ok(consoleWatch.messages.length > 0, 'no console message was collected');

    for (const message of consoleWatch.messages) {
      for (const secret of secrets) {
        assert.ok(!message.text.includes(secret), `a ${message.source} console message contains a password or access token`);
      }
    }
  });
});
