import { storedShapes } from '@sozialraum/kit';
import { call } from '@sozialraum/kit/testing';
import type { components } from '../../src/generated/api';
import { openapi } from '../../src/openapi';

export type MapOutlines = components['schemas']['MapOutlines'];
export type MapClasses = components['schemas']['MapClasses'];

/** Kept answers go to the socket as bytes, past the response validator: the tests check them against the document. */
const shapes = storedShapes(openapi);
export const checkOutlines = shapes.component<MapOutlines>('MapOutlines');
export const checkClasses = shapes.component<MapClasses>('MapClasses');

/** GET /v1/map/outlines, its 200 body checked against the document. */
export async function getOutlines(url: string, query: Record<string, string>, token: string) {
  const response = await call(`${url}/v1/map/outlines?${new URLSearchParams(query)}`, { token });
  return { ...response, body: response.status === 200 ? checkOutlines(response.body, 'outlines') : response.body };
}

/** GET /v1/map/classes (URLSearchParams encodes ',' and '@', as the query validation requires), its 200 body checked. */
export async function getClasses(url: string, query: Record<string, string>, token: string) {
  const response = await call(`${url}/v1/map/classes?${new URLSearchParams(query)}`, { token });
  return { ...response, body: response.status === 200 ? checkClasses(response.body, 'classes') : response.body };
}
