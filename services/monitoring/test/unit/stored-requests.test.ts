import { StoredShapeError } from '@sozialraum/kit';
import { storedExportFormat, storedExportQuery, storedSpaceRequest, storedValueRequest } from '../../src/use-cases/stored-requests';

const release = { key: 'zensus-2022', title: 'Zensus 2022' };
const long = { layout: 'long', spaceColumn: 'Bezirk', periodColumn: 'Jahr', indicatorColumn: ['Tabelle', 'Merkmal'], valueColumn: 'Wert', delimiter: ';' };

describe('stored requests, read against the OpenAPI document', () => {
  test('when a value import stored a long mapping, then the job reads it as stored', () => {
    const stored = { release, mapping: long, acceptValidRows: true };
    expect(storedValueRequest(stored, 'request')).toEqual(stored);
  });

  test('when a value import stored a wide mapping, then its columns and periods are read', () => {
    const mapping = { layout: 'wide', spaceColumn: 'Raum', columns: { Einwohner: 'EW' }, columnPeriods: { Einwohner: '2023' }, headerRow: 2 };
    expect(storedValueRequest({ release, mapping }, 'request').mapping).toEqual(mapping);
  });

  test('when the stored mapping lacks a column or has an unknown layout, then reading it fails and names the field', () => {
    const { valueColumn: _, ...incomplete } = long;
    expect(() => storedValueRequest({ release, mapping: incomplete }, 'request')).toThrow(new StoredShapeError('request.mapping.valueColumn is missing'));
    expect(() => storedValueRequest({ release, mapping: { ...long, layout: 'diagonal' } }, 'request')).toThrow(/^request\.mapping\.layout is not one of long, wide$/);
    expect(() => storedValueRequest({ release, mapping: { ...long, delimiter: '|' } }, 'request')).toThrow(/^request\.mapping\.delimiter is not one of ,, ;/);
    expect(() => storedValueRequest({ release: { key: 1, title: 'x' }, mapping: long }, 'request')).toThrow(/^request\.release\.key must be string$/);
    expect(() => storedValueRequest({ release, mapping: { ...long, headerRow: 1.5 } }, 'request')).toThrow(/^request\.mapping\.headerRow must be integer$/);
  });

  test('when a stored request has a field the document does not know, then reading it fails and names it', () => {
    expect(() => storedValueRequest({ release, mapping: long, extra: 'x' }, 'request')).toThrow(/^request\.extra is not a field of the request$/);
    expect(() => storedValueRequest({ release, mapping: { ...long, stray: 1 } }, 'request')).toThrow(/^request\.mapping\.stray is not a field of the request$/);
  });

  test('when a space import stored its options, then they are read; a space type the API does not know fails', () => {
    const request = { type: 'district', codeProperty: 'code', nameProperty: 'name', parentCode: '01', validFrom: '2024-01-01' };
    expect(storedSpaceRequest(request, 'request')).toEqual(request);
    expect(() => storedSpaceRequest({ ...request, type: 'galaxy' }, 'request')).toThrow(/^request\.type is not one of city, district/);
    expect(() => storedSpaceRequest({ ...request, validFrom: 'soon' }, 'request')).toThrow(/^request\.validFrom must match format "date"$/);
    expect(() => storedSpaceRequest({ ...request, fileName: 'a.geojson' }, 'request')).toThrow(/^request\.fileName is not a field of the request$/);
  });

  test('when an export stored its selection, then it is read as ExportRequest; a stored list that is no text fails', () => {
    expect(storedExportQuery({ format: 'geojson', spaces: '01,02', type: 'district' }, 'selection')).toEqual({ format: 'geojson', spaces: '01,02', type: 'district' });
    expect(() => storedExportQuery({ format: 'csv', indicators: ['a'] }, 'selection')).toThrow(/^selection\.indicators must be string$/);
    expect(() => storedExportQuery(null, 'selection')).toThrow(/^selection must be object$/);
  });

  test('when an export view reads the stored format alone, then the rest of the selection does not matter; a format the API lacks fails', () => {
    expect(storedExportFormat({ format: 'geojson', indicators: ['a'] }, 'selection')).toBe('geojson');
    expect(() => storedExportFormat({ format: 'pdf' }, 'selection')).toThrow(/^selection\.format is not one of csv, geojson$/);
    expect(() => storedExportFormat({}, 'selection')).toThrow(/^selection\.format must be string$/);
  });
});
