// Shared setup for the end-to-end tests and the screenshot script: starts
// the FMC simulator, launches Chromium with the development build of the
// extension, and opens the popup page in a tab.
//
// Everything runs on loopback. Each simulator and browser gets its own
// temporary directory, and the simulator is stopped by its process id.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const simBinary = process.env.FMC_SIM_BIN ?? join(repoRoot, 'target', 'debug', 'fmc-sim');
export const extensionDir = process.env.EXTENSION_DIR ?? join(repoRoot, 'dist', 'chromium-dev');
export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Default path of the composer, with the domain placeholder unresolved. */
export const NETWORKS_PATH = '/api/fmc_config/v1/domain/{domainUUID}/object/networks';
/** UUID of the Global domain, the same on every FMC and in the simulator. */
export const GLOBAL_DOMAIN_UUID = 'e276abec-e0f2-11e3-8169-6d9ed49b625f';
/** A typical popup size; Chromium caps extension popups at 800 x 600. */
export const POPUP_VIEWPORT = { width: 420, height: 600 };
/** Upper bound for one UI step, such as a sign-in against the simulator. */
export const STEP_TIMEOUT_MS = 15_000;
const SIM_START_TIMEOUT_MS = 30_000;

export const ADMIN = { username: 'admin', password: 'Admin123' };
export const API_USER = { username: 'apiuser', password: 'Pa:ss wörd1' };

/**
 * Starts `fmc-sim` on a free loopback port with a fresh state directory and
 * resolves once it prints its "listening" line.
 *
 * @param {string[]} extraArgs more simulator flags, such as `--networks 50`
 */
export async function startSim(extraArgs = []) {
  const stateDir = await mkdtemp(join(tmpdir(), 'fmc-sim-'));
  const child = spawn(simBinary, ['--listen', '127.0.0.1:0', '--state-dir', stateDir, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr = [];
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => stderr.push(chunk));
  // A test run that crashes must not leave the simulator running.
  const killOnExit = () => child.kill();
  process.once('exit', killOnExit);

  try {
    await waitForListening(child, stderr);
  } catch (error) {
    child.kill();
    process.off('exit', killOnExit);
    await rm(stateDir, { recursive: true, force: true });
    throw error;
  }

  const address = (await readFile(join(stateDir, 'address.txt'), 'utf8')).trim();
  const spki = (await readFile(join(stateDir, 'spki-sha256.txt'), 'utf8')).trim();
  const certificate = await readFile(join(stateDir, 'cert.pem'), 'utf8');

  return {
    /** `127.0.0.1:PORT` as the user types it into the Host field. */
    address,
    port: Number(address.split(':').pop()),
    /** Base64 SHA-256 of the certificate's public key. */
    spki,
    stateDir,
    pid: child.pid,
    /** Reads `GET /_sim/stats`, verifying the simulator's own certificate. */
    stats: () => getJson(address, '/_sim/stats', certificate),
    /** What the simulator logged so far, for failure messages. */
    log: () => stderr.join(''),
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        process.kill(child.pid, 'SIGTERM');
        await exited;
      }
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** Resolves on the simulator's "listening" line; rejects if it exits first. */
function waitForListening(child, stderr) {
  return new Promise((resolvePromise, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => {
      reject(new Error(`fmc-sim did not print its listening line within ${SIM_START_TIMEOUT_MS} ms. stderr:\n${stderr.join('')}`));
    }, SIM_START_TIMEOUT_MS);
    lines.on('line', (line) => {
      if (line.startsWith('fmc-sim listening on https://')) {
        clearTimeout(timer);
        resolvePromise();
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not start ${simBinary}: ${error.message}. Build it with \`cargo build -p fmc-sim\` or set FMC_SIM_BIN.`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`fmc-sim exited (code ${code}, signal ${signal}) before listening. stderr:\n${stderr.join('')}`));
    });
  });
}

function getJson(address, path, certificate) {
  const separator = address.lastIndexOf(':');
  const host = address.slice(0, separator);
  const port = Number(address.slice(separator + 1));
  return new Promise((resolvePromise, reject) => {
    const req = request({ host, port, path, method: 'GET', ca: certificate }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () => {
        if (response.statusCode !== 200) {
          reject(new Error(`GET ${path} on ${address} returned ${response.statusCode}: ${body}`));
          return;
        }
        try {
          resolvePromise(JSON.parse(body));
        } catch (error) {
          reject(new Error(`GET ${path} on ${address} returned invalid JSON: ${error.message}`));
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Returns a loopback port that was free a moment ago, as a target that
 * refuses connections. Another process could take it in between, which is
 * unlikely on a test machine.
 */
export async function unusedPort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * Computes Chromium's id for an extension with this manifest `key`: the
 * first 32 hex digits of the SHA-256 of the DER key, with 0-f mapped to a-p.
 */
export function extensionIdFromKey(base64Key) {
  const hex = createHash('sha256').update(Buffer.from(base64Key, 'base64')).digest('hex');
  return [...hex.slice(0, 32)].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

/**
 * Launches headless Chromium with the development build loaded.
 *
 * @param {{ trustSpki?: string, profileDir?: string }} options `trustSpki`
 *   accepts the certificate with this public key hash, as if the user had
 *   accepted it once. `profileDir` reuses a Chromium profile, which then
 *   outlives `close()`, so a test can restart the browser on it.
 */
export async function launchBrowser({ trustSpki, profileDir: keptProfileDir } = {}) {
  const manifest = JSON.parse(await readFile(join(extensionDir, 'manifest.json'), 'utf8'));
  if (typeof manifest.key !== 'string') {
    throw new Error(`${extensionDir}/manifest.json has no "key"; build the development extension with \`cargo xtask dist\`.`);
  }
  const extensionId = extensionIdFromKey(manifest.key);
  const profileDir = keptProfileDir ?? (await mkdtemp(join(tmpdir(), 'fmc-chromium-')));
  const args = [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    // Without these, Chromium keeps contacting Google services.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  if (trustSpki) {
    args.push(`--ignore-certificate-errors-spki-list=${trustSpki}`);
  }

  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args,
    // playwright-core passes --disable-extensions unless told not to.
    ignoreDefaultArgs: ['--disable-extensions'],
    viewport: POPUP_VIEWPORT,
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);

  const popupUrl = `chrome-extension://${extensionId}/popup.html`;
  return {
    context,
    extensionId,
    popupUrl,
    /** Opens the popup page in a new tab of popup size. */
    async openPopup() {
      const page = await context.newPage();
      await page.goto(popupUrl);
      return page;
    },
    async close() {
      await context.close();
      if (!keptProfileDir) {
        await rm(profileDir, { recursive: true, force: true });
      }
    },
  };
}

/** Fills the sign-in form and clicks Sign in. */
export async function signIn(page, { host, username, password }) {
  await page.getByRole('textbox', { name: 'Host' }).fill(host);
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Resolves once the signed-in Session region is visible. */
export async function waitForSession(page) {
  const session = page.getByRole('region', { name: 'Session' });
  await session.waitFor();
  return session;
}

/** Resolves once an alert containing `text` is visible and returns it. */
export async function waitForAlert(page, text) {
  const alert = page.getByRole('alert').filter({ hasText: text });
  await alert.waitFor();
  return alert;
}
