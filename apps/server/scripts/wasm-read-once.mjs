// One change to the clients `prisma generate` writes (src/generated/*/internal/class.ts): the query compiler's
// WebAssembly, which Prisma ships as base64 text in a module, is read from that module's file as bytes and handed
// over as a string made from them, never loaded as a module. Through `import()` (as generated) the ES module stays
// loaded for the life of the process, and with it its 2 MB of text twice (the module source and the string): 4 MB of
// heap measured, out of about 33 MB for an idle server. A string of more than ~1 MB made from a Buffer is kept by
// Node outside V8's heap, so reading it this way also keeps those 4 MB out of start-up's old-generation allocation,
// which V8's memory reducer weighs before it gives the start-up's heap back (start-up-heap.ts). The file read is the
// same module's CommonJS twin (Prisma ships both): `const wasm = "<base64>"; module.exports = { wasm }`.
const GENERATED = /const \{ wasm \} = await import\("(@prisma\/client\/runtime\/query_compiler_\w+_bg\.\w+\.wasm-base64)\.mjs"\)/;

/** class.ts's text with the query compiler read once; fails when Prisma's generated code no longer matches. */
export function readWasmOnce(source, file) {
  if (source.includes('readWasmBase64Once')) return source;
  const match = GENERATED.exec(source);
  if (!match) throw new Error(`[prisma-generate] ${file}: the query compiler import changed; update scripts/wasm-read-once.mjs`);
  const replaced = source.replace(GENERATED, `const wasm = await readWasmBase64Once("${match[1]}.js")`);
  return `${replaced}
// Added by scripts/wasm-read-once.mjs: the base64 read as bytes from the module's file (the string stays outside V8's heap).
async function readWasmBase64Once(id: string): Promise<string> {
  const { createRequire } = await import('node:module')
  const { readFileSync } = await import('node:fs')
  const file = readFileSync(createRequire(import.meta.url).resolve(id))
  const start = file.indexOf(0x22) + 1
  const end = file.lastIndexOf(0x22)
  if (start <= 0 || end <= start) throw new Error(\`\${id}: no quoted base64 text in it; update apps/server/scripts/wasm-read-once.mjs\`)
  return file.subarray(start, end).toString('latin1')
}
`;
}
