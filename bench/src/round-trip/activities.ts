import type { Pool } from '@sozialraum/kit/db';

export function createRoundTripActivities(pool: Pool) {
  return {
    async write(id: string, n: number): Promise<void> {
      await pool.query('INSERT INTO bench_round_trip (id, n) VALUES ($1, $2) ON CONFLICT DO NOTHING', [id, n]);
    },
  };
}
export type RoundTripActivities = ReturnType<typeof createRoundTripActivities>;
