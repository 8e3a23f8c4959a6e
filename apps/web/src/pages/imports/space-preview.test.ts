import { describe, expect, it } from 'vitest';
import { previewGeoJson } from './space-preview';

const square = (x: number) => ({ type: 'Polygon', coordinates: [[[x, 54], [x + 0.01, 54], [x + 0.01, 54.01], [x, 54.01], [x, 54]]] });

describe('reading a GeoJSON file before its upload', () => {
  it('when the file is a FeatureCollection, then it counts the features, lists the properties and guesses code, name and residents', () => {
    const file = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { PR_SCHL: 'PR01', PR_NAME: 'Hafen-Ost', EW_2024: 1200 }, geometry: square(9.4) },
        { type: 'Feature', properties: { PR_SCHL: 'PR02', PR_NAME: 'Hafen-West', EW_2024: 800 }, geometry: square(9.42) },
      ],
    });
    const preview = previewGeoJson(`\uFEFF${file}`);
    expect(preview).toEqual({
      features: 2,
      geometryTypes: ['Polygon'],
      properties: ['PR_SCHL', 'PR_NAME', 'EW_2024'],
      sample: [{ PR_SCHL: 'PR01', PR_NAME: 'Hafen-Ost', EW_2024: '1200' }, { PR_SCHL: 'PR02', PR_NAME: 'Hafen-West', EW_2024: '800' }],
      guess: { code: 'PR_SCHL', name: 'PR_NAME', population: 'EW_2024' },
    });
  });

  it('when a code-like property repeats, then it is not guessed as the code', () => {
    const file = { type: 'FeatureCollection', features: [1, 2].map(() => ({ type: 'Feature', properties: { id: 'x', name: 'A' }, geometry: square(9) })) };
    expect(previewGeoJson(JSON.stringify(file))).toMatchObject({ guess: { code: undefined, name: 'name' } });
  });

  it('when the file is no JSON, no FeatureCollection or empty, then the reason is German', () => {
    expect(previewGeoJson('PK\u0003\u0004')).toEqual({ error: expect.stringMatching(/^Die Datei ist kein gültiges JSON/) });
    expect(previewGeoJson('{"type":"Point","coordinates":[9,54]}')).toEqual({ error: 'Die Datei enthält keine GeoJSON-FeatureCollection.' });
    expect(previewGeoJson('{"type":"FeatureCollection","features":[]}')).toEqual({ error: 'Die Datei enthält keine Flächen.' });
  });
});
