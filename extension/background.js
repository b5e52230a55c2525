// The extension's background script (a service worker in Chromium, an event
// page in Firefox): keeps FMC sessions alive while no extension page is
// open, and loads the endpoint list of the API spec for the popup. The
// browser wakes it for each chrome.alarms alarm and each popup message.
//
// Service workers may not use top-level await, and an event reaches only
// listeners registered during the script's first run, so the listeners are
// added synchronously here and each waits for the module.
import init, { handleMessage, runKeepAlive } from './fmc-ext.js';

const ready = init({ module_or_path: new URL('fmc-ext_bg.wasm', import.meta.url) });

async function keepAlive(reason) {
  try {
    await ready;
    await runKeepAlive();
  } catch (error) {
    console.error(`[fmc-rest] The keep-alive after ${reason} failed:`, error);
  }
}

chrome.alarms.onAlarm.addListener((alarm) => keepAlive(`alarm ${alarm.name}`));
chrome.runtime.onStartup.addListener(() => keepAlive('browser start'));
chrome.runtime.onInstalled.addListener(() => keepAlive('install'));
// A page that signs in schedules the alarm itself, but may close before it
// has; a pass on every session change covers that. A pass writes only when
// it renews a session, so this does not loop.
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'session' && Object.keys(changes).some((key) => key.startsWith('session:'))) {
    keepAlive('session change');
  }
});
// The popup requests the endpoint list of the API spec here, so a spec of
// several megabytes is downloaded and parsed off the popup's thread.
// Returning true keeps the channel open for the asynchronous reply.
chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || message?.type !== 'loadEndpoints') {
    return false;
  }
  ready
    .then(() => handleMessage(message))
    .then(sendResponse, (error) => {
      console.error('[fmc-rest] Loading the endpoint list failed:', error);
      sendResponse({ error: `The background worker failed: ${error}. Reload the extension and try again.` });
    });
  return true;
});
// Also on every start of the worker, so the alarm is recreated whenever the
// worker comes back.
keepAlive('worker start');
