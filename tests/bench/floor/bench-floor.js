// Baseline page for the popup-open benchmark: the popup's sign-in form built
// by plain JavaScript, loaded the same way (an external module script from
// the same extension, the same stylesheet) and prefilled from the same
// defaults.json, but without the WebAssembly module. Only the development
// build contains it.

function field(form, id, label, type) {
  const labelElement = document.createElement('label');
  labelElement.htmlFor = id;
  labelElement.textContent = label;
  const input = document.createElement('input');
  input.id = id;
  input.type = type;
  form.append(labelElement, input);
  return input;
}

const form = document.createElement('form');
form.setAttribute('aria-label', 'Sign in');
const host = field(form, 'host', 'Host', 'text');
field(form, 'username', 'Username', 'text');
field(form, 'password', 'Password', 'password');
const submit = document.createElement('button');
submit.type = 'submit';
submit.textContent = 'Sign in';
form.append(submit);
form.addEventListener('submit', (event) => event.preventDefault());
document.body.append(form);

try {
  const defaults = await (await fetch('defaults.json')).json();
  host.value = defaults.host ?? '';
} catch (error) {
  console.error('bench-floor: could not read defaults.json:', error);
}
