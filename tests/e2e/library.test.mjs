// History, saved requests, Postman collections, copy as curl, and the draft
// across a browser restart. The tests before the restart test run in order
// on one browser profile and one simulator.

import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ADMIN, NETWORKS_PATH, launchBrowser, signIn, startSim, waitForSession } from './harness.mjs';

const VERSION_PATH = '/api/fmc_platform/v1/info/serverversion';
const LIMITED_PATH = `${NETWORKS_PATH}?limit=3`;

let sim;
let browser;
let page;
let downloads;

/** Returns the access token that the popup keeps in storage.session. */
async function accessToken(popup) {
  const stored = await popup.evaluate(() => chrome.storage.session.get(null));
  const match = JSON.stringify(stored).match(/"access_token":"([^"]+)"/);
  assert.ok(match, 'no access token in storage.session');
  return match[1];
}

async function send(popup, path) {
  await popup.getByRole('textbox', { name: 'Path' }).fill(path);
  await popup.getByRole('button', { name: 'Send', exact: true }).click();
  await popup.getByRole('region', { name: 'Response' }).getByText('200 OK').waitFor();
}

before(async () => {
  sim = await startSim();
  browser = await launchBrowser({ trustSpki: sim.spki });
  downloads = await mkdtemp(join(tmpdir(), 'fmc-library-'));
  page = await browser.openPopup();
  await signIn(page, { host: sim.address, ...ADMIN });
  await waitForSession(page);
});

after(async () => {
  await browser?.close();
  await sim?.stop();
  if (downloads) {
    await rm(downloads, { recursive: true, force: true });
  }
});

test('history lists sends and runs one again', async () => {
  await send(page, LIMITED_PATH);
  await send(page, VERSION_PATH);

  await page.getByText(/^History \(/).click();
  const history = page.getByRole('region', { name: 'History' });
  const entries = history.getByRole('listitem');
  await page.getByText('History (2)').waitFor();
  assert.equal(await entries.count(), 2);
  assert.match(await entries.nth(0).textContent(), /serverversion/);
  assert.match(await entries.nth(1).textContent(), /limit=3/);

  await page.getByRole('searchbox', { name: 'Search history' }).fill('limit=3');
  await history.getByText('serverversion').waitFor({ state: 'detached' });
  assert.equal(await entries.count(), 1);

  await entries.first().getByRole('button', { name: 'Run again' }).click();
  assert.equal(await page.getByRole('textbox', { name: 'Path' }).inputValue(), LIMITED_PATH);

  await entries.first().getByRole('button', { name: 'Send again' }).click();
  await page.getByText('History (3)').waitFor();
  await page.getByRole('searchbox', { name: 'Search history' }).fill('');
  assert.equal(await entries.count(), 3);

  const token = await accessToken(page);
  const stored = JSON.stringify(await page.evaluate(() => chrome.storage.local.get('history')));
  assert.ok(stored.includes('serverversion'), 'the history was not stored');
  assert.ok(!stored.includes(token), 'the history contains the access token');
});

test('save request into folder', async () => {
  await page.getByRole('textbox', { name: 'Path' }).fill(LIMITED_PATH);
  await page.getByRole('button', { name: 'Save request' }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Three networks');
  await page.getByRole('textbox', { name: 'Folder', exact: true }).fill('Objects/Networks');
  await page.getByRole('button', { name: 'Save', exact: true }).click();

  const folder = page.getByRole('group', { name: 'Objects/Networks' });
  await folder.getByText('Three networks').waitFor();

  await page.getByRole('textbox', { name: 'Path' }).fill(VERSION_PATH);
  await folder.getByRole('button', { name: 'Open' }).click();
  assert.equal(await page.getByRole('textbox', { name: 'Path' }).inputValue(), LIMITED_PATH);
});

test('export and import collection', async () => {
  const token = await accessToken(page);
  const downloadEvent = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export collection' }).click();
  const download = await downloadEvent;
  const file = join(downloads, download.suggestedFilename());
  await download.saveAs(file);
  const text = await readFile(file, 'utf8');
  assert.ok(text.includes('https://{{host}}/api/fmc_config/v1/domain/{{domain_uuid}}/object/networks?limit=3'), text);
  assert.ok(!text.includes(token), 'the collection contains the access token');
  assert.equal(JSON.parse(text).item[0].name, 'Objects');

  const folder = page.getByRole('group', { name: 'Objects/Networks' });
  await folder.getByRole('button', { name: 'Delete' }).click();
  await folder.waitFor({ state: 'detached' });

  const chooserEvent = page.waitForEvent('filechooser');
  await page.getByText('Import collection').click();
  const chooser = await chooserEvent;
  await chooser.setFiles(file);
  await page.getByText(/Imported 1 request from /).waitFor();
  await folder.getByText('Three networks').waitFor();
  await folder.getByRole('button', { name: 'Open' }).click();
  assert.equal(await page.getByRole('textbox', { name: 'Path' }).inputValue(), LIMITED_PATH);

  const broken = join(downloads, 'broken.json');
  await writeFile(broken, '{"info": {"name": "x"}}');
  await page.getByLabel('Import collection').setInputFiles(broken);
  await page.getByText(/broken\.json is not a Postman collection v2\.1 \(info\.schema is missing\)/).waitFor();
});

test('copy as curl hides token', async () => {
  const token = await accessToken(page);
  await page.getByRole('button', { name: 'Copy as curl' }).click();

  const command = await page.getByRole('textbox', { name: 'curl command', exact: true }).inputValue();
  assert.ok(command.includes('$FMC_TOKEN'), command);
  assert.ok(!command.includes(token), 'the curl command contains the access token');
  assert.ok(command.includes(`'https://${sim.address}/api/fmc_config/v1/domain/`), command);
});

test('draft survives browser restart', async () => {
  const profileDir = await mkdtemp(join(tmpdir(), 'fmc-restart-'));
  const body = '{"name": "größe \'x\'", "value": "10.0.0.9"}';
  const path = '/api/fmc_config/v1/domain/{domainUUID}/object/hosts';
  try {
    const first = await launchBrowser({ trustSpki: sim.spki, profileDir });
    const popup = await first.openPopup();
    await signIn(popup, { host: sim.address, ...ADMIN });
    await waitForSession(popup);
    await popup.getByRole('combobox', { name: 'Method' }).selectOption('POST');
    await popup.getByRole('textbox', { name: 'Path' }).fill(path);
    await popup.getByRole('textbox', { name: 'Body' }).fill(body);
    await first.close();

    const second = await launchBrowser({ trustSpki: sim.spki, profileDir });
    try {
      const reopened = await second.openPopup();
      await signIn(reopened, { host: sim.address, ...ADMIN });
      await waitForSession(reopened);
      assert.equal(await reopened.getByRole('combobox', { name: 'Method' }).inputValue(), 'POST');
      assert.equal(await reopened.getByRole('textbox', { name: 'Path' }).inputValue(), path);
      assert.equal(await reopened.getByRole('textbox', { name: 'Body' }).inputValue(), body);
    } finally {
      await second.close();
    }
  } finally {
    await rm(profileDir, { recursive: true, force: true });
  }
});
