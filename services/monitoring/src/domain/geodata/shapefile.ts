import { projectorForPrj } from './crs';
import { readDbf } from './dbf';
import { buildUnits, type RawFeature } from './features';
import { ringsToPolygons } from './rings';
import { POLYGON_TYPES, readShp, SHAPE_TYPE_NAMES, type ShpShape } from './shp';
import { GeodataError, type GeodataMapping, type SpatialUnit } from './types';
import { readZip } from './zip';

// Libraries: fflate unzips (zip.ts), proj4 reprojects (crs.ts). The .shp (shp.ts, rings.ts) and .dbf (dbf.ts)
// readers stay our own: npm's `shapefile` 0.6.6 turns dates into local-time Date objects (blank ones into
// 1899-11-30) and silently skips records of another shape type; `@loaders.gl/shapefile` 4.5 drops every record
// after a null shape and groups holes by order, not containment (docs/monitoring.md).

/**
 * Spatial units from a zipped ESRI shapefile (one layer: .shp, .dbf, .prj, optional .cpg),
 * reprojected from the CRS in the .prj to WGS84.
 */
export function parseShapefileZip(zip: Buffer, mapping: GeodataMapping): SpatialUnit[] {
  // Only the parts of a layer are unpacked; indexes (.sbn, .shx) and metadata (.shp.xml) stay packed.
  const files = readZip(zip, (name) => /\.(shp|dbf|prj|cpg)$/i.test(name));
  const base = layerBaseName([...files.keys()]);
  const part = (ext: string) => findPart(files, base, ext);
  const shp = part('shp');
  const dbf = part('dbf');
  const prj = part('prj');
  if (!dbf) throw GeodataError.file(`the ZIP has no ${base}.dbf, so the units have no attributes`);
  if (!prj) {
    throw GeodataError.file(`the ZIP has no ${base}.prj, so the coordinate reference system is unknown`);
  }
  const project = projectorForPrj(prj.toString('utf8'));
  const shapes = readShp(shp as Buffer);
  const records = readDbf(dbf, part('cpg')?.toString('utf8'));
  if (shapes.length !== records.length) {
    throw GeodataError.file(`the .shp has ${shapes.length} shapes but the .dbf ${records.length} records`);
  }
  const features: RawFeature[] = shapes.map((shape, i) => ({
    properties: records[i] ?? {},
    geometry: toGeometry(shape),
  }));
  return buildUnits(features, mapping, { project, crsHint: 'check the .prj in the ZIP' });
}

function layerBaseName(names: string[]): string {
  const layers = names.filter((n) => /\.shp$/i.test(n) && !n.startsWith('__MACOSX/'));
  if (layers.length === 0) throw GeodataError.file('the ZIP contains no .shp file');
  if (layers.length > 1) {
    throw GeodataError.file(`the ZIP contains ${layers.length} shapefiles (${layers.join(', ')}); upload one layer`);
  }
  return (layers[0] as string).slice(0, -4);
}

function findPart(files: Map<string, Buffer>, base: string, ext: string): Buffer | undefined {
  const wanted = `${base}.${ext}`.toLowerCase();
  for (const [name, data] of files) if (name.toLowerCase() === wanted) return data;
  return undefined;
}

function toGeometry(shape: ShpShape): unknown {
  if (shape === null) return null;
  if (!POLYGON_TYPES.has(shape.shapeType)) {
    return { type: SHAPE_TYPE_NAMES[shape.shapeType] ?? `shape type ${shape.shapeType}` };
  }
  return { type: 'MultiPolygon', coordinates: ringsToPolygons(shape.rings) };
}
