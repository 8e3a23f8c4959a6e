import type { Router } from 'express';
import type { MonitoringDependencies } from '../dependencies';

export function mountMethodsRoutes(_router: Router, _deps: MonitoringDependencies): void {}
