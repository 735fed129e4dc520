// The three generated documents, made from the contract when the server is built (write-docs.ts writes
// them into dist/docs) and read from there. Running from source (tests, tsx) there is no build: each is
// generated on first use, once per process, by the same functions (generated-docs.ts, imported only then:
// a built server never loads the generators, marked or openapi-sampler).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { OpenApiDocument } from './openapi.js';
import { once } from './once.js';

export const DOC_FILES = { asyncapi: 'asyncapi.json', openapi: 'openapi.json', eventsHtml: 'events.html' } as const;

/** Each document on demand (the AsyncAPI one as served: JSON text). */
export interface DocsSource {
  /** `built`: read from the build's files; `generated`: made in this process from the contract. */
  origin: 'built' | 'generated';
  openapi(): OpenApiDocument;
  asyncapiJson(): string;
  eventsHtml(): string;
}

/** The built documents in `dir` when a build wrote them there, otherwise generated ones. */
export async function docsFrom(dir: string): Promise<DocsSource> {
  const file = (name: string) => path.join(dir, name);
  if (!Object.values(DOC_FILES).every((name) => existsSync(file(name)))) return (await import('./generated-docs.js')).generated;
  const read = (name: string) => once(() => readFileSync(file(name), 'utf8'));
  const openapiText = read(DOC_FILES.openapi);
  return {
    origin: 'built',
    openapi: once(() => JSON.parse(openapiText()) as OpenApiDocument),
    asyncapiJson: read(DOC_FILES.asyncapi),
    eventsHtml: read(DOC_FILES.eventsHtml),
  };
}
