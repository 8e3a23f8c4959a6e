import { type Principal, problems } from '@sozialraum/kit';
import { type ExportSelection, type ExportSpace, type ExportValue, selectExportSpaces, selectExportValues } from '../data/exports.repository';
import { peerValues } from '../data/analysis.repository';
import { findIndicators } from '../data/indicators.repository';
import type { Queryable } from '@sozialraum/kit/db';
import type { ProtectedValue } from '../domain/confidentiality';
import type { components } from '../generated/api';
import { audienceOf, discloseSections } from './disclosure';

/** What to export: the same in the direct download's query and in an export job's request. */
export type ExportQuery = components['schemas']['ExportRequest'];

export interface ExportFile {
  contentType: string;
  fileName: string;
  body: string;
}

const PERIOD = /^\d{4}(-\d{2}-\d{2})?$/;
export const list = (text: string | undefined) => (text === undefined ? undefined : [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))]);

/**
 * Values of a selection as CSV or GeoJSON. Every value passes the confidentiality protector: a
 * suppressed value leaves as an empty value with suppressed = true and its reason, never as 0.
 */
export async function exportValues(db: Queryable, principal: Principal, query: ExportQuery): Promise<ExportFile> {
  const selection = await checkedSelection(db, query);
  // Unknown space codes are named too.
  const spaces = await selectExportSpaces(db, selection, query.format === 'geojson');
  const found = new Set(spaces.map((s) => s.code));
  const unknown = selection.spaceCodes?.filter((c) => !found.has(c)) ?? [];
  if (unknown.length > 0) throw problems.notFound(`Unknown spaces${query.type ? ` of type ${query.type}` : ''}: ${unknown.join(', ')}.`);
  const values = spaces.length === 0 ? [] : await selectExportValues(db, spaces.map((s) => s.id), selection);
  const audience = audienceOf(principal);
  // A disclosed caller's values are checked within their whole cross-sections (secondary suppression).
  const keys = [...new Set(values.map((v) => v.indicatorKey))];
  const periods = [...new Set(values.map((v) => v.period))];
  const sections = audience === 'raw' || values.length === 0 ? [] : await peerValues(db, keys, periods);
  const disclosure = await discloseSections(db, audience, sections);
  const byId = new Map(spaces.map((s) => [s.id, s]));
  const protectedValues = values.map((v) => {
    const space = byId.get(v.spaceId) as ExportSpace;
    return { ...v, protected: disclosure.protectStored({ ...v, spaceCode: space.code, population: space.population }) };
  });
  return query.format === 'csv' ? toCsv(spaces, protectedValues) : toGeoJson(spaces, protectedValues);
}

/** Bad periods and unknown indicators are named, so the planner can correct the selection. */
async function checkedSelection(db: Queryable, query: ExportQuery): Promise<ExportSelection> {
  const selection: ExportSelection = { type: query.type, indicatorKeys: list(query.indicators), periods: list(query.periods), spaceCodes: list(query.spaces) };
  const badPeriods = selection.periods?.filter((p) => !PERIOD.test(p)) ?? [];
  if (badPeriods.length > 0) throw problems.badRequest(`Periods must be a year (2022) or a date (2020-12-31): ${badPeriods.join(', ')}.`);
  if (selection.indicatorKeys) {
    const known = new Set((await findIndicators(db, selection.indicatorKeys)).map((i) => i.key));
    const unknown = selection.indicatorKeys.filter((k) => !known.has(k));
    if (unknown.length > 0) throw problems.notFound(`Unknown indicators: ${unknown.join(', ')}.`);
  }
  return selection;
}

type Exported = ExportValue & { protected: ProtectedValue };

/** Text a spreadsheet would run as a formula is prefixed with ' (CSV injection). */
function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * RFC 4180 CSV: comma separator, decimal point, CRLF, UTF-8 with a BOM so Excel reads umlauts. One
 * line per value; numbers are written as JavaScript prints them (no thousands separators).
 */
function toCsv(spaces: ExportSpace[], values: Exported[]): ExportFile {
  const byId = new Map(spaces.map((s) => [s.id, s]));
  const header = ['space_code', 'space_name', 'space_type', 'indicator', 'indicator_name', 'unit', 'period', 'value', 'suppressed', 'reason', 'release'];
  const lines = values
    .map((v) => ({ v, space: byId.get(v.spaceId)! }))
    .sort((a, b) => a.space.code.localeCompare(b.space.code) || a.v.indicatorKey.localeCompare(b.v.indicatorKey) || a.v.period.localeCompare(b.v.period))
    .map(({ v, space }) =>
      [space.code, space.name, space.type, v.indicatorKey, v.indicatorName, v.unit, v.period, v.protected.value, v.protected.suppressed, v.protected.reason, v.release]
        .map(csvField)
        .join(','),
    );
  return { contentType: 'text/csv; charset=utf-8', fileName: 'values.csv', body: `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n` };
}

/**
 * One feature per space with flat properties, as GIS tools want them: "<indicator>@<period>" holds the
 * value; when it is withheld, "<indicator>@<period>.suppressed" and ".reason" say why. Every feature
 * carries every selected column, a space without a value gets null with reason "missing".
 */
function toGeoJson(spaces: ExportSpace[], values: Exported[]): ExportFile {
  const columns = [...new Set(values.map((v) => `${v.indicatorKey}@${v.period}`))].sort();
  const bySpace = new Map<number, Map<string, ProtectedValue>>();
  for (const v of values) {
    const own = bySpace.get(v.spaceId) ?? new Map<string, ProtectedValue>();
    own.set(`${v.indicatorKey}@${v.period}`, v.protected);
    bySpace.set(v.spaceId, own);
  }
  const features = spaces.map((space) => {
    const properties: Record<string, unknown> = { code: space.code, name: space.name, type: space.type };
    for (const column of columns) {
      const value = bySpace.get(space.id)?.get(column) ?? { value: null, suppressed: false, reason: 'missing' as const };
      properties[column] = value.value;
      if (value.suppressed) properties[`${column}.suppressed`] = true;
      if (value.value === null) properties[`${column}.reason`] = value.reason ?? 'missing';
    }
    return `{"type":"Feature","geometry":${space.geometry ?? 'null'},"properties":${JSON.stringify(properties)}}`;
  });
  return { contentType: 'application/geo+json; charset=utf-8', fileName: 'values.geojson', body: `{"type":"FeatureCollection","features":[${features.join(',')}]}` };
}
