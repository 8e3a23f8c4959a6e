import './tracing';
import { runHttpService } from '@sozialraum/kit';
import { background } from './background';
import { configSchema } from './config';
import { createDependencies } from './dependencies';
import { createServer } from './server';

runHttpService({ name: 'monitoring', configSchema, createDependencies, createServer, background });
