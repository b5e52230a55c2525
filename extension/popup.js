// Starts the popup's WebAssembly module. Manifest V3 pages may not run
// inline scripts, so this file replaces the inline loader that Trunk would
// inject. Trunk writes fmc-ext.js and fmc-ext_bg.wasm next to this file
// (Trunk.toml turns file hashes off), and the module's start function
// mounts the popup.
import init from './fmc-ext.js';

try {
  await init({ module_or_path: new URL('fmc-ext_bg.wasm', import.meta.url) });
} catch (error) {
  // Without this, a module that fails to load leaves an empty popup.
  console.error('The popup failed to start:', error);
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = `The popup failed to start: ${error}. Rebuild the extension with \`cargo xtask dist\` and reload it.`;
  document.body.replaceChildren(message);
}
