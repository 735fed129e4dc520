// Translates the PostgreSQL migration script the WASM schema engine writes into MySQL/MariaDB SQL, following
// Prisma's mysql type mapping (the WASM engine has no MySQL connector). String columns are VARCHAR(191) when
// they are keys, index columns or foreign keys (`keyed`, from scripts/provider-schemas.mjs) and TEXT otherwise,
// exactly as the derived mysql schema declares them. Proven by the whole test suite passing on MariaDB.
const TABLE_OPTIONS = 'DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci';

const quote = (sql) => sql.replace(/"([^"]+)"/g, '`$1`');

/** `"col" TYPE rest` → MySQL column definition. */
function column(table, definition, keyed) {
  const m = /^"([^"]+)"\s+(TEXT|TIMESTAMP\(3\)|DOUBLE PRECISION|INTEGER|BIGINT|BOOLEAN|JSONB)(.*)$/.exec(definition.trim());
  if (!m) throw new Error(`mysql-from-postgres: cannot translate column definition: ${definition.trim()}`);
  const [, name, pgType, rest] = m;
  const isKeyed = keyed.get(table)?.has(name) ?? false;
  const type = {
    TEXT: isKeyed ? 'VARCHAR(191)' : 'TEXT',
    'TIMESTAMP(3)': 'DATETIME(3)',
    'DOUBLE PRECISION': 'DOUBLE',
    INTEGER: 'INTEGER',
    BIGINT: 'BIGINT',
    BOOLEAN: 'BOOLEAN',
    JSONB: 'JSON',
  }[pgType];
  let tail = rest.replace(/DEFAULT CURRENT_TIMESTAMP\b(?!\()/, 'DEFAULT CURRENT_TIMESTAMP(3)');
  // MySQL 8 accepts defaults on TEXT columns only as expressions; MariaDB accepts both forms.
  if (type === 'TEXT') tail = tail.replace(/DEFAULT ('(?:[^']|'')*')/, 'DEFAULT ($1)');
  return `\`${name}\` ${type}${tail}`;
}

function createTable(statement, keyed) {
  const m = /^CREATE TABLE "([^"]+)" \(([\s\S]*)\)$/.exec(statement);
  if (!m) throw new Error(`mysql-from-postgres: cannot translate: ${statement.slice(0, 80)}`);
  const [, table, body] = m;
  const parts = body.split(/,\n/).map((p) => p.trim()).filter(Boolean);
  const lines = parts.map((part) => {
    const pk = /^CONSTRAINT "[^"]+" PRIMARY KEY \((.*)\)$/.exec(part);
    if (pk) return `PRIMARY KEY (${quote(pk[1])})`;
    return column(table, part, keyed);
  });
  return `CREATE TABLE \`${table}\` (\n    ${lines.join(',\n    ')}\n) ${TABLE_OPTIONS}`;
}

function translate(statement, keyed) {
  if (/^CREATE SCHEMA/.test(statement)) return null;
  if (/^CREATE TABLE/.test(statement)) return createTable(statement, keyed);
  if (/^CREATE (UNIQUE )?INDEX/.test(statement)) return quote(statement);
  const add = /^ALTER TABLE "([^"]+)" ADD COLUMN ([\s\S]+)$/.exec(statement);
  if (add) {
    // One or more `ADD COLUMN` clauses (the engine lists every new column of a table in one statement).
    const columns = add[2].split(/,\s*ADD COLUMN\s+/).map((definition) => `ADD COLUMN ${column(add[1], definition, keyed)}`);
    return `ALTER TABLE \`${add[1]}\` ${columns.join(',\n')}`;
  }
  if (/^ALTER TABLE "[^"]+" (ADD CONSTRAINT "[^"]+" FOREIGN KEY|DROP CONSTRAINT|DROP COLUMN)/.test(statement)) {
    return quote(statement).replace(/DROP CONSTRAINT/, 'DROP FOREIGN KEY');
  }
  if (/^DROP (TABLE|INDEX)/.test(statement)) {
    const idx = /^DROP INDEX "([^"]+)"$/.exec(statement);
    if (idx) throw new Error(`mysql-from-postgres: DROP INDEX needs its table in MySQL; write it by hand: ${statement}`);
    return quote(statement);
  }
  throw new Error(`mysql-from-postgres: no translation for this statement yet; write it by hand:\n${statement}`);
}

/** `keyed`: Map<table, Set<column>> of String columns that must be VARCHAR(191). */
export function mysqlFromPostgres(script, keyed) {
  const out = [];
  for (const chunk of script.split(/;\s*\n|;\s*$/)) {
    const comments = chunk.split('\n').filter((l) => l.trim().startsWith('--'));
    const statement = chunk.split('\n').filter((l) => !l.trim().startsWith('--')).join('\n').trim();
    if (!statement) continue;
    const translated = translate(statement, keyed);
    if (translated) out.push(`${comments.join('\n')}\n${translated};`.trim());
  }
  return out.join('\n\n');
}
