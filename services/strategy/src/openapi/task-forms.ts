import { forms, TASK_LABELS, TASK_TYPES, type TaskType } from '@sozialraum/contracts';
import { stringify } from 'yaml';
import { zodToJsonSchema } from 'zod-to-json-schema';

/**
 * The task forms of `@sozialraum/contracts` (zod) as JSON Schemas in openapi.yaml, so clients other than the
 * web app find each form: a component schema per task type and the `x-task-forms` map on completeTask.
 * Both live between BEGIN/END comment lines that `npm run forms:schema` rewrites; the rest of the file is
 * left as written.
 */

/** `propose-measures` → `ProposeMeasuresResult`: a valid component key. */
export const formSchemaName = (type: TaskType): string =>
  `${type.replace(/(^|-)([a-z])/g, (_m, _dash, letter: string) => letter.toUpperCase())}Result`;

export function taskFormSchemas(): Record<string, object> {
  const schemas: Record<string, object> = {};
  for (const type of TASK_TYPES) {
    // Inline everything: `#/definitions/...` references would not resolve inside the OpenAPI document.
    const { $schema: _dialect, ...schema } = zodToJsonSchema(forms[type], { $refStrategy: 'none', target: 'jsonSchema2019-09' }) as Record<string, unknown>;
    schemas[formSchemaName(type)] = { title: TASK_LABELS[type], description: `The result of a task of type ${type} (POST /v1/tasks/{id}/complete).`, ...schema };
  }
  return schemas;
}

const indent = (text: string, spaces: number) =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => ' '.repeat(spaces) + line)
    .join('\n');

/** Replaces what stands between the `# BEGIN <name>` and `# END <name>` lines with `body` (indented like them). */
function replaceBlock(document: string, name: string, body: string): string {
  const pattern = new RegExp(`^( *)(# BEGIN ${name}\\b[^\\n]*\\n)[\\s\\S]*?^ *(# END ${name}\\b[^\\n]*)$`, 'm');
  const match = pattern.exec(document);
  if (!match) throw new Error(`openapi.yaml has no "# BEGIN ${name}" … "# END ${name}" block`);
  const spaces = match[1]!.length;
  return document.replace(pattern, () => `${match[1]}${match[2]}${indent(body, spaces)}\n${match[1]}${match[3]}`);
}

/** openapi.yaml with the generated blocks written from the current forms. */
export function withTaskForms(document: string): string {
  const schemas = taskFormSchemas();
  const map = Object.fromEntries(TASK_TYPES.map((type) => [type, `#/components/schemas/${formSchemaName(type)}`]));
  const withSchemas = replaceBlock(document, 'task forms', stringify(schemas, { lineWidth: 0 }));
  return replaceBlock(withSchemas, 'x-task-forms', stringify({ 'x-task-forms': map }, { lineWidth: 0 }));
}
