// Derives the PostgreSQL and MySQL/MariaDB schemas from the one source, prisma/schema.prisma (SQLite).
// Each lands in prisma/providers/<provider>/schema.prisma beside its migrations, in Prisma's standard layout,
// so `prisma migrate deploy --schema prisma/providers/<provider>/schema.prisma` works with the native engine.
// MySQL maps String to VARCHAR(191): every String column that is not a key, an index column or a foreign key
// becomes @db.Text so long texts fit. The same rule decides the column types of the MySQL migrations.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const sourceSchemaPath = path.join(packageRoot, 'prisma', 'schema.prisma');
export const PROVIDERS = ['sqlite', 'postgresql', 'mysql'];

/** Where each provider's schema and migrations live. */
export function providerPaths(provider) {
  if (provider === 'sqlite') {
    return { schema: sourceSchemaPath, migrations: path.join(packageRoot, 'prisma', 'migrations') };
  }
  const dir = path.join(packageRoot, 'prisma', 'providers', provider);
  return { schema: path.join(dir, 'schema.prisma'), migrations: path.join(dir, 'migrations') };
}

/** Where `prisma generate` writes a provider's client (the schema's generator `output`). */
export function generatedClientDir(provider) {
  return path.join(packageRoot, 'src', 'generated', provider === 'sqlite' ? 'prisma' : provider);
}

/** generatedClientDir as the provider's schema names it (relative to the schema's folder, with forward slashes). */
const clientDirFromSchema = (provider) =>
  path.relative(path.dirname(providerPaths(provider).schema), generatedClientDir(provider)).split(path.sep).join('/');

/** Model name → names of its String fields that MySQL must keep as VARCHAR(191) (keys, indexes, foreign keys). */
export function keyedStringFields(source) {
  const result = new Map();
  for (const [, model, body] of source.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const keyed = new Set();
    const lines = body.split('\n').map((l) => l.replace(/\/\/.*$/, '').trim()).filter(Boolean);
    for (const line of lines) {
      const field = /^(\w+)\s+String\??\s*(.*)$/.exec(line);
      if (field && /@(id|unique)\b/.test(field[2])) keyed.add(field[1]);
      for (const list of line.matchAll(/(?:@@(?:id|unique|index)\s*\(\s*\[|fields:\s*\[)([^\]]*)\]/g)) {
        for (const name of list[1].split(',')) keyed.add(name.trim().split(/[\s(]/)[0]);
      }
    }
    const strings = new Set(lines.map((l) => /^(\w+)\s+String\??(\s|$)/.exec(l)?.[1]).filter(Boolean));
    result.set(model, new Set([...keyed].filter((f) => strings.has(f))));
  }
  return result;
}

export function deriveSchema(source, provider) {
  if (provider === 'sqlite') return source;
  let out = source
    .replace(/(datasource\s+\w+\s*\{[^}]*?provider\s*=\s*)"sqlite"/s, `$1"${provider}"`)
    .replace(/output\s*=\s*"\.\.\/src\/generated\/prisma"/, `output       = "${clientDirFromSchema(provider)}"`);
  if (provider === 'mysql') {
    const keyed = keyedStringFields(source);
    out = out.replace(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm, (block, model) =>
      block.replace(/^(\s+)(\w+)(\s+)String(\??)([^\n]*)$/gm, (line, indent, name, space, optional, rest) => {
        if (keyed.get(model)?.has(name) || rest.includes('@db.')) return line;
        const [attrs, comment] = rest.split(/(?=\/\/)/);
        return `${indent}${name}${space}String${optional}${attrs.trimEnd()} @db.Text${comment ? ` ${comment}` : ''}`;
      }),
    );
  }
  const header = `// GENERATED from ../../schema.prisma by scripts/provider-schemas.mjs — do not edit; edit the source.\n`;
  return header + out;
}

/**
 * The committed prisma/providers/<provider>/schema.prisma is the schema its migrations were made from; only
 * `migration:create` rewrites it. Generation reads a fresh derivation from `.generate.prisma` beside it
 * (gitignored, same folder, so the generator's relative output path is the same).
 */
export function generationSchemaPath(provider) {
  if (provider === 'sqlite') return sourceSchemaPath;
  return path.join(path.dirname(providerPaths(provider).schema), '.generate.prisma');
}

/** Writes the derived schemas for generation (`generate`) or as the new migration baseline (`committed`). */
export function writeProviderSchemas(target = 'generate') {
  const source = readFileSync(sourceSchemaPath, 'utf8');
  return ['postgresql', 'mysql'].map((provider) => {
    const file = target === 'committed' ? providerPaths(provider).schema : generationSchemaPath(provider);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, deriveSchema(source, provider));
    return file;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const file of writeProviderSchemas()) console.log(`wrote ${path.relative(packageRoot, file)}`);
}
