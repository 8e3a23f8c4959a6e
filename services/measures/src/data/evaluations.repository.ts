import type { components } from '../generated/api';
import type { Queryable } from '@sozialraum/kit/db';

export type EvaluationRecord = components['schemas']['Evaluation'];

const columns = `outcome, recommendation, lessons, period_from AS "from", period_to AS "to", space_type AS "spaceType",
  observed, created_by AS "createdBy", created_at AS "createdAt"`;

export async function findEvaluation(db: Queryable, measureId: string): Promise<EvaluationRecord | undefined> {
  const { rows } = await db.query<EvaluationRecord>(`SELECT ${columns} FROM evaluation WHERE measure_id = $1`, [measureId]);
  return rows[0];
}

/** undefined when the measure has an evaluation already. */
export async function insertEvaluation(
  db: Queryable,
  measureId: string,
  evaluation: Omit<EvaluationRecord, 'createdAt'>,
): Promise<EvaluationRecord | undefined> {
  const { rows } = await db.query<EvaluationRecord>(
    `INSERT INTO evaluation (measure_id, outcome, recommendation, lessons, period_from, period_to, space_type, observed, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (measure_id) DO NOTHING RETURNING ${columns}`,
    [
      measureId,
      evaluation.outcome,
      evaluation.recommendation,
      evaluation.lessons,
      evaluation.from,
      evaluation.to,
      evaluation.spaceType ?? null,
      JSON.stringify(evaluation.observed),
      evaluation.createdBy,
    ],
  );
  return rows[0];
}
