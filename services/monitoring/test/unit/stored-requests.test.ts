import { DecodeError } from '../../src/domain/decode';
import { storedExportQuery, storedSpaceRequest, storedValueRequest } from '../../src/use-cases/stored-requests';

const release = { key: 'zensus-2022', title: 'Zensus 2022' };
const long = { layout: 'long', spaceColumn: 'Bezirk', periodColumn: 'Jahr', indicatorColumn: ['Tabelle', 'Merkmal'], valueColumn: 'Wert', delimiter: ';' };

describe('stored requests', () => {
  test('when a value import stored a long mapping, then the job reads it as stored, optional fields kept, others left out', () => {
    const read = storedValueRequest({ release, mapping: { ...long, stray: 1 }, acceptValidRows: true, extra: 'x' }, 'request');
    expect(read).toEqual({ release, mapping: long, acceptValidRows: true });
  });

  test('when a value import stored a wide mapping, then its columns and periods are read', () => {
    const mapping = { layout: 'wide', spaceColumn: 'Raum', columns: { Einwohner: 'EW' }, columnPeriods: { Einwohner: '2023' }, headerRow: 2 };
    expect(storedValueRequest({ release, mapping }, 'request').mapping).toEqual(mapping);
  });

  test('when the stored mapping lacks a column or has an unknown layout, then reading it fails and says where', () => {
    const { valueColumn: _, ...incomplete } = long;
    expect(() => storedValueRequest({ release, mapping: incomplete }, 'request')).toThrow(new DecodeError('request.mapping.valueColumn is not a string'));
    expect(() => storedValueRequest({ release, mapping: { ...long, layout: 'diagonal' } }, 'request')).toThrow(/request\.mapping\.layout is not one of long, wide/);
    expect(() => storedValueRequest({ release, mapping: { ...long, delimiter: '|' } }, 'request')).toThrow(/request\.mapping\.delimiter/);
    expect(() => storedValueRequest({ release: { key: 1, title: 'x' }, mapping: long }, 'request')).toThrow(/request\.release\.key is not a string/);
  });

  test('when a space import stored its options, then they are read; a space type the API does not know fails', () => {
    const request = { type: 'district', codeProperty: 'code', nameProperty: 'name', parentCode: '01' };
    expect(storedSpaceRequest(request, 'request')).toEqual(request);
    expect(() => storedSpaceRequest({ ...request, type: 'galaxy' }, 'request')).toThrow(/request\.type is not one of city, district/);
  });

  test('when an export stored its selection, then it is read as ExportRequest; a stored list that is no text fails', () => {
    expect(storedExportQuery({ format: 'geojson', spaces: '01,02', type: 'district' }, 'selection')).toEqual({ format: 'geojson', spaces: '01,02', type: 'district' });
    expect(() => storedExportQuery({ format: 'csv', indicators: ['a'] }, 'selection')).toThrow(/selection\.indicators is not a string/);
    expect(() => storedExportQuery(null, 'selection')).toThrow(/selection is not an object/);
  });
});
