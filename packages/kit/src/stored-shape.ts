import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { OpenApiDocument } from './http/openapi';

/**
 * Reading JSON a service stored itself (a job's request, an export's selection) against the schemas of its
 * OpenAPI document, with ajv as express-openapi-validator checks the requests: what a job reads is checked
 * and typed by the document, not cast, so a row written by an older version or changed by hand fails with a
 * reason that names the field.
 */

/** A stored value is not of the shape the document gives it. Retrying cannot help. */
export class StoredShapeError extends Error {
  override readonly name = 'StoredShapeError';
}

/** Reads a stored value as T (the generated type of the schema), or throws StoredShapeError; `at` names the value. */
export type StoredReader<T> = (value: unknown, at: string) => T;

type Schema = Record<string, unknown>;

const DOCUMENT_ID = 'openapi.json';

export interface StoredShapes {
  /** The component schema `name` (#/components/schemas/name) as it stands. */
  component<T>(name: string): StoredReader<T>;
  /** One field of an object that component `name` describes, read by that field's schema alone (a view needs no more). */
  field<T>(name: string, field: string): StoredReader<T>;
  /**
   * The object fields of request schema `name` (its own and those of its allOf parts) without `storedApart`
   * (the file, its name and format, kept in columns of their own): what the service stored of the request.
   * Fields the document does not name are refused, as the request validation refused them.
   */
  fieldsOf<T>(name: string, storedApart: string[]): StoredReader<T>;
}

export function storedShapes(document: OpenApiDocument): StoredShapes {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addFormat('binary', true);
  ajv.addSchema({ $id: DOCUMENT_ID, components: document.components ?? {} });
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const schemaOf = (name: string): Schema => {
    const schema = schemas[name];
    if (!schema) throw new Error(`the OpenAPI document has no schema ${name}`);
    return schema;
  };
  const ref = (name: string) => ({ $ref: `${DOCUMENT_ID}#/components/schemas/${name}` });
  const pointer = (name: string, path: (string | number)[]) => ({ $ref: `${DOCUMENT_ID}#/components/schemas/${[name, ...path].join('/')}` });
  return {
    component: (name) => {
      schemaOf(name);
      return reader(ajv.compile(ref(name)));
    },
    field: <T>(name: string, field: string) => {
      schemaOf(name);
      const read = reader<T>(ajv.compile(pointer(name, ['properties', field])));
      return (value, at) => read(typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[field] : undefined, `${at}.${field}`);
    },
    fieldsOf: (name, storedApart) => {
      const properties: Record<string, unknown> = {};
      const required = new Set<string>();
      // The fields of a schema part: its allOf parts (referenced or inline), then its own properties.
      const collect = (owner: string, path: (string | number)[], schema: Schema): void => {
        ((schema.allOf ?? []) as Schema[]).forEach((part, i) => {
          if (typeof part.$ref === 'string') {
            const referenced = part.$ref.split('/').pop() ?? '';
            collect(referenced, [], schemaOf(referenced));
          } else collect(owner, [...path, 'allOf', i], part);
        });
        for (const [field, sub] of Object.entries((schema.properties ?? {}) as Record<string, unknown>)) {
          // `true` stands for a field another part defines (fileName: true beside Upload's)
          if (!storedApart.includes(field) && sub !== true) properties[field] = pointer(owner, [...path, 'properties', field]);
        }
        for (const field of (schema.required ?? []) as string[]) if (!storedApart.includes(field)) required.add(field);
      };
      collect(name, [], schemaOf(name));
      return reader(ajv.compile({ type: 'object', properties, required: [...required], additionalProperties: false }));
    },
  };
}

function reader<T>(validate: ValidateFunction): StoredReader<T> {
  return (value, at) => {
    if (validate(value)) return value as T; // ajv has just checked it against the schema T was generated from
    throw new StoredShapeError(describe(validate.errors ?? [], at));
  };
}

/**
 * One reason, for the field it concerns. Of the branches of a `oneOf` (an import's long or wide mapping) only
 * those whose constant (the `layout`) fits are considered; when none fits, the constant is the reason.
 */
function describe(errors: ErrorObject[], at: string): string {
  const field = (path: string) => at + path.replace(/\//g, '.');
  const misfits = errors.filter((e) => e.keyword === 'const');
  const branchOf = (e: ErrorObject) => ({ schema: e.schemaPath.slice(0, e.schemaPath.lastIndexOf('/properties/')), instance: e.instancePath.slice(0, e.instancePath.lastIndexOf('/')) });
  const inMisfit = (e: ErrorObject) =>
    misfits.some((m) => {
      const branch = branchOf(m);
      return e.schemaPath.startsWith(`${branch.schema}/`) && e.instancePath.startsWith(branch.instance);
    });
  const reasons = errors.filter((e) => e.keyword !== 'oneOf' && !inMisfit(e));
  const first = reasons[0];
  if (!first) {
    const misfit = misfits[0];
    if (!misfit) return `${at} does not fit its schema`;
    const allowed = misfits.filter((m) => m.instancePath === misfit.instancePath).map((m) => String((m.params as { allowedValue: unknown }).allowedValue));
    return `${field(misfit.instancePath)} is not one of ${allowed.join(', ')}`;
  }
  const params = first.params as Record<string, unknown>;
  switch (first.keyword) {
    case 'required':
      return `${field(`${first.instancePath}/${String(params.missingProperty)}`)} is missing`;
    case 'additionalProperties':
      return `${field(`${first.instancePath}/${String(params.additionalProperty)}`)} is not a field of the request`;
    case 'enum':
      return `${field(first.instancePath)} is not one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    default:
      return `${field(first.instancePath)} ${first.message ?? 'does not fit its schema'}`;
  }
}
