// fast-check arbitraries derived from the contract's zod 4 request schemas: payloads of the right shape
// (most of them valid) and payloads that are not. Hand-written because zod-fast-check supports zod 3 only;
// it knows the kinds of schema the contract's commands use and fails loudly on a new one.
import fc from 'fast-check';
import type { z } from 'zod';
import { parseInput } from '../../src/lib/parse-input.js';

type Def = {
  type: string;
  innerType?: Schema;
  element?: Schema;
  shape?: Record<string, Schema>;
  entries?: Record<string, string | number>;
  values?: unknown[];
  options?: Schema[];
  in?: Schema;
  /** A format schema's own format (z.iso.datetime: 'datetime'). */
  format?: string;
  checks?: Array<{ _zod: { def: unknown } }>;
};
type Schema = z.ZodType & { _zod: { def: Def } };

export interface ArbitraryHints {
  /** Values to use (often) for a field, by its name: real ids make valid-shaped payloads reach deep into handlers. */
  pools: Record<string, readonly unknown[]>;
}

type CheckDef = { check?: string; format?: string; pattern?: RegExp; minimum?: number; maximum?: number };
const checksOf = (schema: Schema): CheckDef[] => (schema._zod.def.checks ?? []).map((c) => c._zod.def as CheckDef);

/** A value of the schema's shape. Most pass the schema; some (whitespace text, ids of nothing) only look right. */
export function shapedArbitrary(schema: z.ZodType, hints: ArbitraryHints, field = ''): fc.Arbitrary<unknown> {
  const s = schema as Schema;
  const def = s._zod.def;
  const pool = hints.pools[field];
  const withPool = (generic: fc.Arbitrary<unknown>) =>
    pool && pool.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: 3 }, { arbitrary: generic, weight: 1 }) : generic;
  switch (def.type) {
    case 'string': {
      const str = s as unknown as z.ZodString;
      const regex = checksOf(s).find((c) => c.check === 'string_format' && c.format === 'regex')?.pattern;
      if (regex) return withPool(fc.stringMatching(regex));
      // A format schema (z.iso.datetime) carries its format on its own def, not as a check.
      if (def.format === 'datetime') {
        return withPool(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()));
      }
      const minLength = str.minLength ?? 0;
      // Long texts add nothing the caps do not already test (validation.test.ts): keep them short.
      const maxLength = Math.max(minLength, Math.min(str.maxLength ?? 40, 40));
      return withPool(fc.string({ unit: 'grapheme', minLength, maxLength }));
    }
    case 'number': {
      const n = s as unknown as z.ZodNumber;
      const min = Math.max(n.minValue ?? -1_000_000, -1_000_000);
      const max = Math.min(n.maxValue ?? 1_000_000_000, 1_000_000_000);
      const generic = n.isInt ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
      return withPool(generic);
    }
    case 'boolean':
      return fc.boolean();
    case 'unknown':
      return withPool(fc.anything());
    case 'literal':
      return fc.constantFrom(...(def.values ?? []));
    case 'enum':
      return withPool(fc.constantFrom(...Object.values(def.entries ?? {})));
    case 'array': {
      const bounds = checksOf(s);
      const minLength = bounds.find((c) => c.check === 'min_length')?.minimum ?? 0;
      const maxLength = Math.max(minLength, Math.min(bounds.find((c) => c.check === 'max_length')?.maximum ?? 5, 5));
      return fc.array(shapedArbitrary(def.element!, hints, field), { minLength, maxLength });
    }
    case 'object': {
      const shape = def.shape ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      const requiredKeys: string[] = [];
      for (const [key, value] of Object.entries(shape)) {
        model[key] = shapedArbitrary(value, hints, key);
        if (!['optional', 'default', 'prefault'].includes(value._zod.def.type)) requiredKeys.push(key);
      }
      return fc.record(model, { requiredKeys });
    }
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
    case 'readonly':
      return shapedArbitrary(def.innerType!, hints, field);
    case 'union':
      return fc.oneof(...(def.options ?? []).map((o) => shapedArbitrary(o, hints, field)));
    case 'pipe':
      return shapedArbitrary(def.in!, hints, field);
    default:
      throw new Error(`zod-arbitrary: no arbitrary for a "${def.type}" schema (${field || 'the payload'}): teach it this kind`);
  }
}

/** What the server receives for a value: socket.io sends JSON (undefined becomes null, NaN null, -0 0). */
export const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify([value]))[0];

/**
 * Payloads the command's schema refuses (decided on the value as it arrives, as the server decides it:
 * `parseInput` also refuses what makes zod throw): anything at all, or a payload of the right shape with
 * one field replaced by anything.
 */
export function invalidArbitrary(schema: z.ZodObject, hints: ArbitraryHints): fc.Arbitrary<unknown> {
  const keys = Object.keys(schema.shape);
  const shaped = shapedArbitrary(schema, hints) as fc.Arbitrary<Record<string, unknown>>;
  const oneFieldWrong =
    keys.length === 0
      ? fc.anything()
      : fc.tuple(shaped, fc.constantFrom(...keys), fc.anything()).map(([payload, key, value]) => ({ ...payload, [key]: value }));
  return fc
    .oneof(fc.anything(), oneFieldWrong)
    .map(overTheWire)
    .filter((payload) => !parseInput(schema, payload).success);
}
