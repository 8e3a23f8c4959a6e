import type { ServiceClient } from './client';

/** openapi-typescript's `paths` of another service's document, narrowed to the paths with a GET. */
type GetPaths<Paths> = { [P in keyof Paths]: Paths[P] extends { get: { responses: unknown } } ? P : never }[keyof Paths];
type GetOperation<Paths, P extends keyof Paths> = Paths[P] extends { get: infer Op } ? Op : never;

type Json<C> = C extends { 'application/json': infer B } ? B : never;
/** The JSON body of the operation's 200 answer. */
export type OkBodyOf<Op> = Op extends { responses: { 200: { content: infer C } } } ? Json<C> : never;

interface Parameters {
  path?: Record<string, string | number>;
  query?: Record<string, string | number | boolean | undefined>;
}
/** The path and query parameters of the operation, as its document defines them. */
type ParametersOf<Op> = Op extends { parameters: { path?: infer Path; query?: infer Query } } ? { path?: Path; query?: Query } : never;

/** Reads another service's API with the types of its OpenAPI document; errors are the kit client's (AppError). */
export interface TypedServiceClient<Paths> {
  get<P extends GetPaths<Paths>>(path: P, parameters: ParametersOf<GetOperation<Paths, P>>): Promise<OkBodyOf<GetOperation<Paths, P>>>;
}

/** `/v1/spaces/{code}/profile` with `{ path: { code } }`: path parameters encoded, undefined query parameters left out. */
export function expandPath(template: string, { path = {}, query = {} }: Parameters): string {
  const expanded = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(path[name])));
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) search.set(name, String(value));
  return search.size ? `${expanded}?${search}` : expanded;
}

/** A typed client over the kit's HTTP client (deadline, request ID, service token, problem+json). */
export function typedServiceClient<Paths>(client: ServiceClient): TypedServiceClient<Paths> {
  return {
    get: (path, parameters) => client('GET', expandPath(String(path), parameters as Parameters)),
  };
}
