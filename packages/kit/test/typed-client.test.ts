import { expandPath, type ServiceClient, typedServiceClient } from '../src';

interface Paths {
  '/v1/spaces/{code}/profile': {
    get: {
      parameters: { path: { code: string }; query?: { method?: string } };
      responses: { 200: { content: { 'application/json': { code: string } } } };
    };
  };
}

describe('the typed service client', () => {
  test('when a path has parameters, then they are encoded and undefined query parameters are left out', () => {
    expect(expandPath('/v1/indicators/{key}/change', { path: { key: 'a/b c' }, query: { from: '2020', to: '2022', type: undefined } })).toBe(
      '/v1/indicators/a%2Fb%20c/change?from=2020&to=2022',
    );
    expect(expandPath('/v1/indicators', {})).toBe('/v1/indicators');
  });

  test('when it reads a path of the document, then it calls the kit client with GET and the expanded path', async () => {
    const calls: Array<[string, string]> = [];
    const client = (async (method: string, path: string) => {
      calls.push([method, path]);
      return { code: 'STGT01' };
    }) as ServiceClient;
    const profile = await typedServiceClient<Paths>(client).get('/v1/spaces/{code}/profile', { path: { code: 'STGT01' }, query: { method: 'm@1' } });
    expect(profile.code).toBe('STGT01');
    expect(calls).toEqual([['GET', '/v1/spaces/STGT01/profile?method=m%401']]);
  });
});
