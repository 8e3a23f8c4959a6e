import type { Queryable } from '@sozialraum/kit/db';

export interface StartRequestRecord {
  requestHash: string;
  workflowId: string;
  response: Record<string, unknown> | null;
}

export async function findStartRequest(db: Queryable, principalId: string, key: string): Promise<StartRequestRecord | undefined> {
  const { rows } = await db.query<StartRequestRecord>(
    'SELECT request_hash AS "requestHash", workflow_id AS "workflowId", response FROM cycle_start_request WHERE principal_id = $1 AND idempotency_key = $2',
    [principalId, key],
  );
  return rows[0];
}

export async function recordStartRequest(db: Queryable, principalId: string, key: string, hash: string, workflowId: string): Promise<void> {
  await db.query(
    'INSERT INTO cycle_start_request (principal_id, idempotency_key, request_hash, workflow_id) VALUES ($1, $2, $3, $4)',
    [principalId, key, hash, workflowId],
  );
}

export async function storeStartResponse(db: Queryable, principalId: string, key: string, response: unknown): Promise<void> {
  await db.query('UPDATE cycle_start_request SET response = $3 WHERE principal_id = $1 AND idempotency_key = $2', [
    principalId,
    key,
    JSON.stringify(response),
  ]);
}

export async function forgetStartRequest(db: Queryable, principalId: string, key: string): Promise<void> {
  await db.query('DELETE FROM cycle_start_request WHERE principal_id = $1 AND idempotency_key = $2 AND response IS NULL', [principalId, key]);
}
