import type { Router } from 'express';
import type { MonitoringDependencies } from '../dependencies';

export function mountValuesRoutes(_router: Router, _deps: MonitoringDependencies): void {}
