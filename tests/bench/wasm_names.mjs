// Attributes a wasm file's code size to crates, from the function bodies in
// the code section and the names in the `name` custom section. Run it on the
// module that cargo writes (before wasm-bindgen and wasm-opt strip names);
// the shares carry over roughly, since wasm-opt shrinks all code alike.

import { readFile } from 'node:fs/promises';

function readLeb(bytes, offset) {
  let value = 0;
  let shift = 0;
  let position = offset;
  for (;;) {
    const byte = bytes[position++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) {
      return [value, position];
    }
  }
}

function readName(bytes, offset) {
  const [length, start] = readLeb(bytes, offset);
  return [Buffer.from(bytes.subarray(start, start + length)).toString('utf8'), start + length];
}

/** Returns the number of imported functions, which come before defined ones in the index space. */
function countFunctionImports(bytes, start, end) {
  let [count, position] = readLeb(bytes, start);
  let functions = 0;
  for (let i = 0; i < count && position < end; i++) {
    [, position] = readName(bytes, position);
    [, position] = readName(bytes, position);
    const kind = bytes[position++];
    if (kind === 0) {
      functions++;
      [, position] = readLeb(bytes, position);
    } else if (kind === 1) {
      position += 1;
      const [flags, next] = readLeb(bytes, position);
      [, position] = readLeb(bytes, next);
      if (flags & 1) [, position] = readLeb(bytes, position);
    } else if (kind === 2) {
      const [flags, next] = readLeb(bytes, position);
      [, position] = readLeb(bytes, next);
      if (flags & 1) [, position] = readLeb(bytes, position);
    } else if (kind === 3) {
      position += 2;
    } else {
      [, position] = readLeb(bytes, position + 1);
    }
  }
  return functions;
}

/**
 * Maps a Rust symbol, demangled such as `<serde_json::de::Deserializer<R>>::parse`
 * or in legacy mangling (`_ZN10serde_json2de...`), to its crate.
 */
export function crateOf(symbol) {
  if (symbol.startsWith('__wbindgen')) {
    return 'wasm_bindgen';
  }

  // v0 mangling names the first crate as Cs<hash>_<length><name>.
  const v0 = symbol.match(/^_R.*?C[sr][0-9A-Za-z]*_(\d+)/);
  if (v0) {
    const start = v0.index + v0[0].length;
    return symbol.slice(start, start + Number(v0[1]));
  }

  // Legacy mangling: _ZN, then length-prefixed path segments.
  const legacy = symbol.match(/^_ZN(\d+)/);
  if (legacy) {
    const start = legacy[0].length;
    const segment = symbol.slice(start, start + Number(legacy[1]));
    if (!segment.startsWith('_$LT$')) {
      return segment;
    }
    const decoded = segment
      .replace(/\$LT\$/g, '<')
      .replace(/\$GT\$/g, '>')
      .replace(/\$u20\$/g, ' ')
      .replace(/\$RF\$/g, '&')
      .replace(/\.\./g, '::')
      .slice(1);
    return crateOf(decoded);
  }

  // `<T as crate::Trait>` belongs to the trait's crate, `<crate::Type>` to the type's.
  const generic = symbol.match(/^[<&\s]*(?:mut\s+)?(?:dyn\s+)?[A-Z]\w*\s+as\s+(\w+)::/);
  if (generic) {
    return generic[1];
  }
  const match = symbol.replace(/^[<&\s]+|^(impl|dyn|mut)\s+/g, '').match(/^([A-Za-z_][A-Za-z0-9_]*)::/);
  return match ? match[1] : '(other)';
}

/**
 * Returns `{ codeBytes, dataBytes, crates: [{ name, bytes }] }` sorted by size,
 * where `dataBytes` is the data section (string constants, panic messages).
 */
export async function crateSizes(path) {
  const bytes = new Uint8Array(await readFile(path));
  let position = 8;
  let imports = 0;
  const bodies = [];
  const names = new Map();
  let dataBytes = 0;
  while (position < bytes.length) {
    const id = bytes[position];
    const [size, start] = readLeb(bytes, position + 1);
    const end = start + size;
    if (id === 2) {
      imports = countFunctionImports(bytes, start, end);
    } else if (id === 10) {
      let [count, cursor] = readLeb(bytes, start);
      for (let i = 0; i < count; i++) {
        const [length, bodyStart] = readLeb(bytes, cursor);
        bodies.push(length);
        cursor = bodyStart + length;
      }
    } else if (id === 11) {
      dataBytes = size;
    } else if (id === 0) {
      const [sectionName, afterName] = readName(bytes, start);
      if (sectionName === 'name') {
        let cursor = afterName;
        while (cursor < end) {
          const kind = bytes[cursor];
          const [length, subStart] = readLeb(bytes, cursor + 1);
          if (kind === 1) {
            let [count, entry] = readLeb(bytes, subStart);
            for (let i = 0; i < count; i++) {
              let index;
              let name;
              [index, entry] = readLeb(bytes, entry);
              [name, entry] = readName(bytes, entry);
              names.set(index, name);
            }
          }
          cursor = subStart + length;
        }
      }
    }
    position = end;
  }

  const totals = new Map();
  bodies.forEach((length, i) => {
    const crate = crateOf(names.get(imports + i) ?? '');
    totals.set(crate, (totals.get(crate) ?? 0) + length);
  });
  const crates = [...totals].map(([name, size]) => ({ name, bytes: size })).sort((a, b) => b.bytes - a.bytes);
  return { codeBytes: bodies.reduce((a, b) => a + b, 0), dataBytes, crates };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await crateSizes(process.argv[2]);
  console.log(`code ${result.codeBytes} B, data ${result.dataBytes} B`);
  for (const { name, bytes } of result.crates.slice(0, 25)) {
    console.log(`${String(bytes).padStart(9)}  ${name}`);
  }
}
