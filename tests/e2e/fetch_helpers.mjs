// Helpers for the "Fetch all pages" end-to-end tests: the simulator's
// fault injection, the extension's rate-limit override, downloads, and a
// CSV reader for checking exports.

import { readFile } from 'node:fs/promises';
import { request } from 'node:https';
import { join } from 'node:path';

/** `storage.local` key that sets the FMC's requests-a-minute limit the extension assumes. */
export const RATE_LIMIT_OVERRIDE_KEY = 'rate_limit_override_per_minute';

/**
 * Sends a request to a simulator-only path such as `/_sim/inject`,
 * trusting only that simulator's certificate, and returns the JSON body.
 */
export async function simRequest(sim, method, path, body) {
  const certificate = await readFile(join(sim.stateDir, 'cert.pem'), 'utf8');
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers = payload === undefined ? {} : { 'content-type': 'application/json' };
  return new Promise((resolvePromise, reject) => {
    const req = request(
      { host: '127.0.0.1', port: sim.port, path, method, headers, ca: certificate },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () => {
          if (response.statusCode !== 200) {
            reject(new Error(`${method} ${path} returned ${response.statusCode}: ${text}`));
            return;
          }
          try {
            resolvePromise(JSON.parse(text));
          } catch (error) {
            reject(new Error(`${method} ${path} returned invalid JSON: ${error.message}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Queues one fault, such as `{ status: 503, after: 4 }`, in the simulator. */
export function inject(sim, fault) {
  return simRequest(sim, 'POST', '/_sim/inject', fault);
}

/** Clears the simulator's queued faults. */
export function clearInjections(sim) {
  return simRequest(sim, 'DELETE', '/_sim/inject');
}

/**
 * Tells the extension the FMC's limit in requests a minute, as for a
 * simulator started with `--rate-limit`; the extension keeps 90 % of it.
 */
export async function setRateLimitOverride(page, perMinute) {
  await page.evaluate(
    ([key, value]) => chrome.storage.local.set({ [key]: value }),
    [RATE_LIMIT_OVERRIDE_KEY, perMinute],
  );
}

/** Clicks the button named `name` and returns the downloaded file's name and text. */
export async function downloadFrom(page, name) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name, exact: true }).click(),
  ]);
  const path = await download.path();
  return { fileName: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** Reads RFC 4180 CSV (quoted fields, doubled quotes, CRLF) into rows of fields. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index += 1;
    } else {
      field += char;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Returns the expected simulator names net-00001 .. net-NNNNN for `count` objects. */
export function expectedNames(count, first = 1) {
  return Array.from({ length: count }, (_, index) => `net-${String(first + index).padStart(5, '0')}`);
}
