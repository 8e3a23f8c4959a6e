import 'maplibre-gl/dist/maplibre-gl.css';
import { type GeoJSONSource, type LngLatBoundsLike, Map as MapLibreMap, type MapLayerMouseEvent, NavigationControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';
import type { MapFeature, MapRow } from './map-classes';

// MapLibre looks for its worker beside its own script, which a bundle does not have: Vite emits the worker as an
// asset of our origin (CSP worker-src 'self'; MapLibre may also start it from a blob: URL).
setWorkerUrl(new URL(workerUrl, window.location.href).href);

interface Props {
  features: MapFeature[];
  rows: MapRow[];
  onHover: (row: MapRow | undefined) => void;
  onSelect: (code: string) => void;
}

/** The bounding box of every coordinate of the features. */
function boundsOf(features: MapFeature[]): LngLatBoundsLike | undefined {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown) => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as [number, number];
      [west, south, east, north] = [Math.min(west, x), Math.min(south, y), Math.max(east, x), Math.max(north, y)];
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  for (const f of features) visit((f.geometry as { coordinates?: unknown } | null)?.coordinates);
  return Number.isFinite(west) ? [west, south, east, north] : undefined;
}

/** The features with each row's colour as a property the style reads. */
function coloured(features: MapFeature[], rows: MapRow[]) {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  return {
    type: 'FeatureCollection' as const,
    features: features.filter((f) => f.geometry).map((f) => ({ ...f, properties: { code: f.properties.code, fill: byCode.get(f.properties.code)?.colour ?? '#ffffff' } })),
  } as Parameters<GeoJSONSource['setData']>[0];
}

/**
 * A MapLibre map of our GeoJSON alone (no basemap, no tiles, no fonts): fill and outline layers. The canvas is a
 * picture for sighted mouse users; the table beside it carries the same content for keyboard and screen readers.
 */
export function ChoroplethMap({ features, rows, onHover, onSelect }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | undefined>(undefined);
  const latest = useRef({ rows, onHover, onSelect });
  useEffect(() => {
    latest.current = { rows, onHover, onSelect };
  });

  useEffect(() => {
    if (!container.current) return;
    const instance = new MapLibreMap({
      container: container.current,
      style: {
        version: 8,
        sources: { spaces: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } },
        layers: [
          { id: 'background', type: 'background', paint: { 'background-color': '#f6f7f8' } },
          { id: 'fill', type: 'fill', source: 'spaces', paint: { 'fill-color': ['get', 'fill'], 'fill-opacity': 0.9 } },
          { id: 'outline', type: 'line', source: 'spaces', paint: { 'line-color': '#171a2b', 'line-width': 1 } },
        ],
      },
      attributionControl: false,
      // The e2e test reads the pixels back; without it the drawing buffer is cleared after each frame.
      canvasContextAttributes: { preserveDrawingBuffer: true },
      dragRotate: false,
      locale: { 'Map.Title': 'Karte der Räume', 'NavigationControl.ZoomIn': 'Vergrößern', 'NavigationControl.ZoomOut': 'Verkleinern', 'NavigationControl.ResetBearing': 'Norden oben' },
    });
    instance.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    instance.on('mousemove', 'fill', (event: MapLayerMouseEvent) => {
      instance.getCanvas().style.cursor = 'pointer';
      const code = event.features?.[0]?.properties?.code as string | undefined;
      latest.current.onHover(latest.current.rows.find((r) => r.code === code));
    });
    instance.on('mouseleave', 'fill', () => {
      instance.getCanvas().style.cursor = '';
      latest.current.onHover(undefined);
    });
    instance.on('click', 'fill', (event: MapLayerMouseEvent) => {
      const code = event.features?.[0]?.properties?.code as string | undefined;
      if (code) latest.current.onSelect(code);
    });
    map.current = instance;
    return () => {
      instance.remove();
      map.current = undefined;
    };
  }, []);

  // The outlines the view was fitted to: new classes recolour them and keep the reader's zoom.
  const fitted = useRef<MapFeature[] | undefined>(undefined);
  useEffect(() => {
    const instance = map.current;
    if (!instance) return;
    const update = () => {
      (instance.getSource('spaces') as GeoJSONSource | undefined)?.setData(coloured(features, rows));
      if (fitted.current === features) return;
      const bounds = boundsOf(features);
      if (bounds) instance.fitBounds(bounds, { padding: 16, animate: false });
      fitted.current = features;
    };
    if (instance.isStyleLoaded()) update();
    else instance.once('load', update);
  }, [features, rows]);

  return <div ref={container} className="choropleth" data-testid="karte" />;
}
