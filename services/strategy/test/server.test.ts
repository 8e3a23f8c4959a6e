import { call, startService, type TestService, userToken } from '@sozialraum/kit/testing';
import { configSchema } from '../src/config';
import { createDependencies } from '../src/dependencies';
import { createServer } from '../src/server';

describe('the strategy service', () => {
  let service: TestService<ReturnType<typeof createDependencies>>;

  beforeAll(async () => {
    service = await startService({ configSchema, createDependencies, createServer });
  });
  afterAll(() => service.close());

  test('when its dependencies answer, then /health/ready checks exactly them', async () => {
    const response = await call(`${service.url}/health/ready`);
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.checks).sort()).toEqual(['postgres', 'temporal', 'keycloak'].sort());
  });

  test('when a signed-in user calls, then the service knows who it is', async () => {
    const response = await call(`${service.url}/v1/me`, { token: await userToken('gast') });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ username: 'gast', roles: ['viewer'] });
  });
});
