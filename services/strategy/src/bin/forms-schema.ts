// `npm run forms:schema`: writes the task forms' JSON Schemas into openapi.yaml (see ../openapi/task-forms.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTaskForms } from '../openapi/task-forms';

const file = join(__dirname, '..', '..', 'openapi.yaml');
const before = readFileSync(file, 'utf8');
const after = withTaskForms(before);
writeFileSync(file, after);
process.stdout.write(after === before ? 'openapi.yaml: task forms unchanged\n' : 'openapi.yaml: task forms written\n');
