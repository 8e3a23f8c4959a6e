import { join } from 'node:path';
import { runMigrationsCommand } from '@sozialraum/kit/migrate';

runMigrationsCommand({ service: 'strategy', schema: 'strategy', dir: join(__dirname, '..', 'migrations') });
