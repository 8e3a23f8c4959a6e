import { describeServiceBasics } from '@sozialraum/kit/testing';
import { configSchema } from '../src/config';
import { createDependencies } from '../src/dependencies';
import { createServer } from '../src/server';
import './helpers/strategy';

describeServiceBasics('strategy', { configSchema, createDependencies, createServer }, ['postgres', 'temporal', 'redis', 'keycloak']);
