import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** shared/data next to the checkout (the steering repository's real statistics); SHARED_DATA_DIR overrides. */
export const DATA_DIR = process.env.SHARED_DATA_DIR ?? resolve(__dirname, '../../../../shared/data');
export const dataPath = (path: string): string => resolve(DATA_DIR, path);
export const dataFile = (path: string): Buffer => readFileSync(dataPath(path));
