import { join } from 'node:path';
import { call, closedParts, startProcess, userToken, waitFor } from '../src/testing';

const fixture = join(__dirname, 'fixtures', 'slow-service.js');

describe('process lifecycle', () => {
  test('when SIGTERM arrives during requests, then they complete, resources close in order and the exit code is 0', async () => {
    const token = await userToken('planer');
    const service = await startProcess(fixture);
    await waitFor(() => service.logs.some((l) => l.msg === 'slow-service listening'));

    const inFlight = Array.from({ length: 5 }, () => call(`${service.url}/v1/slow?ms=1500`, { token }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    service.child.kill('SIGTERM');

    const responses = await Promise.all(inFlight);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const [code] = await service.exited;
    expect(code).toBe(0);
    const at = (msg: string) => Date.parse(String(service.logs.find((l) => l.msg === msg)?.time));
    expect(at('shutting down')).toBeLessThanOrEqual(at('pretend-pool released'));
    expect(closedParts(service)).toEqual(['http', 'pretend-pool']);
  });

  test('when a required variable is missing, then the process stops at once and names it', async () => {
    const service = await startProcess(fixture, { KEYCLOAK_URL: '', PORT: 'not-a-port' });
    const [code] = await service.exited;
    expect(code).toBe(1);
    expect(service.output()).toMatch(/KEYCLOAK_URL/);
    expect(service.output()).toMatch(/PORT/);
  });
});
