import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every schema has one writer (docs/architecture.md): a service writes only the tables of its own schema,
 * and no other package writes any. A static scan of the shipped source (tests and benchmarks aside) for SQL
 * write statements and for pools on a schema, against the tables each service's migrations create.
 */
const root = join(__dirname, '..', '..');
const SERVICES = ['monitoring', 'strategy', 'measures'] as const;
/** Packages that ship code and own no schema. */
const OTHERS = ['workflows/src', 'packages/kit/src', 'packages/contracts/src', 'apps/web/src', 'apps/web/server', 'demo/src'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The tables (and views) a service's migrations create: what it may write, unqualified, through its pool's search path. */
function ownTables(service: string): Set<string> {
  const dir = join(root, 'services', service, 'migrations');
  const sql = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  return new Set([...sql.matchAll(/CREATE (?:UNLOGGED )?(?:TABLE|(?:MATERIALIZED )?VIEW)(?: IF NOT EXISTS)? "?([a-z_]+)"?\.?"?([a-z_]*)"?/gi)].map((m) => (m[2] || m[1] || '').toLowerCase()));
}

/** `INSERT INTO x`, `UPDATE x SET`, `DELETE FROM x`, `MERGE INTO x`: the table written, schema-qualified or not. */
const WRITE = /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|MERGE\s+INTO|TRUNCATE(?:\s+TABLE)?)\s+("?[a-z_]+"?(?:\."?[a-z_]+"?)?)(?=[\s(]|$)/gi;
const POOL_SCHEMA = /schema:\s*'([a-z_]+)'/g;

interface Write {
  file: string;
  schema?: string;
  table: string;
}

function writesIn(dir: string): Write[] {
  return sourceFiles(join(root, dir)).flatMap((path) => {
    const text = readFileSync(path, 'utf8');
    // Only inside SQL text: template literals and strings that start like a statement.
    const sql = [...text.matchAll(/`[^`]*`|'(?:INSERT|UPDATE|DELETE|WITH)[^']*'/g)].map((m) => m[0]).join('\n');
    return [...sql.matchAll(WRITE)].flatMap((m) => {
      const name = (m[1] ?? '').replace(/"/g, '').toLowerCase();
      // `UPDATE` of a row lock (`FOR UPDATE`) or an `ON CONFLICT … DO UPDATE SET` is not a statement of its own.
      const before = sql.slice(Math.max(0, (m.index ?? 0) - 12), m.index).toUpperCase();
      if (/\b(FOR|DO)\s*$/.test(before) || name === 'set') return [];
      const [schema, table] = name.includes('.') ? name.split('.') : [undefined, name];
      return [{ file: relative(root, path), ...(schema ? { schema } : {}), table: table as string }];
    });
  });
}

describe('who writes which schema', () => {
  test('when the shipped source is scanned, then each service writes only tables its own migrations create', () => {
    const foreign: string[] = [];
    for (const service of SERVICES) {
      const own = ownTables(service);
      expect(own.size).toBeGreaterThan(3);
      for (const w of writesIn(`services/${service}/src`)) {
        if ((w.schema && w.schema !== service) || !own.has(w.table)) foreign.push(`${w.file}: ${w.schema ? `${w.schema}.` : ''}${w.table}`);
      }
    }
    expect(foreign).toEqual([]);
    // The strategy service writes its read model itself (the cycle's activities run there).
    expect(writesIn('services/strategy/src').map((w) => w.table)).toEqual(expect.arrayContaining(['cycle', 'task', 'notification', 'measure_proposal']));
  });

  test('when the shipped source is scanned, then no package but the owning service writes a schema or opens a pool on one', () => {
    const found: string[] = [];
    for (const dir of OTHERS) {
      for (const w of writesIn(dir)) found.push(`${w.file}: writes ${w.table}`);
      for (const path of sourceFiles(join(root, dir))) {
        for (const m of readFileSync(path, 'utf8').matchAll(POOL_SCHEMA)) found.push(`${relative(root, path)}: pool on schema ${m[1]}`);
      }
    }
    for (const service of SERVICES) {
      for (const path of sourceFiles(join(root, 'services', service, 'src'))) {
        for (const m of readFileSync(path, 'utf8').matchAll(POOL_SCHEMA)) if (m[1] !== service) found.push(`${relative(root, path)}: pool on schema ${m[1]}`);
      }
    }
    expect(found).toEqual([]);
  });

  test('when a package writes another service’s table, then the scan finds it (the scan itself works)', () => {
    // The worker before issue 11 wrote the strategy read model: the same statements must be caught.
    const own = ownTables('strategy');
    expect(own.has('task') && own.has('notification') && own.has('measure_proposal')).toBe(true);
    expect(ownTables('measures').has('task')).toBe(false);
    const sample = "await db.query(`UPDATE task SET status = 'cancelled' WHERE id = $1`); await db.query(`INSERT INTO strategy.notification (id) VALUES ($1)`);";
    expect([...sample.matchAll(WRITE)].map((m) => m[1])).toEqual(['task', 'strategy.notification']);
  });
});
