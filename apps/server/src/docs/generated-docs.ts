// The documents generated in this process from the contract: what the build writes into dist/docs
// (write-docs.ts) and what a server running from source serves (docs.ts imports this file only then).
import { buildAsyncApi, type AsyncApiDocument } from './asyncapi.js';
import { DOC_FILES, type DocsSource } from './docs.js';
import { renderEventReference } from './event-reference.js';
import { buildOpenApi, type OpenApiDocument } from './openapi.js';
import { once } from './once.js';

const serialize = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

const asyncapi = once(buildAsyncApi);
/** Generated in process: shared by every server of the process (tests start many). */
export const generated: DocsSource = {
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
