import { describeServiceBasics } from '@sozialraum/kit/testing';
import { background } from '../src/background';
import { configSchema } from '../src/config';
import { createDependencies } from '../src/dependencies';
import { createServer } from '../src/server';
import './helpers/strategy';

describeServiceBasics('strategy', { configSchema, createDependencies, createServer, background }, ['postgres', 'temporal', 'redis', 'keycloak', 'temporal-worker']);
