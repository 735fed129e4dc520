// The layers point one way (STYLE.md): contract ← core ← modules ← transports (realtime, http, cluster) ← app.
// Read from the sources' own imports, so a change that breaks a rule fails here, not in a review.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'generated') return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.test-d.ts') ? [full] : [];
  });
}

/** A file's layer: its top folder under src (modules/<domain> for modules), or the file itself at the top. */
function unitOf(file: string): string {
  const parts = path.relative(SRC, file).split(path.sep);
  if (parts[0] === 'modules') return `modules/${parts[1]}`;
  return parts.length > 1 ? parts[0]! : parts[0]!.replace(/\.ts$/, '');
}

const files = sourceFiles(SRC);
const imports = files.map((file) => {
  const text = readFileSync(file, 'utf8');
  const targets = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) =>
    path.resolve(path.dirname(file), m[1]!.replace(/\.js$/, '.ts')),
  );
  return { file, unit: unitOf(file), text, uses: [...new Set(targets.filter((t) => t.startsWith(SRC)).map(unitOf))] };
});

/** What each layer may import besides itself (the contract, zod and npm packages are always allowed). */
// `generated` is the Prisma client: the database layer and repositories only.
const ALLOWED: Record<string, (unit: string, file: string) => boolean> = {
  lib: () => false,
  core: (u) => u === 'lib',
  db: (u) => ['lib', 'config', 'generated'].includes(u),
  config: (u) => u === 'lib',
  // The API documents, generated from the contract.
  docs: (u) => u === 'lib' || u === 'core',
  // Logs and metrics: what the transports and the app report to an operator.
  observability: (u) => ['lib', 'core', 'config', 'db'].includes(u),
  module: (u, file) =>
    ['core', 'lib', 'db', 'config'].includes(u) || u.startsWith('modules/') || (u === 'generated' && file.endsWith('.repository.ts')),
  // The cluster folder is the Redis side of the ports and of the Socket.IO adapter.
  transport: (u, file) => ['core', 'lib', 'config', 'docs', 'observability'].includes(u) || (u === 'realtime' && file.includes(`${path.sep}cluster${path.sep}`)),
};
const ruleOf = (unit: string) =>
  unit.startsWith('modules/') ? 'module' : ['realtime', 'http', 'cluster'].includes(unit) ? 'transport' : unit;

describe('architecture', () => {
  it('every import points down a layer', () => {
    const wrong = imports.flatMap(({ file, unit, uses }) => {
      const allowed = ALLOWED[ruleOf(unit)];
      if (!allowed) return []; // app.ts and main.ts assemble everything
      return uses.filter((u) => u !== unit && !allowed(u, file)).map((u) => `${path.relative(SRC, file)} -> ${u}`);
    });
    expect(wrong).toEqual([]);
  });

  it('no two folders import each other, directly or through others', () => {
    const graph = new Map<string, Set<string>>();
    for (const { unit, uses } of imports) for (const u of uses) if (u !== unit) (graph.get(unit) ?? graph.set(unit, new Set()).get(unit)!).add(u);
    const cycles: string[] = [];
    const visit = (unit: string, trail: string[]) => {
      if (trail.includes(unit)) return void cycles.push([...trail.slice(trail.indexOf(unit)), unit].join(' -> '));
      for (const next of graph.get(unit) ?? []) visit(next, [...trail, unit]);
    };
    for (const unit of graph.keys()) visit(unit, []);
    expect([...new Set(cycles)]).toEqual([]);
  });

  it('Prisma is called only in repositories and the database layer', () => {
    const models = 'user|otpCode|refreshToken|category|auction|lot|bid|comment|winning|roomSeq|roomEvent|idempotentRequest|conversation|conversationParticipant|message|notification|topicMember';
    const call = new RegExp(`\\b(?:db|tx)\\.(?:(?:${models})\\.|\\$queryRaw|\\$executeRaw)`);
    // The room log's own reads and writes (room-log.ts, room-replay.ts) are its repository.
    const isRepository = (file: string) =>
      /\.repository\.ts$/.test(file) || file.startsWith(path.join(SRC, 'db') + path.sep) || /modules\/rooms\/room-(log|replay)\.ts$/.test(file);
    const outside = imports.filter(({ file, text }) => !isRepository(file) && call.test(text)).map(({ file }) => path.relative(SRC, file));
    expect(outside).toEqual([]);
  });

  it('no cast through never or unknown in production code, unless the line above says why (`// Cast: …`)', () => {
    const casts = imports.flatMap(({ file, text }) => {
      const lines = text.split('\n');
      return lines.flatMap((line, i) =>
        /\bas (?:never|unknown as)\b/.test(line) && !/^\s*\/\/ Cast: \S/.test(lines[i - 1] ?? '') ? [`${path.relative(SRC, file)}:${i + 1}`] : [],
      );
    });
    expect(casts).toEqual([]);
  });
});
