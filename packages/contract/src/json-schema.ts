// How the contract reads as JSON Schema, for the documents generated from it (AsyncAPI, OpenAPI) and for
// its compatibility snapshot: what a client sends is zod's *input* (a field with a default is optional),
// what it receives is zod's *output*. A schema that JSON Schema cannot express throws, so it is caught
// when the documents are built rather than published as `{}`.
import * as z from 'zod';

/** `request`: client → server (commands, REST inputs); `response`: server → client (acks, events, REST results). */
export type SchemaDirection = 'request' | 'response';
export type JsonSchemaTarget = 'draft-2020-12' | 'draft-07';
export type JsonSchema = Record<string, unknown>;

export function contractJsonSchema(
  schema: z.ZodType,
  direction: SchemaDirection,
  target: JsonSchemaTarget = 'draft-2020-12',
): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io: direction === 'request' ? 'input' : 'output',
    target,
    unrepresentable: 'throw',
  }) as JsonSchema;
  return rest;
}
