import { bool, dictionary, either, integer, list, oneOf, type Reader, struct, text } from '../domain/decode';
import type { components } from '../generated/api';

/**
 * What the jobs read of the requests the service stored (an import's options, an export's selection), typed
 * by the OpenAPI document that accepted them. The request was checked against it then; these readers make
 * sure the stored row still is what the job reads.
 */

type Schemas = components['schemas'];
type ImportMapping = Schemas['ImportMapping'];
type LongMapping = Extract<ImportMapping, { layout: 'long' }>;
type WideMapping = Extract<ImportMapping, { layout: 'wide' }>;
type Mapping = LongMapping | WideMapping;

const spaceType = oneOf<Schemas['SpaceType']>()('city', 'district', 'social-space', 'planning-area', 'statistical-area');

const readingOptions = {
  sheet: text,
  delimiter: oneOf<NonNullable<Mapping['delimiter']>>()(',', ';', '\t'),
  decimal: oneOf<NonNullable<Mapping['decimal']>>()('comma', 'point'),
  headerRow: integer,
  encoding: oneOf<NonNullable<Mapping['encoding']>>()('utf-8', 'windows-1252'),
  spaceType,
};

const longMapping: Reader<LongMapping> = (value, at) => ({
  layout: 'long',
  ...struct(
    { spaceColumn: text, periodColumn: text, indicatorColumn: either(text, list(text)), valueColumn: text },
    { numeratorColumn: text, denominatorColumn: text, indicatorMap: dictionary(text), ...readingOptions },
  )(value, at),
});

const wideMapping: Reader<WideMapping> = (value, at) => ({
  layout: 'wide',
  ...struct({ spaceColumn: text, columns: dictionary(text) }, { periodColumn: text, period: text, columnPeriods: dictionary(text), ...readingOptions })(value, at),
});

const mapping: Reader<ImportMapping> = (value, at) =>
  struct({ layout: oneOf<Mapping['layout']>()('long', 'wide') })(value, at).layout === 'long' ? longMapping(value, at) : wideMapping(value, at);

/** A value import: the release its values belong to, how the table reads, whether valid rows go in beside rejected ones. */
export type StoredValueRequest = Pick<Schemas['ValueImportRequest'], 'release' | 'mapping'> & { acceptValidRows?: boolean };

export const storedValueRequest: Reader<StoredValueRequest> = struct(
  { release: struct({ key: text, title: text }, { source: text, publishedOn: text }), mapping },
  { acceptValidRows: bool },
);

/** A space import: the options of SpaceImportRequest (the file and its format are stored apart). */
export type StoredSpaceRequest = Omit<Schemas['SpaceImportRequest'], 'fileName' | 'content' | 'format'>;

export const storedSpaceRequest: Reader<StoredSpaceRequest> = struct(
  { type: spaceType, codeProperty: text, nameProperty: text },
  { populationProperty: text, parentCode: text, validFrom: text },
);

/** An export job's selection: ExportRequest as it was asked for. */
export const storedExportQuery: Reader<Schemas['ExportRequest']> = struct(
  { format: oneOf<Schemas['ExportRequest']['format']>()('csv', 'geojson') },
  { indicators: text, periods: text, spaces: text, type: spaceType },
);
