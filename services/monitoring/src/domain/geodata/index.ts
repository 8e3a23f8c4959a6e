export { parseGeoJson } from './geojson';
export { parseShapefileZip } from './shapefile';
export { stripNumericPrefix } from './names';
export { SUPPORTED_EPSG_CODES } from './crs';
export {
  GeodataError,
  type GeodataMapping,
  type GeodataProblem,
  type MultiPolygon,
  type Position,
  type SpatialUnit,
} from './types';
