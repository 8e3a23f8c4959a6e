import { join } from 'node:path';
import { runMigrationsCommand } from '@sozialraum/kit/migrate';

runMigrationsCommand({ service: 'measures', schema: 'measures', dir: join(__dirname, '..', 'migrations') });
