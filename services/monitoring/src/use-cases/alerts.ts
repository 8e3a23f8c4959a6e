import { hasRole, type Logger, type Principal, problems, type RequestBodyOf, Roles } from '@sozialraum/kit';
import type { JobQueue } from '../domain/ports/job-queue';
import { currentValues, findIndicators, type IndicatorInfoRecord } from '../data/analysis.repository';
import {
  type AlertFilter,
  type AlertRecord,
  findAlert,
  listAlerts,
  listRules,
  type NewAlert,
  replaceRules,
  setAlertStatus,
  storeAlerts,
} from '../data/alerts.repository';
import { resolveMethod } from '../data/methods.repository';
import { newestRuns, resultsOfRuns } from '../data/results.repository';
import { type Pool, type Queryable, withTransaction } from '@sozialraum/kit/db';
import {
  type AlertData,
  type AlertRule,
  evaluateAlerts,
  type IndicatorInfo,
  parseAlertRules,
  type SpaceAlertInput,
} from '../domain/alerts';
import type { DynamicsClass, StatusClass } from '../domain/method';
import type { components, operations } from '../generated/api';
import { discloseAlerts } from './alerts-disclosure';
import { audienceOf } from './disclosure';
import { methodSpaceType } from './methods-recompute';

type RuleDto = components['schemas']['AlertRule'];

const indicatorOf = (rule: AlertRule) => ('indicatorKey' in rule ? rule.indicatorKey : undefined);

interface SpaceSlot {
  id: number;
  input: { spaceCode: string; index?: SpaceAlertInput['index']; series: Record<string, Array<{ period: string; value: number }>> };
}

/** Class alerts come from the newest period of the default method (the one profiles show). */
async function latestIndices(db: Queryable) {
  const method = await resolveMethod(db);
  const run = method ? (await newestRuns(db, method.id, { audience: 'raw' })).at(-1) : undefined;
  if (!method || !run) return { type: null, results: [] };
  return { type: await methodSpaceType(db, method), results: await resultsOfRuns(db, [run.id]) };
}

/**
 * Evaluates the active rules on the current values and the newest index results and stores the
 * alerts. Indicator rules compare spaces of the same type, one evaluation per space type.
 */
export async function evaluateAndStoreAlerts(db: Queryable, logger: Logger) {
  // One evaluation at a time (several replicas may run jobs): each one deletes what no longer holds.
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('monitoring.alerts'))`);
  const catalogue = new Map<string, IndicatorInfoRecord>();
  const active = (await listRules(db)).filter((r) => r.active).map((r) => r.rule);
  const ruleKeys = [...new Set(active.map(indicatorOf).filter((k): k is string => k !== undefined))];
  for (const i of await findIndicators(db, ruleKeys)) catalogue.set(i.key, i);
  const rules = active.filter((rule) => {
    const key = indicatorOf(rule);
    const usable = key === undefined || (catalogue.get(key)?.polarity ?? 'neutral') !== 'neutral';
    if (!usable) logger.warn({ rule: rule.key, indicator: key }, 'alert rule skipped: its indicator is unknown or neutral');
    return usable;
  });
  const indicators: Record<string, IndicatorInfo> = {};
  for (const key of ruleKeys) {
    const info = catalogue.get(key);
    if (info && info.polarity !== 'neutral') indicators[key] = { label: info.name, polarity: info.polarity };
  }
  const byType = new Map<string, Map<string, SpaceSlot>>();
  const slot = (type: string, spaceId: number, spaceCode: string): SpaceSlot => {
    const spaces = byType.get(type) ?? byType.set(type, new Map()).get(type)!;
    return spaces.get(spaceCode) ?? spaces.set(spaceCode, { id: spaceId, input: { spaceCode, series: {} } }).get(spaceCode)!;
  };
  const indices = await latestIndices(db);
  for (const r of indices.results) {
    if (!indices.type) break;
    const index = { period: r.period, statusClass: r.statusClass as StatusClass | null, dynamicsClass: r.dynamicsClass as DynamicsClass | null };
    slot(indices.type, r.spaceId, r.spaceCode).input.index = { ...index, statusIndex: r.statusIndex, dynamicsIndex: r.dynamicsIndex };
  }
  const keys = Object.keys(indicators);
  for (const row of keys.length > 0 ? await currentValues(db, { indicatorKeys: keys }) : []) {
    const series = slot(row.spaceType, row.spaceId, row.spaceCode).input.series;
    (series[row.indicatorKey] ??= []).push({ period: row.period, value: row.value });
  }
  const alerts: NewAlert[] = [];
  for (const spaces of byType.values()) {
    const data: AlertData = { indicators, spaces: [...spaces.values()].map((s) => s.input) };
    for (const alert of evaluateAlerts(rules, data)) {
      const { id } = spaces.get(alert.spaceCode) as SpaceSlot;
      const { ruleKey, period, message, evidence } = alert;
      alerts.push({ ruleKey, spaceId: id, period, indicatorKey: alert.indicatorKey ?? '', message, evidence });
    }
  }
  return { rules: rules.length, alerts: alerts.length, ...(await storeAlerts(db, alerts)) };
}

/** Raw-data callers see alerts as raised; everyone else as the disclosed values and index results state them. */
async function shown(db: Queryable, principal: Principal, alerts: AlertRecord[]): Promise<AlertRecord[]> {
  return audienceOf(principal) === 'raw' || alerts.length === 0 ? alerts : discloseAlerts(db, alerts);
}

function toAlertDto(a: AlertRecord) {
  return {
    id: a.id,
    ruleKey: a.ruleKey,
    spaceCode: a.spaceCode,
    spaceName: a.spaceName,
    period: a.period,
    indicatorKey: a.indicatorKey === '' ? null : a.indicatorKey,
    message: a.message,
    evidence: a.evidence,
    status: a.status,
    statusComment: a.statusComment,
    statusBy: a.statusBy,
    statusAt: a.statusAt,
    cycleReference: a.cycleReference,
    createdAt: a.createdAt,
  };
}

export async function alertsView(db: Queryable, principal: Principal, filter: AlertFilter) {
  return (await shown(db, principal, await listAlerts(db, filter))).map(toAlertDto);
}

async function alertOr404(db: Queryable, id: number, forUpdate = false): Promise<AlertRecord> {
  const alert = await findAlert(db, id, forUpdate);
  if (!alert) throw problems.notFound(`There is no alert ${id}.`);
  return alert;
}

export async function alertView(db: Queryable, principal: Principal, id: number) {
  const [alert] = await shown(db, principal, [await alertOr404(db, id)]);
  return toAlertDto(alert as AlertRecord);
}

const actor = (p: Principal) => p.username ?? p.clientId ?? p.id;

/**
 * Coordinators act on the alerts of the spaces they coordinate (planners and admins on all). Every alert is
 * readable, so another space's alert is refused (403) rather than hidden (404).
 */
function checkSpaceOf(alert: AlertRecord, principal: Principal): void {
  if (hasRole(principal, Roles.planner, Roles.admin)) return;
  if (hasRole(principal, Roles.coordinator) && principal.spaces.includes(alert.spaceCode)) return;
  const own = principal.spaces.length ? principal.spaces.join(', ') : 'none';
  throw problems.forbidden(`Alert ${alert.id} concerns space ${alert.spaceCode}; you coordinate ${own}.`);
}

/** In one transaction: the row is locked while its status changes. */
export function acknowledgeAlert(pool: Pool, id: number, principal: Principal, comment?: string): Promise<void> {
  return withTransaction(pool, async (db) => {
    const alert = await alertOr404(db, id, true);
    checkSpaceOf(alert, principal);
    if (alert.status !== 'open') {
      throw problems.conflict(`Alert ${id} is ${alert.status} already (by ${alert.statusBy ?? 'unknown'}); only open alerts can be acknowledged.`);
    }
    await setAlertStatus(db, id, { status: 'acknowledged', comment: comment ?? null, by: actor(principal) });
  });
}

/** A planner (or admin) hands the alert over; idempotent for the same cycle, in one transaction. */
export function handOverAlert(pool: Pool, id: number, principal: Principal, body: RequestBodyOf<operations['handOverAlert']>): Promise<void> {
  return handOver(pool, id, { by: actor(principal), cycleReference: body.cycleReference ?? null, comment: body.comment ?? null }, (alert) => checkSpaceOf(alert, principal));
}

/** Who hands an alert to the strategy cycle that started for it (the cycle's activity, any space). */
export const CYCLE_ACTOR = 'strategy-cycle';

/** The strategy cycle started for the alert takes it over; idempotent for the same cycle, since activities are retried. */
export function handOverAlertToCycle(pool: Pool, id: number, cycleId: string): Promise<void> {
  return handOver(pool, id, { by: CYCLE_ACTOR, cycleReference: cycleId, comment: null });
}

async function handOver(
  pool: Pool,
  id: number,
  change: { by: string; cycleReference: string | null; comment: string | null },
  check: (alert: AlertRecord) => void = () => undefined,
): Promise<void> {
  return withTransaction(pool, async (db) => {
    const alert = await alertOr404(db, id, true);
    check(alert);
    if (alert.status === 'handed-over') {
      if (change.cycleReference === alert.cycleReference) return;
      throw problems.conflict(
        `Alert ${id} was handed over already by ${alert.statusBy ?? 'unknown'} (cycle ${alert.cycleReference ?? 'not named'}).`,
      );
    }
    await setAlertStatus(db, id, { status: 'handed-over', ...change });
  });
}

export async function alertRules(db: Queryable): Promise<RuleDto[]> {
  return (await listRules(db)).map(({ rule, active }) => ({ ...rule, active }) as RuleDto);
}

/** Replaces the rule set in one transaction, and queues the evaluation under the new rules after the commit. */
export async function replaceAlertRules(pool: Pool, jobs: JobQueue, items: RuleDto[]): Promise<RuleDto[]> {
  const rules = await withTransaction(pool, (client) => writeAlertRules(client, items));
  await queueAlertEvaluation(jobs);
  return rules;
}

async function writeAlertRules(db: Queryable, items: RuleDto[]): Promise<RuleDto[]> {
  const rules = items.map(({ active: _active, ...rule }) => rule);
  const parsed = parseAlertRules(rules);
  const found = parsed.ok ? [] : [...parsed.problems];
  const keys = [...new Set(rules.map((r) => r.indicatorKey).filter((k): k is string => k !== undefined))];
  const catalogue = new Map((await findIndicators(db, keys)).map((i) => [i.key, i]));
  for (const key of keys) {
    const polarity = catalogue.get(key)?.polarity;
    if (!polarity) found.push(`Indicator "${key}" is not in the catalogue.`);
    else if (polarity === 'neutral') found.push(`Indicator "${key}" is neutral: no direction is worse, so it cannot raise alerts.`);
  }
  if (found.length > 0) {
    throw problems.unprocessable(`The alert rules cannot be used: ${found.join(' ')}`, found.map((detail) => ({ pointer: '/body/items', detail })));
  }
  await replaceRules(db, rules.map((rule, i) => ({ rule: rule as AlertRule, active: items[i]?.active ?? true })));
  return alertRules(db);
}

/** No fixed job ID: a request while an evaluation runs must still be evaluated after it. */
export async function queueAlertEvaluation(jobs: JobQueue): Promise<void> {
  await jobs.add('evaluate-alerts', {}, { removeOnComplete: true, removeOnFail: 100 });
}
