// One change to the clients `prisma generate` writes (src/generated/*/internal/class.ts): the query compiler's
// WebAssembly, which Prisma ships as base64 text in a module, is read through require and dropped from
// require's cache once decoded. Through `import()` (as generated) the ES module stays loaded for the life of the
// process, and with it its 2 MB of text twice (the module source and the string): 4 MB of heap measured, out of
// about 33 MB for an idle server. The text is the same file's CommonJS twin (Prisma ships both).
const GENERATED = /const \{ wasm \} = await import\("(@prisma\/client\/runtime\/query_compiler_\w+_bg\.\w+\.wasm-base64)\.mjs"\)/;

/** class.ts's text with the query compiler read once; fails when Prisma's generated code no longer matches. */
export function readWasmOnce(source, file) {
  if (source.includes('readWasmBase64Once')) return source;
  const match = GENERATED.exec(source);
  if (!match) throw new Error(`[prisma-generate] ${file}: the query compiler import changed; update scripts/wasm-read-once.mjs`);
  const replaced = source.replace(GENERATED, `const wasm = await readWasmBase64Once("${match[1]}.js")`);
  return `${replaced}
// Added by scripts/wasm-read-once.mjs: read once through require and dropped from its cache once decoded.
async function readWasmBase64Once(id: string): Promise<string> {
  const { createRequire } = await import('node:module')
  const require = createRequire(import.meta.url)
  const resolved = require.resolve(id)
  try {
    return (require(resolved) as { wasm: string }).wasm
  } finally {
    delete require.cache[resolved]
  }
}
`;
}
