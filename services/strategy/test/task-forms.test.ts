import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TASK_PROBLEM_SLUGS, TASK_TYPES, taskProblemType } from '@sozialraum/contracts';
import { parse } from 'yaml';
import { formSchemaName, withTaskForms } from '../src/openapi/task-forms';

/**
 * openapi.yaml publishes the task forms of @sozialraum/contracts as JSON Schemas (npm run forms:schema) and
 * the problem types of task actions; both must say what the code does.
 */
const file = join(__dirname, '..', 'openapi.yaml');
const text = readFileSync(file, 'utf8');
const document = parse(text) as {
  paths: Record<string, Record<string, { 'x-task-forms'?: Record<string, string> }>>;
  components: { schemas: Record<string, { enum?: string[]; properties?: Record<string, unknown> }> };
};

test('when the zod forms and openapi.yaml are compared, then the published JSON Schemas are exactly what forms:schema writes', () => {
  // Fails after a change to packages/contracts/src/forms.ts until `npm run forms:schema -w @sozialraum/strategy` is run.
  expect(withTaskForms(text)).toBe(text);
});

test('when a client looks up a task type\'s form, then x-task-forms on completeTask names a component schema for each type', () => {
  const forms = document.paths['/v1/tasks/{id}/complete']!.post!['x-task-forms']!;
  expect(Object.keys(forms).sort()).toEqual([...TASK_TYPES].sort());
  for (const type of TASK_TYPES) {
    expect(forms[type]).toBe(`#/components/schemas/${formSchemaName(type)}`);
    expect(document.components.schemas[formSchemaName(type)]).toMatchObject({ type: 'object' });
  }
  const measure = document.components.schemas.ProposeMeasuresResult as { properties: { measures: { items: { properties: { milestones: unknown } } } } };
  expect(measure.properties.measures.items.properties.milestones).toMatchObject({ type: 'array', maxItems: 20 });
});

test('when the problem types of task actions are compared, then openapi.yaml lists exactly those of the contracts', () => {
  expect(document.components.schemas.TaskProblemType!.enum).toEqual(TASK_PROBLEM_SLUGS.map(taskProblemType));
});
