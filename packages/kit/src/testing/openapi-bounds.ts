import type { OpenApiDocument } from '../http/openapi';

type Schema = Record<string, unknown> & { $ref?: string };

const boundedFormats = ['date', 'date-time', 'uuid'];
/** Anchored, and no quantifier without an upper bound: the pattern itself limits the length. */
const boundedPattern = (pattern: string) => /^\^.*\$$/.test(pattern) && !/[+*]|\{\d+,\}/.test(pattern.replace(/\\./g, ''));

/**
 * Every place in the requests of an OpenAPI document (parameters and bodies) that accepts more than
 * anything can store: strings without a length limit, numbers without a range, lists without a count and
 * maps without a size. Each is `METHOD path where: what`; an empty list means validation bounds it all.
 */
export function unboundedInputs(document: OpenApiDocument): string[] {
  const resolve = (node: unknown): Schema | undefined => {
    let current = node as Schema | undefined;
    while (current?.$ref) current = current.$ref.split('/').slice(1).reduce<unknown>((o, key) => (o as Record<string, unknown>)[key], document) as Schema;
    return current;
  };
  const found = new Set<string>();
  const walk = (node: unknown, where: string, seen: Set<Schema>): void => {
    const schema = resolve(node);
    if (!schema || typeof schema !== 'object' || seen.has(schema)) return;
    const inside = new Set(seen).add(schema);
    for (const key of ['allOf', 'oneOf', 'anyOf']) for (const part of (schema[key] as unknown[] | undefined) ?? []) walk(part, where, inside);
    const types = ([] as unknown[]).concat(schema.type ?? []);
    const listed = schema.enum !== undefined || schema.const !== undefined;
    const has = (...keys: string[]) => keys.some((key) => schema[key] !== undefined);
    if (types.includes('string') && !listed && !has('maxLength') && !boundedFormats.includes(String(schema.format)) && !boundedPattern(String(schema.pattern ?? ''))) {
      found.add(`${where}: string without maxLength`);
    }
    if ((types.includes('integer') || types.includes('number')) && !listed && !(has('maximum', 'exclusiveMaximum') && has('minimum', 'exclusiveMinimum'))) {
      found.add(`${where}: number without minimum and maximum`);
    }
    if (types.includes('array') && !has('maxItems') && !(schema.uniqueItems === true && resolve(schema.items)?.enum)) found.add(`${where}: array without maxItems`);
    if (schema.items) walk(schema.items, `${where}/items`, inside);
    for (const [name, property] of Object.entries((schema.properties as Record<string, unknown> | undefined) ?? {})) walk(property, `${where}/${name}`, inside);
    if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
      if (!has('maxProperties')) found.add(`${where}: map without maxProperties`);
      walk(schema.additionalProperties, `${where}/*`, inside);
    }
  };
  for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, { parameters?: unknown[]; requestBody?: unknown }>>)) {
    for (const [method, operation] of Object.entries(item)) {
      if (method === 'parameters' || typeof operation !== 'object') continue;
      const operationName = `${method.toUpperCase()} ${path}`;
      const parameters = [...((item.parameters as unknown as unknown[]) ?? []), ...(operation.parameters ?? [])].map(resolve);
      for (const parameter of parameters) walk(parameter?.schema, `${operationName} ${parameter?.in}.${parameter?.name}`, new Set());
      const content = (resolve(operation.requestBody)?.content ?? {}) as Record<string, { schema?: unknown }>;
      for (const media of Object.values(content)) walk(media.schema, `${operationName} body`, new Set());
    }
  }
  return [...found].sort();
}
