import type { BaseServiceConfig } from '../config';
import { loadConfig } from '../config';
import type { HttpApp } from '../http/app';
import type { Background, ServiceDependencies } from '../service';
import { call, listen, type RunningServer, testLogger, userToken } from './index';
import type { z } from 'zod';

export interface TestService<D> extends RunningServer {
  deps: D;
}

/**
 * Starts a service in-process the way its index.ts does (real config from the stack's environment,
 * real dependencies, real HTTP listener), for "when …, then …" tests against the started server.
 */
export async function startService<C extends BaseServiceConfig, D extends ServiceDependencies<C>>(definition: {
  configSchema: z.ZodType<C, z.ZodTypeDef, unknown>;
  createDependencies: (config: C, logger: ReturnType<typeof testLogger>) => Promise<D> | D;
  createServer: (deps: D) => HttpApp;
  /** The entry point's background work (queue workers, relays, the Temporal activity worker), as index.ts starts it. */
  background?: (deps: D) => Promise<Background> | Background;
  env?: Record<string, string>;
}): Promise<TestService<D>> {
  const config = loadConfig(definition.configSchema, { ...process.env, ...definition.env });
  const deps = await definition.createDependencies(config, testLogger());
  const background = (await definition.background?.(deps)) ?? { health: [], resources: [] };
  const running = await listen(definition.createServer({ ...deps, health: [...deps.health, ...background.health] }));
  return {
    ...running,
    deps,
    close: async () => {
      await running.close();
      for (const resource of [...background.resources, ...deps.resources]) await resource.close();
    },
  };
}

/**
 * The checks every service must pass as started: /health/ready checks only its own database, /v1/admin/status
 * exactly its dependencies (all up), and a signed-in user is recognised. Each service's test/server.test.ts
 * calls this with its definition.
 */
export function describeServiceBasics<C extends BaseServiceConfig, D extends ServiceDependencies<C>>(
  name: string,
  definition: Parameters<typeof startService<C, D>>[0],
  expectedChecks: string[],
): void {
  describe(`the ${name} service`, () => {
    let service: TestService<D>;
    beforeAll(async () => {
      service = await startService(definition);
    });
    afterAll(() => service.close());

    test('when its dependencies answer, then /health/ready checks only its own database (and worker) and /v1/admin/status every dependency', async () => {
      const ready = await call(`${service.url}/health/ready`);
      expect(ready.status).toBe(200);
      // Its own database, and its own Temporal activity worker where it runs one: nothing across the network.
      const own = definition.background ? { postgres: 'ok', 'temporal-worker': 'ok' } : { postgres: 'ok' };
      expect(ready.body.checks).toEqual(own);
      const status = await call(`${service.url}/v1/admin/status`, { token: await userToken('it-admin') });
      expect(status.status).toBe(200);
      expect(status.body.ready).toBe(true);
      expect(Object.keys(status.body.checks).sort()).toEqual([...expectedChecks].sort());
      expect(status.body.dependencies.every((d: { up: boolean }) => d.up)).toBe(true);
    });

    test('when a signed-in user calls, then the service knows who it is', async () => {
      const response = await call(`${service.url}/v1/me`, { token: await userToken('gast') });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ username: 'gast', roles: ['viewer'] });
    });
  });
}
