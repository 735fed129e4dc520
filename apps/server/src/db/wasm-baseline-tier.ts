// Prisma's query compiler is WebAssembly (1.6 MB). By default V8 compiles it with its baseline compiler (Liftoff)
// and then re-compiles the functions that get hot with its optimising compiler (TurboFan) on background threads;
// that optimising work is done in the first seconds, while start-up queries run, and leaves about 20 MB of
// allocator memory in those threads' malloc arenas for the life of the process (measured: thread arenas 16-28 MB
// → 5-7 MB, RSS of an idle server 20 s after start 110-120 → 97-99 MB). Prisma keeps a cache of query plans, so
// the compiler runs once per query shape and its speed hardly matters: measured with and without, 6,000 cached
// queries took the same CPU (2.4-2.6 s both), six new shapes 20-25 ms with Liftoff only against 33-64 ms with the
// optimising compiler's work on top.
//
// `--liftoff-only` is set here, at run time, before the query compiler is compiled, so it holds however the
// server is started (`pnpm start`, the Docker image, the benchmarks, the tests) without a node flag. It is read
// when a WebAssembly module is compiled; V8 documents run-time flag changes as use-at-your-own-risk in general,
// which is why this is the only one.
import v8 from 'node:v8';

/** Compile WebAssembly with V8's baseline compiler only, from now on in this process (setting it again is a no-op). */
export function useBaselineWasmCompilerOnly(): void {
  v8.setFlagsFromString('--liftoff-only');
}
