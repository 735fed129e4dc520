// Compares two JSON Schemas of one request, response or event, as zod writes them, by direction: a request
// may only accept more (old clients keep working), a response or event may only carry less (old clients
// understand all of it). Removals and renames always break (Buf: FIELD_NO_DELETE_UNLESS_NAME_RESERVED;
// a zod schema has no reserved names). A keyword this file does not compare is reported, never ignored.
import type { JsonSchema } from '../src/index.js';
import { additive, breaking, type Change } from './rules.js';

export type Direction = 'request' | 'response';

interface Ctx {
  direction: Direction;
  where: string;
  out: Change[];
}

type Kind = 'any' | 'null' | 'boolean' | 'string' | 'number' | 'object' | 'array';

/** Keywords compared below; anything else that differs is UNJUDGED. `additionalProperties: true|false` is not
 * compared: clients ignore unknown fields, and zod writes `false` for every output object. */
const COMPARED = new Set([
  'type', 'enum', 'const', 'anyOf', 'oneOf', 'properties', 'required', 'additionalProperties', 'items', 'propertyNames',
  'default', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems',
  'maxItems', 'minProperties', 'maxProperties', 'pattern', 'format', 'multipleOf', 'uniqueItems',
]);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A union's branches (anyOf / oneOf, and `type: [a, b]`), flattened; a plain schema is one branch. */
function branches(s: JsonSchema): JsonSchema[] {
  const union = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (union) return union.flatMap(branches);
  // zod writes a plain nullable as `type: [t, "null"]`: the null branch takes none of t's keywords.
  if (Array.isArray(s.type)) return (s.type as string[]).map((type) => (type === 'null' ? { type } : { ...s, type }));
  return [s];
}

function kindOf(s: JsonSchema): Kind {
  const type = s.type ?? (s.const !== undefined ? (s.const === null ? 'null' : typeof s.const) : undefined);
  if (type === undefined) return 'any';
  return type === 'integer' ? 'number' : (type as Kind);
}

function describe(s: JsonSchema): string {
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (s.type === 'object') return `an object {${Object.keys((s.properties ?? {}) as object).join(', ')}}`;
  return String(s.type ?? 'any JSON');
}

/** `values` of an enum or a const; undefined when the schema does not list its values. */
function valuesOf(s: JsonSchema): unknown[] | undefined {
  if (s.const !== undefined) return [s.const];
  return Array.isArray(s.enum) ? s.enum : undefined;
}

/** The branch of `candidates` that most likely is `target` changed: same kind, most shared discriminators and fields. */
function counterpart(target: JsonSchema, candidates: JsonSchema[]): JsonSchema | undefined {
  const kind = kindOf(target);
  const sameKind = candidates.filter((c) => kindOf(c) === kind);
  const anything = candidates.find((c) => kindOf(c) === 'any');
  if (kind !== 'object') return sameKind[0] ?? anything;
  const identical = sameKind.find((c) => same(c, target));
  if (identical) return identical;
  const props = (s: JsonSchema) => (s.properties ?? {}) as Record<string, JsonSchema>;
  const consts = (s: JsonSchema) => Object.entries(props(s)).filter(([, p]) => p.const !== undefined).map(([k, p]) => `${k}=${JSON.stringify(p.const)}`);
  // A branch whose discriminator (a const field both have) differs is another branch, not this one changed.
  const clashes = (c: JsonSchema) => consts(target).some((d) => !consts(c).includes(d) && consts(c).some((e) => e.split('=')[0] === d.split('=')[0]));
  const score = (c: JsonSchema) => {
    const shared = Object.keys(props(target)).filter((k) => k in props(c)).length;
    const unshared = Object.keys(props(target)).length + Object.keys(props(c)).length - 2 * shared;
    return 2 * shared - unshared;
  };
  const eligible = sameKind.filter((c) => !clashes(c));
  return eligible.length === 0 ? anything : eligible.reduce((a, b) => (score(b) > score(a) ? b : a));
}

export function compareSchemas(before: JsonSchema, after: JsonSchema, ctx: Ctx): void {
  if (ctx.direction === 'request' && !same(before.default, after.default) && (before.default !== undefined || after.default !== undefined)) {
    ctx.out.push(breaking('DEFAULT_SAME', ctx.where, `default ${JSON.stringify(before.default)} → ${JSON.stringify(after.default)}`));
  }
  const A = branches(before);
  const B = branches(after);
  if (A.length === 1 && B.length === 1) return compareOne(A[0]!, B[0]!, ctx);
  // Each value the one side allows must be allowed by the other: in a request every old branch needs a new
  // one that takes all it took; in a response every new branch needs an old one that allowed all of it.
  const [from, to] = ctx.direction === 'request' ? [A, B] : [B, A];
  const identical = new Set(from.flatMap((f) => to.filter((t) => same(f, t))));
  for (const f of from) {
    if (to.some((t) => same(f, t))) continue;
    const pair = (t: JsonSchema) => (ctx.direction === 'request' ? [f, t] : [t, f]) as [JsonSchema, JsonSchema];
    const trial = (t: JsonSchema) => {
      const out: Change[] = [];
      compareOne(...pair(t), { ...ctx, out });
      return out;
    };
    // A branch that fits without a breaking change: fine (a union split or merged).
    const fits = to.map(trial).find((changes) => !changes.some((c) => c.breaking));
    if (fits) {
      ctx.out.push(...fits);
      continue;
    }
    // Otherwise the most similar branch not already matched as is, if any, changed; else it is new or gone.
    const t = counterpart(f, to.filter((c) => !identical.has(c)));
    if (t) ctx.out.push(...trial(t));
    else if (ctx.direction === 'request') ctx.out.push(breaking('TYPE_NO_NARROW', ctx.where, `no longer accepts ${describe(f)}`));
    else ctx.out.push(breaking('TYPE_NO_WIDEN', ctx.where, `may now be ${describe(f)}`));
  }
  if (ctx.direction === 'request') {
    for (const b of B) if (!A.some((a) => same(a, b)) && !counterpart(b, A)) ctx.out.push(additive(ctx.where, `now also accepts ${describe(b)}`));
  }
}

function compareOne(a: JsonSchema, b: JsonSchema, ctx: Ctx): void {
  const ka = kindOf(a);
  const kb = kindOf(b);
  const narrowed = (message: string) => {
    ctx.out.push(ctx.direction === 'request' ? breaking('TYPE_NO_NARROW', ctx.where, message) : additive(ctx.where, message));
  };
  const widened = (message: string) => {
    ctx.out.push(ctx.direction === 'response' ? breaking('TYPE_NO_WIDEN', ctx.where, message) : additive(ctx.where, message));
  };

  if (ka === 'any' || kb === 'any') {
    if (ka === kb) return;
    return ka === 'any' ? narrowed(`was any JSON, now ${describe(b)}`) : widened(`was ${describe(a)}, now any JSON`);
  }
  if (ka !== kb) {
    const rule = ctx.direction === 'request' ? 'TYPE_NO_NARROW' : 'TYPE_NO_WIDEN';
    ctx.out.push(breaking(rule, ctx.where, `type ${describe(a)} → ${describe(b)}`));
    return;
  }
  if (a.type === 'integer' && b.type === 'number') widened('integer → any number');
  if (a.type === 'number' && b.type === 'integer') narrowed('any number → integer');
  compareValues(a, b, ctx, narrowed, widened);
  compareLimits(a, b, narrowed, widened);
  if (ka === 'object') compareObjects(a, b, ctx);
  if (ka === 'array') compareSchemas((a.items ?? {}) as JsonSchema, (b.items ?? {}) as JsonSchema, { ...ctx, where: `${ctx.where}[]` });
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!COMPARED.has(key) && !same(a[key], b[key])) ctx.out.push(breaking('UNJUDGED', ctx.where, `"${key}" changed`));
  }
}

function compareValues(a: JsonSchema, b: JsonSchema, ctx: Ctx, narrowed: (m: string) => void, widened: (m: string) => void) {
  const va = valuesOf(a);
  const vb = valuesOf(b);
  if (!va && !vb) return;
  if (va && vb) {
    const has = (list: unknown[], v: unknown) => list.some((w) => same(w, v));
    for (const v of va) if (!has(vb, v)) ctx.out.push(breaking('ENUM_VALUE_NO_DELETE', ctx.where, `value ${JSON.stringify(v)} removed`));
    for (const v of vb) {
      if (has(va, v)) continue;
      if (ctx.direction === 'response') ctx.out.push(breaking('ENUM_VALUE_NO_ADD', ctx.where, `value ${JSON.stringify(v)} added`));
      else ctx.out.push(additive(ctx.where, `value ${JSON.stringify(v)} added`));
    }
    return;
  }
  if (va) widened(`no longer limited to ${va.map((v) => JSON.stringify(v)).join(' | ')}`);
  else narrowed(`now limited to ${vb!.map((v) => JSON.stringify(v)).join(' | ')}`);
}

interface Bound {
  value: number;
  exclusive: boolean;
}
/** A lower or upper bound; integers' exclusive bounds become inclusive ones (> 0 is ≥ 1). */
function bound(s: JsonSchema, side: 'lower' | 'upper'): Bound | undefined {
  const inclusive = s[side === 'lower' ? 'minimum' : 'maximum'];
  const exclusive = s[side === 'lower' ? 'exclusiveMinimum' : 'exclusiveMaximum'];
  const candidates: Bound[] = [];
  if (typeof inclusive === 'number') candidates.push({ value: inclusive, exclusive: false });
  if (typeof exclusive === 'number') {
    if (s.type === 'integer') candidates.push({ value: side === 'lower' ? Math.floor(exclusive) + 1 : Math.ceil(exclusive) - 1, exclusive: false });
    else candidates.push({ value: exclusive, exclusive: true });
  }
  if (candidates.length === 0) return undefined;
  // The tighter one wins when both are given.
  const tighter = (x: Bound, y: Bound) => {
    const c = side === 'lower' ? y.value - x.value : x.value - y.value;
    return c > 0 || (c === 0 && y.exclusive) ? y : x;
  };
  return candidates.reduce(tighter);
}
/** > 0: `b` is stricter than `a`; < 0: looser. A missing bound is no limit. */
function strictness(a: Bound | undefined, b: Bound | undefined, side: 'lower' | 'upper'): number {
  if (!a && !b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  const diff = side === 'lower' ? b.value - a.value : a.value - b.value;
  return diff !== 0 ? diff : Number(b.exclusive) - Number(a.exclusive);
}
const showBound = (x: Bound | undefined, side: 'lower' | 'upper') =>
  x ? `${side === 'lower' ? (x.exclusive ? '>' : '≥') : x.exclusive ? '<' : '≤'} ${x.value}` : 'none';

function compareLimits(a: JsonSchema, b: JsonSchema, narrowed: (m: string) => void, widened: (m: string) => void) {
  for (const side of ['lower', 'upper'] as const) {
    const [x, y] = [bound(a, side), bound(b, side)];
    const s = strictness(x, y, side);
    if (s !== 0) (s > 0 ? narrowed : widened)(`${side} bound ${showBound(x, side)} → ${showBound(y, side)}`);
  }
  const counts: Array<[string, string]> = [['minLength', 'maxLength'], ['minItems', 'maxItems'], ['minProperties', 'maxProperties']];
  for (const [minKey, maxKey] of counts) {
    const [minA, minB, maxA, maxB] = [a[minKey], b[minKey], a[maxKey], b[maxKey]] as Array<number | undefined>;
    const lo = (minB ?? 0) - (minA ?? 0);
    const hi = (maxA ?? Infinity) - (maxB ?? Infinity);
    if (lo !== 0) (lo > 0 ? narrowed : widened)(`${minKey} ${minA ?? 'none'} → ${minB ?? 'none'}`);
    if (hi !== 0 && !Number.isNaN(hi)) (hi > 0 ? narrowed : widened)(`${maxKey} ${maxA ?? 'none'} → ${maxB ?? 'none'}`);
  }
  // These cannot be ordered: added narrows, removed widens, changed does both.
  for (const key of ['pattern', 'format', 'multipleOf', 'uniqueItems']) {
    if (same(a[key], b[key])) continue;
    const message = `${key} ${JSON.stringify(a[key]) ?? 'none'} → ${JSON.stringify(b[key]) ?? 'none'}`;
    if (b[key] !== undefined) narrowed(message);
    if (a[key] !== undefined) widened(message);
  }
}

function compareObjects(a: JsonSchema, b: JsonSchema, ctx: Ctx) {
  const pa = (a.properties ?? {}) as Record<string, JsonSchema>;
  const pb = (b.properties ?? {}) as Record<string, JsonSchema>;
  const ra = new Set((a.required ?? []) as string[]);
  const rb = new Set((b.required ?? []) as string[]);
  const at = (field: string) => `${ctx.where}.${field}`;
  for (const [field, before] of Object.entries(pa)) {
    const after = pb[field];
    if (!after) {
      ctx.out.push(breaking('FIELD_NO_DELETE', at(field), 'removed (or renamed)'));
      continue;
    }
    if (ctx.direction === 'request' && !ra.has(field) && rb.has(field)) ctx.out.push(breaking('FIELD_NO_MAKE_REQUIRED', at(field), 'optional → required'));
    if (ctx.direction === 'response' && ra.has(field) && !rb.has(field)) ctx.out.push(breaking('FIELD_NO_MAKE_OPTIONAL', at(field), 'required → optional'));
    compareSchemas(before, after, { ...ctx, where: at(field) });
  }
  for (const field of Object.keys(pb)) {
    if (field in pa) continue;
    if (ctx.direction === 'request' && rb.has(field)) ctx.out.push(breaking('FIELD_NO_NEW_REQUIRED', at(field), 'new required field'));
    else ctx.out.push(additive(at(field), `new ${rb.has(field) ? 'required' : 'optional'} field`));
  }
  for (const key of ['additionalProperties', 'propertyNames'] as const) {
    const [x, y] = [a[key], b[key]];
    if (typeof x === 'object' && typeof y === 'object') compareSchemas(x as JsonSchema, y as JsonSchema, { ...ctx, where: `${ctx.where}{${key}}` });
    else if (key === 'propertyNames' && !same(x, y)) ctx.out.push(breaking('UNJUDGED', ctx.where, `"${key}" changed`));
  }
}
