import type { AlertRule } from '../domain/alerts';
import type { Queryable } from '@sozialraum/kit/db';

export type AlertStatus = 'open' | 'acknowledged' | 'handed-over';

export interface AlertRuleRecord {
  rule: AlertRule;
  active: boolean;
}

export interface AlertRecord {
  id: number;
  ruleKey: string;
  spaceId: number;
  spaceCode: string;
  spaceName: string;
  period: string;
  /** '' for rules without an indicator (the unique key cannot hold NULL). */
  indicatorKey: string;
  message: string;
  evidence: Record<string, unknown>;
  status: AlertStatus;
  statusComment: string | null;
  statusBy: string | null;
  statusAt: Date | null;
  cycleReference: string | null;
  createdAt: Date;
}

export interface NewAlert {
  ruleKey: string;
  spaceId: number;
  period: string;
  indicatorKey: string;
  message: string;
  evidence: unknown;
}

export async function listRules(db: Queryable): Promise<AlertRuleRecord[]> {
  const { rows } = await db.query<AlertRuleRecord>('SELECT definition AS rule, active FROM alert_rule ORDER BY key');
  return rows;
}

export async function replaceRules(db: Queryable, rules: readonly AlertRuleRecord[]): Promise<void> {
  await db.query('DELETE FROM alert_rule');
  await db.query(
    `INSERT INTO alert_rule (key, definition, active)
     SELECT x.rule->>'key', x.rule, x.active FROM jsonb_to_recordset($1) AS x(rule jsonb, active boolean)`,
    [JSON.stringify(rules)],
  );
}

/**
 * Writes the alerts that hold now: new ones open, open ones get fresh evidence; acknowledged and
 * handed-over alerts are never touched (so never reopened or duplicated). Open alerts whose condition
 * no longer holds are deleted: nobody has acted on them yet.
 */
export async function storeAlerts(db: Queryable, alerts: readonly NewAlert[]): Promise<{ written: number; deleted: number }> {
  const json = JSON.stringify(alerts);
  const recordset = `jsonb_to_recordset($1) AS x("ruleKey" text, "spaceId" bigint, period text, "indicatorKey" text, message text, evidence jsonb)`;
  const deleted = await db.query(
    `DELETE FROM alert a WHERE a.status = 'open' AND NOT EXISTS (
       SELECT 1 FROM ${recordset}
        WHERE x."ruleKey" = a.rule_key AND x."spaceId" = a.space_id AND x.period = a.period AND x."indicatorKey" = a.indicator_key)`,
    [json],
  );
  const written = await db.query(
    `INSERT INTO alert (rule_key, space_id, period, indicator_key, message, evidence)
     SELECT x."ruleKey", x."spaceId", x.period, x."indicatorKey", x.message, x.evidence FROM ${recordset}
     ON CONFLICT (rule_key, space_id, period, indicator_key)
     DO UPDATE SET message = EXCLUDED.message, evidence = EXCLUDED.evidence WHERE alert.status = 'open'`,
    [json],
  );
  return { written: written.rowCount ?? 0, deleted: deleted.rowCount ?? 0 };
}

const alertColumns = `a.id, a.rule_key AS "ruleKey", a.space_id AS "spaceId", s.code AS "spaceCode", s.name AS "spaceName", a.period,
  a.indicator_key AS "indicatorKey", a.message, a.evidence, a.status, a.status_comment AS "statusComment",
  a.status_by AS "statusBy", a.status_at AS "statusAt", a.cycle_reference AS "cycleReference", a.created_at AS "createdAt"`;

export interface AlertFilter {
  status?: AlertStatus;
  spaceCode?: string;
  period?: string;
}

export async function listAlerts(db: Queryable, filter: AlertFilter): Promise<AlertRecord[]> {
  const { rows } = await db.query<AlertRecord>(
    `SELECT ${alertColumns} FROM alert a JOIN space s ON s.id = a.space_id
      WHERE ($1::text IS NULL OR a.status = $1) AND ($2::text IS NULL OR s.code = $2) AND ($3::text IS NULL OR a.period = $3)
      ORDER BY a.period DESC, s.code, a.rule_key, a.indicator_key`,
    [filter.status ?? null, filter.spaceCode ?? null, filter.period ?? null],
  );
  return rows;
}

export async function findAlert(db: Queryable, id: number, forUpdate = false): Promise<AlertRecord | undefined> {
  const { rows } = await db.query<AlertRecord>(
    `SELECT ${alertColumns} FROM alert a JOIN space s ON s.id = a.space_id WHERE a.id = $1 ${forUpdate ? 'FOR UPDATE OF a' : ''}`,
    [id],
  );
  return rows[0];
}

export async function setAlertStatus(
  db: Queryable,
  id: number,
  change: { status: AlertStatus; comment: string | null; by: string; cycleReference?: string | null },
): Promise<void> {
  await db.query(
    `UPDATE alert SET status = $2, status_comment = $3, status_by = $4, status_at = now(),
            cycle_reference = COALESCE($5, cycle_reference) WHERE id = $1`,
    [id, change.status, change.comment, change.by, change.cycleReference ?? null],
  );
}
