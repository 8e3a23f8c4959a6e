import { describeServiceBasics } from '@sozialraum/kit/testing';
import { configSchema } from '../src/config';
import { createDependencies } from '../src/dependencies';
import { createServer } from '../src/server';

describeServiceBasics('measures', { configSchema, createDependencies, createServer }, ['postgres', 'temporal', 'keycloak']);
