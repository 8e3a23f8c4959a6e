import type { Router } from 'express';
import type { MonitoringDependencies } from '../dependencies';

export function mountSpacesRoutes(_router: Router, _deps: MonitoringDependencies): void {}
