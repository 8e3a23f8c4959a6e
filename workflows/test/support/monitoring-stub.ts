import express from 'express';
import { listen, type RunningServer } from '@sozialraum/kit/testing';

/** The part of monitoring's space profile the cycle reads. */
interface SpaceProfile {
  space: { code: string; name?: string };
  indicators: Array<{ key: string; name: string; unit?: string; polarity?: string; points: Array<{ period: string; value: { value: number | null; suppressed: boolean } }> }>;
  classHistory: unknown[];
  alerts: unknown[];
}

/**
 * Stands in for the monitoring service's HTTP API (not for a database or Temporal): it answers the space
 * profile — the first call per space with the "before" values, later calls with a newer period — and
 * records alert hand-overs. `state.handOverStatus` lets a test make the hand-over fail.
 */
export interface MonitoringStub extends RunningServer {
  handOvers: Array<{ alertId: string; body: unknown; authorized: boolean }>;
  profileCalls: Map<string, number>;
  state: { handOverStatus: number };
}

const point = (period: string, value: number) => ({ period, value: { value, suppressed: false } });

export function profileFor(code: string, call: number): SpaceProfile {
  const later = call > 1 ? [point('2023', 6.1)] : [];
  return {
    space: { code, name: `Testraum ${code}` },
    indicators: [
      { key: 'unemployment', name: 'Arbeitslosenquote', unit: '%', polarity: 'higher-is-worse', points: [point('2021', 8.4), point('2022', 7.9), ...later] },
      { key: 'child-poverty', name: 'Kinderarmut', unit: '%', polarity: 'higher-is-worse', points: [point('2022', 21.3)] },
    ],
    classHistory: [],
    alerts: [],
  };
}

export async function startMonitoringStub(): Promise<MonitoringStub> {
  const app = express();
  app.use(express.json());
  const handOvers: MonitoringStub['handOvers'] = [];
  const profileCalls = new Map<string, number>();
  const state = { handOverStatus: 200 };
  app.get('/v1/spaces/:code/profile', (req, res) => {
    // Spaces named NOPE… do not exist in monitoring.
    if (req.params.code.startsWith('NOPE')) return void res.status(404).json({ title: 'Not Found', status: 404, detail: `no space ${req.params.code}` });
    const calls = (profileCalls.get(req.params.code) ?? 0) + 1;
    profileCalls.set(req.params.code, calls);
    res.json(profileFor(req.params.code, calls));
  });
  app.post('/v1/alerts/:id/hand-over', (req, res) => {
    handOvers.push({ alertId: req.params.id, body: req.body, authorized: /^Bearer .+/.test(req.headers.authorization ?? '') });
    if (state.handOverStatus >= 400) res.status(state.handOverStatus).json({ title: 'Stub refusal', status: state.handOverStatus });
    else res.json({ id: Number(req.params.id), status: 'handed-over' });
  });
  const server = await listen(app);
  return { ...server, handOvers, profileCalls, state };
}
