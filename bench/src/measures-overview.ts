/**
 * The coordinators' overview under load (issue 5 point 8, issue 12): 10,000 measures of 500 cycles with 5
 * status reports and 2 milestones each, seeded with SQL into a database of the benchmark's own (on the server of DATABASE_URL,
 * recreated each run); the measures service runs as its own process. Prints requests/s and p99 of
 * GET /v1/overview for a department user (2,000 measures in scope) and a planner (all 10,000), each next to
 * GET /v1/me of the same process in the same run, as ratios (medians of BENCH_ROUNDS interleaved rounds, see
 * harness.ts `compare`, with browser-like requests): once with the overview cache, once computed for every
 * request. Run: npm run bench -- measures
 */
import { createPool, type Pool } from '@sozialraum/kit/db';
import { type StartedProcess, userToken } from '@sozialraum/kit/testing';
import { compare, LOAD, reportComparison, ROUND_SECONDS, ROUNDS } from './harness';
import { benchDatabase, startBuilt, stop } from './platform';

const DATABASE = 'sozialraum_bench_measures';
const MEASURES = 10_000;
const REPORTS_PER_MEASURE = 5;
const CYCLES = 500;

/** Bulk SQL (the database is the benchmark's own): measures over 13 spaces, 5 departments and 500 cycles in every status, then their reports and milestones. */
async function seed(pool: Pool): Promise<void> {
  await pool.query(
    `INSERT INTO measure (title, cycle_id, spaces, target_groups, department, budget_planned, budget_approved, budget_spent,
                          funding_source, starts_on, status, status_changed_at, created_by)
     SELECT 'Bench-Maßnahme ' || g, 'cycle-BENCH' || (g % $1 + 1) || '-1', ARRAY['STGT' || lpad((g % 13 + 1)::text, 2, '0')] || CASE WHEN g % 4 = 0 THEN ARRAY['STGT14'] ELSE '{}' END,
            ARRAY[(ARRAY['old', 'poor', 'youth', 'families'])[g % 4 + 1]],
            (ARRAY['soziales', 'jugend', 'gesundheit', 'wohnen', 'stadtplanung'])[g % 5 + 1],
            1000 + g % 97 * 100, 800 + g % 89 * 100, g % 83 * 50, 'Haushalt', DATE '2025-01-01' + g % 365,
            (ARRAY['proposed', 'approved', 'in-progress', 'in-progress', 'in-progress', 'paused', 'completed', 'cancelled'])[g % 8 + 1],
            now() - (g % 300) * interval '1 day', 'bench'
       FROM generate_series(1, $2::int) AS g`,
    [CYCLES, MEASURES],
  );
  await pool.query(
    `INSERT INTO status_report (measure_id, report_date, text, progress, traffic_light, created_by)
     SELECT m.id, current_date - (r * 45 + abs(hashtext(m.title)) % 120), 'Bericht ' || r, 100 - r * 15,
            (ARRAY['green', 'yellow', 'red'])[(r + abs(hashtext(m.title))) % 3 + 1], 'bench'
       FROM measure m, generate_series(1, $1::int) AS r`,
    [REPORTS_PER_MEASURE],
  );
  await pool.query(
    `INSERT INTO milestone (measure_id, title, due_on, done_on)
     SELECT m.id, 'Meilenstein ' || k, current_date + (k * 120 - 180), CASE WHEN k = 1 AND abs(hashtext(m.title)) % 3 > 0 THEN current_date - 70 END
       FROM measure m, generate_series(1, 2) AS k`,
  );
  await pool.query('ANALYZE measure; ANALYZE status_report; ANALYZE milestone');
  // What the service keeps with each measure when reports and milestones are written through its API.
  await pool.query(
    `UPDATE measure m SET last_report_on = r.report_date, last_traffic_light = r.traffic_light, last_progress = r.progress,
            milestones_total = s.total, milestones_done = s.done, open_due_dates = s.open
       FROM (SELECT DISTINCT ON (measure_id) measure_id, report_date, traffic_light, progress
               FROM status_report ORDER BY measure_id, report_date DESC, created_at DESC) r,
            (SELECT measure_id, count(*)::int AS total, count(done_on)::int AS done,
                    COALESCE(array_agg(due_on ORDER BY due_on) FILTER (WHERE done_on IS NULL), '{}') AS open
               FROM milestone GROUP BY measure_id) s
      WHERE r.measure_id = m.id AND s.measure_id = m.id`,
  );
  await pool.query('ANALYZE measure; ANALYZE status_report; ANALYZE milestone');
}


async function main(): Promise<void> {
  const databaseUrl = await benchDatabase(DATABASE, ['measures']);
  // Seeding runs minutes on a loaded machine: no statement timeout.
  const pool = createPool({ connectionString: databaseUrl, schema: 'measures', max: 2, statementTimeoutMs: 0 });
  let service: StartedProcess | undefined;
  try {
    const seeding = Date.now();
    await seed(pool);
    process.stdout.write(`seeded ${MEASURES} measures with ${REPORTS_PER_MEASURE} reports and 2 milestones each in ${((Date.now() - seeding) / 1000).toFixed(1)} s\n`);

    process.stdout.write(`load: ${LOAD.connections} connections, ${ROUNDS} interleaved rounds of ${ROUND_SECONDS} s, measures service as its own process\n`);
    // The overview as coordinators meet it (asked again before anything changed: from the cache), and computed
    // afresh for every request (OVERVIEW_CACHE_ENTRIES=0), as after each change.
    for (const [label, cacheEntries] of [['cached', '200'], ['computed every time', '0']] as const) {
      service = await startBuilt('services/measures/dist/index.js', { DATABASE_URL: databaseUrl, RUN_OUTBOX_RELAY: 'false', OVERVIEW_CACHE_ENTRIES: cacheEntries });
      const overview = `${service.url}/v1/overview`;
      for (const [who, user, expected] of [
        [`department user (${MEASURES / 5} of ${MEASURES})`, 'soziales', MEASURES / 5],
        [`planner (all ${MEASURES})`, 'planer', MEASURES],
      ] as const) {
        const check = await fetch(overview, { headers: { authorization: `Bearer ${await userToken(user)}` } }).then((r) => r.json() as Promise<{ totals: { count: number } }>);
        if (check.totals.count !== expected) throw new Error(`the overview of ${user} counts ${check.totals.count} measures, expected ${expected}`);
        const comparison = await compare({ name: `overview, ${who}`, baselineUrl: `${service.url}/v1/me`, targetUrl: overview, token: () => userToken(user), pid: service.child.pid, database: DATABASE });
        reportComparison(`overview ${label}, ${who}`, comparison, 'GET /v1/me');
      }
      await stop([service]);
      service = undefined;
    }
  } finally {
    if (service) await stop([service]);
    await pool.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
