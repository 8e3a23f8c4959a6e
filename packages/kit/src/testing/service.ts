import type { BaseServiceConfig } from '../config';
import { loadConfig } from '../config';
import type { HttpApp } from '../http/app';
import type { ServiceDependencies } from '../service';
import { testLogger } from './index';
import { listen, type RunningServer } from './index';
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
  env?: Record<string, string>;
}): Promise<TestService<D>> {
  const config = loadConfig(definition.configSchema, { ...process.env, ...definition.env });
  const deps = await definition.createDependencies(config, testLogger());
  const running = await listen(definition.createServer(deps));
  return {
    ...running,
    deps,
    close: async () => {
      await running.close();
      for (const resource of deps.resources) await resource.close();
    },
  };
}
