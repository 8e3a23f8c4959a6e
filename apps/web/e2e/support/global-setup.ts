import { startPlatform } from './platform';

/** Starts the platform once for all browser tests; Playwright calls the returned function when they are done. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const { platform, stop } = await startPlatform();
  process.env.WEB_URL = platform.web;
  process.env.MONITORING_API = platform.monitoring;
  process.env.STRATEGY_API = platform.strategy;
  process.env.MEASURES_API = platform.measures;
  return stop;
}
