// Helpers for the hostile-input suite: a simulator on any loopback
// address, a watch over the console of the popup and the service worker,
// and waits on the visible text of the popup.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { STEP_TIMEOUT_MS, simBinary } from './harness.mjs';

/** `storage.local` key that caps every request's timeout, in milliseconds. */
export const REQUEST_TIMEOUT_OVERRIDE_KEY = 'request_timeout_override_ms';

/**
 * Sends `method path` with a JSON body to the simulator at `sim.address`
 * (`IP:PORT` or `[::1]:PORT`), trusting only its own certificate, and
 * returns the parsed JSON response. `fetch_helpers.mjs` has the same for
 * 127.0.0.1 only.
 */
async function simRequest(sim, method, path, body) {
  const certificate = await readFile(join(sim.stateDir, 'cert.pem'), 'utf8');
  const separator = sim.address.lastIndexOf(':');
  const host = sim.address.slice(0, separator).replace(/^\[|\]$/g, '');
  const port = Number(sim.address.slice(separator + 1));
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolvePromise, reject) => {
    const req = request(
      {
        host,
        port,
        path,
        method,
        ca: certificate,
        // Trust comes from pinning this one certificate, so the name check
        // adds nothing when tests reach the simulator by address.
        checkServerIdentity: () => undefined,
        headers: payload ? { 'content-type': 'application/json' } : {},
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () => {
          if (response.statusCode !== 200) {
            reject(new Error(`${method} ${path} on ${sim.address} returned ${response.statusCode}: ${text}`));
            return;
          }
          resolvePromise(JSON.parse(text));
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * Starts `fmc-sim` on `listen` (such as `[::1]:0`), which the shared
 * harness cannot do because it always passes its own `--listen`.
 */
export async function startSimOn(listen) {
  const stateDir = await mkdtemp(join(tmpdir(), 'fmc-sim-'));
  const child = spawn(simBinary, ['--listen', listen, '--state-dir', stateDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill();
  process.once('exit', killOnExit);
  const lines = createInterface({ input: child.stdout });
  const [exited] = await Promise.race([
    once(lines, 'line').then(() => [false]),
    once(child, 'exit').then(() => [true]),
  ]);
  if (exited) {
    process.off('exit', killOnExit);
    await rm(stateDir, { recursive: true, force: true });
    throw new Error(`fmc-sim exited before listening on ${listen}`);
  }
  const address = (await readFile(join(stateDir, 'address.txt'), 'utf8')).trim();
  const spki = (await readFile(join(stateDir, 'spki-sha256.txt'), 'utf8')).trim();
  return {
    address,
    spki,
    port: Number(address.split(':').pop()),
    stateDir,
    stats: () => simRequest({ address, stateDir }, 'GET', '/_sim/stats'),
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        const done = once(child, 'exit');
        process.kill(child.pid, 'SIGTERM');
        await done;
      }
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/**
 * Collects console messages and uncaught errors of every page and service
 * worker of `browser`, so tests can check for panics and leaked secrets.
 */
export function watchConsole(browser) {
  const messages = [];
  const watchPage = (page) => {
    page.on('console', (message) => messages.push({ source: 'page', type: message.type(), text: message.text() }));
    page.on('pageerror', (error) => messages.push({ source: 'page', type: 'pageerror', text: String(error) }));
  };
  const watchWorker = (worker) => {
    worker.on('console', (message) => messages.push({ source: 'worker', type: message.type(), text: message.text() }));
  };
  browser.context.pages().forEach(watchPage);
  browser.context.serviceWorkers().forEach(watchWorker);
  browser.context.on('page', watchPage);
  browser.context.on('serviceworker', watchWorker);
  let checked = 0;
  return {
    messages,
    /** Asserts that no panic or uncaught error was logged since the last call. */
    assertNoPanic(caseName) {
      const fresh = messages.slice(checked);
      checked = messages.length;
      const panics = fresh.filter(
        (message) => message.type === 'pageerror' || /panicked at|RuntimeError|unreachable executed/.test(message.text),
      );
      assert.deepEqual(panics, [], `${caseName}: panic or uncaught error logged`);
    },
  };
}

/** Returns the visible text of the popup. */
export function popupText(page) {
  return page.locator('body').innerText();
}

/**
 * Waits until the popup's visible text matches every pattern and returns
 * that text; on timeout it fails with the text that was there.
 */
export async function waitForText(page, patterns, timeoutMs = STEP_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = await popupText(page);
    if (patterns.every((pattern) => pattern.test(text))) {
      return text;
    }
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 100));
  }
  const missing = patterns.filter((pattern) => !pattern.test(text));
  assert.fail(`popup text does not match ${missing.join(', ')}. It reads:\n${text}`);
}

/** Escapes `text` for use inside a regular expression. */
export function literal(text) {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}
