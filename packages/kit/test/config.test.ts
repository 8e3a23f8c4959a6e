import { baseServiceConfig, ConfigError, env, loadConfig } from '../src';

const schema = baseServiceConfig.extend({ DATABASE_URL: env.url(), API_SECRET: env.secret() });

describe('config', () => {
  test('when every variable is valid, then defaults fill the rest', () => {
    const config = loadConfig(schema, { KEYCLOAK_URL: 'http://kc:8080', DATABASE_URL: 'postgres://db/x', API_SECRET: 'long-enough' });
    expect(config).toMatchObject({ PORT: 3000, KEYCLOAK_REALM: 'sozialraum', LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: 10_000 });
  });

  test('when variables are missing or bad, then the error names each of them', () => {
    let error: unknown;
    try {
      loadConfig(schema, { KEYCLOAK_URL: 'not a url', PORT: '99999', API_SECRET: 'short' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/KEYCLOAK_URL: Invalid url/);
    expect(message).toMatch(/DATABASE_URL: .*\(not set\)/);
    expect(message).toMatch(/PORT: /);
    expect(message).toMatch(/API_SECRET: must be at least 8 characters/);
  });
});
