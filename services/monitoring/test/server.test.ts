import { describeServiceBasics } from '@sozialraum/kit/testing';
import { background } from '../src/background';
import { configSchema } from '../src/config';
import { createDependencies } from '../src/dependencies';
import { createServer } from '../src/server';

describeServiceBasics('monitoring', { configSchema, createDependencies, createServer, background }, ['postgres', 'redis', 'keycloak', 'temporal-worker']);
