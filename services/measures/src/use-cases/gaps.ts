import { type Principal, problems } from '@sozialraum/kit';
import type { Pool } from '@sozialraum/kit/db';
import { mayReadGaps } from '../domain/access';
import { gapItems, pressureByGroup } from '../domain/gaps';
import { OPEN_STATUSES } from '@sozialraum/contracts';
import { coverageOfSpace } from '../data/offers.repository';
import type { components } from '../generated/api';
import type { MonitoringApi } from './monitoring';

/** Target groups under indicator pressure in a space, with the offers and open measures that address them. */
export async function spaceGaps(pool: Pool, monitoring: MonitoringApi, principal: Principal, code: string): Promise<components['schemas']['Gaps']> {
  if (!mayReadGaps(principal)) throw problems.forbidden('The gap view is for planners, coordinators and the steering committee.');
  const [profile, groupsOf, coverage] = await Promise.all([monitoring.profile(code), monitoring.targetGroups(), coverageOfSpace(pool, code, OPEN_STATUSES)]);
  const items = gapItems(pressureByGroup(profile.indicators, groupsOf, profile.alerts), (group) => coverage.get(group) ?? { offers: 0, measures: 0 });
  return { spaceCode: profile.space.code, spaceName: profile.space.name, items: items as components['schemas']['Gaps']['items'] };
}
