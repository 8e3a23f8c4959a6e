// Imported first by index.ts: tracing must be set up before http, pg and ioredis are loaded.
import { startTracing } from '@sozialraum/kit/tracing';

startTracing('monitoring');
