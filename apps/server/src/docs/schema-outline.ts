// A JSON Schema (as zod writes it) as a nested HTML list an app developer reads at a glance: each field
// with its type, whether it is required, and its limits. Used by the event reference page.
import type { JsonSchema } from '@bidwire/contract';

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const SAFE = Number.MAX_SAFE_INTEGER;
const isNull = (s: JsonSchema) => s.type === 'null';
const branchesOf = (s: JsonSchema) => (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;

/** The limits worth telling a client: lengths, ranges, formats, defaults. */
function limits(s: JsonSchema): string[] {
  const out: string[] = [];
  const range = (lo: unknown, hi: unknown, unit: string) => {
    if (lo !== undefined && hi !== undefined) out.push(`${lo}..${hi} ${unit}`);
    else if (lo !== undefined) out.push(`≥ ${lo} ${unit}`);
    else if (hi !== undefined) out.push(`≤ ${hi} ${unit}`);
  };
  range(s.minLength, s.maxLength, 'characters');
  range(s.minItems, s.maxItems, 'items');
  if (typeof s.exclusiveMinimum === 'number') out.push(`> ${s.exclusiveMinimum}`);
  if (typeof s.minimum === 'number' && s.minimum !== -SAFE) out.push(`≥ ${s.minimum}`);
  if (typeof s.exclusiveMaximum === 'number') out.push(`< ${s.exclusiveMaximum}`);
  if (typeof s.maximum === 'number' && s.maximum !== SAFE) out.push(`≤ ${s.maximum}`);
  if (typeof s.format === 'string') out.push(s.format);
  // A format says it better than its generated pattern (zod writes both for ISO dates).
  else if (typeof s.pattern === 'string') out.push(`pattern ${s.pattern}`);
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`);
  return out;
}

/** A short type label: `string`, `integer`, `"open" | "sold"`, `Bid[]`-like `object[]`, `… | null`. */
export function typeLabel(s: JsonSchema): string {
  const branches = branchesOf(s);
  if (branches) {
    const labels = branches.filter((b) => !isNull(b)).map(typeLabel);
    return [...new Set(labels)].join(' | ') + (branches.some(isNull) ? ' | null' : '');
  }
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (s.type === 'array') return `${typeLabel((s.items ?? {}) as JsonSchema)}[]`;
  if (Array.isArray(s.type)) return s.type.join(' | ');
  if (typeof s.type === 'string') return s.type;
  if (typeof s.$ref === 'string') return s.$ref.split('/').pop()!;
  return 'any JSON';
}

/** The object shapes inside a schema, to list their fields: itself, its array items, its union branches. */
function shapesOf(s: JsonSchema): JsonSchema[] {
  if (s.type === 'object' && s.properties) return [s];
  if (s.type === 'array' && s.items) return shapesOf(s.items as JsonSchema);
  const branches = branchesOf(s);
  return branches ? branches.flatMap(shapesOf) : [];
}

function fields(s: JsonSchema): string {
  const required = new Set((s.required ?? []) as string[]);
  const items = Object.entries((s.properties ?? {}) as Record<string, JsonSchema>).map(([name, field]) => {
    const notes = limits(field);
    const flag = required.has(name) ? '<span class="req">required</span>' : '<span class="opt">optional</span>';
    return (
      `<li><code class="field">${escapeHtml(name)}</code> <span class="type">${escapeHtml(typeLabel(field))}</span> ${flag}` +
      (notes.length ? ` <span class="limits">${escapeHtml(notes.join(', '))}</span>` : '') +
      (typeof field.description === 'string' ? ` <span class="desc">${escapeHtml(field.description)}</span>` : '') +
      outline(field, true) +
      '</li>'
    );
  });
  return items.length ? `<ul class="fields">${items.join('')}</ul>` : '<p class="empty">No fields: <code>{}</code>.</p>';
}

/** The schema's fields as nested lists; a union of shapes lists each shape ("one of"). */
export function outline(s: JsonSchema, nested = false): string {
  const shapes = shapesOf(s);
  if (shapes.length === 0) return nested ? '' : `<p class="type-only">${escapeHtml(typeLabel(s))}</p>`;
  if (shapes.length === 1) return fields(shapes[0]!);
  return `<ol class="one-of">${shapes.map((shape) => `<li><span class="shape">one of:</span>${fields(shape)}</li>`).join('')}</ol>`;
}
