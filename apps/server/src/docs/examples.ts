// Examples for the generated docs, made from the contract's schemas by openapi-sampler (it takes each
// schema's `examples`, `const`, `enum` and `default` first, so the contract's primitives give realistic
// values); a definition's own `example` wins where a refinement the sampler cannot see needs one.
import { sample } from 'openapi-sampler';
import type * as z from 'zod';
import { contractJsonSchema, type SchemaDirection } from '@bidwire/contract';

/** An example of what `schema` describes in `direction`: `given` when the contract provides one. */
export function exampleOf(schema: z.ZodType, direction: SchemaDirection, given?: unknown): unknown {
  if (given !== undefined) return given;
  // Every optional field is included, so an example shows the whole shape.
  return sample(contractJsonSchema(schema, direction, 'draft-07') as Parameters<typeof sample>[0], { quiet: true });
}
