import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createPool, withTransaction, type Pool } from '../src/db';
import { stackEnv } from '../src/testing';

describe('PostgreSQL kit', () => {
  const schema = `kit_test_${process.pid}`;
  let pool: Pool;

  beforeAll(() => {
    pool = createPool({ connectionString: stackEnv('DATABASE_URL'), schema });
  });
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });

  const run = () => JSON.parse(execFileSync(process.execPath, [join(__dirname, 'fixtures', 'migrate-widgets.js'), schema]).toString());

  test('when migrations run twice, then the schema is created once and the second run applies nothing', async () => {
    expect(run()).toEqual(['1732400000000_widgets']);
    expect(run()).toEqual([]);
    const { rows } = await pool.query(`SELECT to_regclass('${schema}.widget') AS t, to_regclass('${schema}.migrations') AS m`);
    expect(rows[0]).toEqual({ t: 'widget', m: 'migrations' });
  });

  test('when the work throws, then the transaction is rolled back', async () => {
    await expect(
      withTransaction(pool, async (client) => {
        await client.query(`INSERT INTO widget (name) VALUES ('rolled back')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await withTransaction(pool, (client) => client.query(`INSERT INTO widget (name) VALUES ('kept')`));
    const { rows } = await pool.query('SELECT name FROM widget ORDER BY name');
    expect(rows).toEqual([{ name: 'kept' }]);
  });

  test('when PostGIS is asked to reproject, then it answers (the extension is enabled)', async () => {
    const { rows } = await pool.query(
      `SELECT round(ST_X(p)::numeric, 3) AS lon, round(ST_Y(p)::numeric, 3) AS lat
         FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(392000, 5820000), 25833), 4326) AS p) q`,
    );
    expect(rows[0].lon).toBeCloseTo(13.4, 1);
    expect(rows[0].lat).toBeCloseTo(52.5, 1);
  });
});
