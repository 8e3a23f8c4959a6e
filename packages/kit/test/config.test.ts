import { baseServiceConfig, ConfigError, env, loadConfig, temporalActivityWorkerConfig } from '../src';
import { startTracing } from '../src/tracing';
import { activeTracing } from '../src/tracing/state';

const schema = baseServiceConfig.extend({ DATABASE_URL: env.url(), API_SECRET: env.secret() });

describe('config', () => {
  test('when every variable is valid, then defaults fill the rest', () => {
    const config = loadConfig(schema, { KEYCLOAK_URL: 'http://kc:8080', DATABASE_URL: 'postgres://db/x', API_SECRET: 'long-enough' });
    expect(config).toMatchObject({ PORT: 3000, KEYCLOAK_REALM: 'sozialraum', LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: 10_000 });
  });

  test('when the activity worker is not tuned, then it gets the SDK defaults, and no poller at all is refused', () => {
    const withWorker = schema.extend(temporalActivityWorkerConfig);
    const base = { KEYCLOAK_URL: 'http://kc:8080', DATABASE_URL: 'postgres://db/x', API_SECRET: 'long-enough' };
    expect(loadConfig(withWorker, base)).toMatchObject({ TEMPORAL_ACTIVITY_SLOTS: 100, TEMPORAL_ACTIVITY_POLLERS: 10 });
    expect(loadConfig(withWorker, { ...base, TEMPORAL_ACTIVITY_SLOTS: '20', TEMPORAL_ACTIVITY_POLLERS: '4' })).toMatchObject({ TEMPORAL_ACTIVITY_SLOTS: 20, TEMPORAL_ACTIVITY_POLLERS: 4 });
    expect(() => loadConfig(withWorker, { ...base, TEMPORAL_ACTIVITY_POLLERS: '0' })).toThrow(/TEMPORAL_ACTIVITY_POLLERS: /);
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

  test('when OpenTelemetry variables are wrong, then the error names each of them', () => {
    const base = { KEYCLOAK_URL: 'http://kc:8080', DATABASE_URL: 'postgres://db/x', API_SECRET: 'long-enough' };
    let message = '';
    try {
      loadConfig(schema, { ...base, OTEL_TRACES_EXPORTER: 'jaeger', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318', OTEL_TRACES_SAMPLER_ARG: '2' });
    } catch (error) {
      message = (error as ConfigError).message;
    }
    expect(message).toMatch(/OTEL_TRACES_EXPORTER: /);
    expect(message).toMatch(/OTEL_EXPORTER_OTLP_ENDPOINT: must be an http:\/\/ or https:\/\/ URL/);
    expect(message).toMatch(/OTEL_EXPORTER_OTLP_PROTOCOL: only http\/protobuf is supported/);
    expect(message).toMatch(/OTEL_TRACES_SAMPLER_ARG: /);
    const config = loadConfig(schema, { ...base, OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1' });
    expect(config).toMatchObject({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_TRACES_SAMPLER_ARG: 0.1 });
  });

  test('when no exporter is named, disabled, or a variable is bad, then tracing stays off and nothing of the SDK is loaded', () => {
    expect(startTracing('test', {})).toBe(false);
    expect(startTracing('test', { OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
    expect(startTracing('test', { OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' })).toBe(false);
    expect(startTracing('test', { OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' })).toBe(false);
    expect(activeTracing()).toBeUndefined();
    expect(Object.keys(require.cache).filter((path) => path.includes('@opentelemetry/sdk-trace'))).toEqual([]);
  });
});
