// The lean build (browsers, React Native) must be the same contract as the full one, minus the documentation
// text: the same commands, events and routes, the same errors, rooms and scopes, and the same JSON Schema of
// every schema once descriptions and examples are left aside. Built here from the sources as tsup builds it.
import { build, type Plugin } from 'esbuild';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as z from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as full from '../src/index.js';
import { stripDocs } from './strip-docs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'node_modules', '.cache', 'lean-build-test');
let lean: typeof full;

const strip: Plugin = {
  name: 'strip-docs',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/][^\\/]+\.ts$/ }, (args) => ({ loader: 'ts', contents: stripDocs(readFileSync(args.path, 'utf8')) }));
  },
};

beforeAll(async () => {
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, 'index.mjs');
  await build({ entryPoints: [path.join(root, 'src/index.ts')], bundle: true, format: 'esm', platform: 'neutral', external: ['zod'], outfile, plugins: [strip], logLevel: 'silent' });
  lean = (await import(pathToFileURL(outfile).href)) as typeof full;
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** JSON Schema of a zod schema without what only documentation uses. */
function shape(schema: unknown): unknown {
  if (!(schema instanceof z.ZodType)) return schema;
  // Without its metadata a nullable schema is written `type: [T, 'null']` instead of `anyOf: [{type: T}, {type: 'null'}]`:
  // the same schema, so both are written the second way.
  const drop = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(drop);
    if (!v || typeof v !== 'object') return v;
    const entries = Object.entries(v).filter(([k]) => k !== 'description' && k !== 'examples').map(([k, x]) => [k, drop(x)] as const);
    const o = Object.fromEntries(entries) as Record<string, unknown>;
    if (Array.isArray(o.type)) return { ...o, type: undefined, anyOf: o.type.map((type) => ({ type })) };
    return o;
  };
  return drop(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));
}

/** A definition with its schemas as JSON Schema and its documentation text left out. */
const comparable = (def: object) =>
  Object.fromEntries(Object.entries(def).filter(([k]) => !['description', 'audience', 'example'].includes(k)).map(([k, v]) => [k, shape(v)]));

describe('the lean build', () => {
  it('strips the documentation text', () => {
    expect(lean.commands.placeBid.description).toBe('');
    expect(full.commands.placeBid.description).not.toBe('');
  });

  it('defines the same commands, events and routes, with the same schemas, errors, rooms and scopes', () => {
    for (const table of ['commands', 'events', 'routes'] as const) {
      const a = full[table] as Record<string, object>;
      const b = lean[table] as Record<string, object>;
      expect(Object.keys(b)).toEqual(Object.keys(a));
      for (const name of Object.keys(a)) expect(comparable(b[name]!), `${table}.${name}`).toEqual(comparable(a[name]!));
    }
    expect(lean.ERROR_CODES).toEqual(full.ERROR_CODES);
    expect(lean.CONTRACT_VERSION).toBe(full.CONTRACT_VERSION);
  });

  it('parses like the full build', () => {
    const bid = { auctionId: 'a1', amount: 1500, maxAmount: 2000, requestId: 'r1' };
    expect(lean.commands.placeBid.request.parse(bid)).toEqual(full.commands.placeBid.request.parse(bid));
    expect(lean.commands.placeBid.request.safeParse({ ...bid, amount: -1 }).success).toBe(false);
  });
});
