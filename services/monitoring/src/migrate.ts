import { join } from 'node:path';
import { runMigrationsCommand } from '@sozialraum/kit/migrate';

runMigrationsCommand({ service: 'monitoring', schema: 'monitoring', dir: join(__dirname, '..', 'migrations') });
