import { describeServiceBasics } from '@sozialraum/kit/testing';
import { background } from '../src/background';
import { configSchema } from '../src/config';
import { createDependencies } from '../src/dependencies';
import { createServer } from '../src/server';

describeServiceBasics('measures', { configSchema, createDependencies, createServer, background }, ['postgres', 'temporal', 'keycloak', 'temporal-worker']);
