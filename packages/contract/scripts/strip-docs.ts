// The lean build of the contract for browsers and React Native: the same schemas without the text that only
// the generated documentation reads (descriptions, audiences, examples). It is a third of the gzipped bundle,
// and a mobile app pays for every byte. Applied to the sources at build time (tsup.config.ts); the test
// `lean-build.test.ts` proves both builds define the same commands, events, routes and schemas.

// A string value: quoted literals (possibly joined with `+` over several lines) or one template literal.
const STRING = String.raw`(?:(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\x60(?:[^\x60\\]|\\.)*\x60)(?:\s*\+\s*)?)+`;
const TEXT_PROPERTY = new RegExp(String.raw`\b(description|audience):\s*${STRING}`, 'g');
// `example: { ... }` with up to three levels of nested braces.
const EXAMPLE_PROPERTY = /\bexample:\s*\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}/g;
// `.meta({ examples: [...] })`: the examples JSON Schema shows.
const META_EXAMPLES = /\.meta\(\{\s*examples:\s*\[[^\]]*\]\s*\}\)/g;

export function stripDocs(source: string): string {
  return source.replace(TEXT_PROPERTY, "$1: ''").replace(EXAMPLE_PROPERTY, 'example: undefined').replace(META_EXAMPLES, '');
}
