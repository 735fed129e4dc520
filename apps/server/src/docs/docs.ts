// The three generated documents, made from the contract when the server is built (write-docs.ts writes
// them into dist/docs) and read from there. Running from source (tests, tsx) there is no build: each is
// generated on first use, once per process, by the same functions.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildAsyncApi, type AsyncApiDocument } from './asyncapi.js';
import { renderEventReference } from './event-reference.js';
import { buildOpenApi, type OpenApiDocument } from './openapi.js';

export const DOC_FILES = { asyncapi: 'asyncapi.json', openapi: 'openapi.json', eventsHtml: 'events.html' } as const;

/** Each document on demand (the AsyncAPI one as served: JSON text). */
export interface DocsSource {
  /** `built`: read from the build's files; `generated`: made in this process from the contract. */
  origin: 'built' | 'generated';
  openapi(): OpenApiDocument;
  asyncapiJson(): string;
  eventsHtml(): string;
}

const once = <T>(make: () => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

const serialize = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

const asyncapi = once(buildAsyncApi);
/** Generated in process: shared by every server of the process (tests start many). */
const generated: DocsSource = {
  origin: 'generated',
  openapi: once(buildOpenApi),
  asyncapiJson: once(() => serialize(asyncapi())),
  eventsHtml: once(() => renderEventReference(asyncapi())),
};

export function generateDocs(): { asyncapi: AsyncApiDocument; openapi: OpenApiDocument; eventsHtml: string } {
  return { asyncapi: asyncapi(), openapi: generated.openapi(), eventsHtml: generated.eventsHtml() };
}

/** The files a build wrote, by name. */
export function serializeDocs(): Record<(typeof DOC_FILES)[keyof typeof DOC_FILES], string> {
  return {
    [DOC_FILES.asyncapi]: generated.asyncapiJson(),
    [DOC_FILES.openapi]: serialize(generated.openapi()),
    [DOC_FILES.eventsHtml]: generated.eventsHtml(),
  };
}

/** The built documents in `dir` when a build wrote them there, otherwise generated ones. */
export function docsFrom(dir: string): DocsSource {
  const file = (name: string) => path.join(dir, name);
  if (!Object.values(DOC_FILES).every((name) => existsSync(file(name)))) return generated;
  const read = (name: string) => once(() => readFileSync(file(name), 'utf8'));
  const openapiText = read(DOC_FILES.openapi);
  return {
    origin: 'built',
    openapi: once(() => JSON.parse(openapiText()) as OpenApiDocument),
    asyncapiJson: read(DOC_FILES.asyncapi),
    eventsHtml: read(DOC_FILES.eventsHtml),
  };
}
