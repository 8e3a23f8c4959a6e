import { type Principal, problems } from '@sozialraum/kit';
import { type Pool, withTransaction } from '@sozialraum/kit/db';
import { refreshMilestoneCounts } from '../data/measures.repository';
import { deleteMilestone, findMilestone, insertMilestones, type MilestoneInput, type MilestoneRecord, updateMilestone } from '../data/milestones.repository';
import type { Queryable } from '@sozialraum/kit/db';
import { changeableMeasure } from './measure-access';
import type { components } from '../generated/api';
import { recordChange } from './record';

/**
 * Milestones belong to their measure: planners and the measure's department change them. The counts the
 * overview and the progress read are kept with the measure in the same transaction.
 */
async function changeMilestones(
  pool: Pool,
  principal: Principal,
  measureId: string,
  change: (client: Queryable) => Promise<{ action: 'created' | 'changed' | 'deleted'; before: MilestoneRecord | null; after: MilestoneRecord | null }>,
): Promise<void> {
  await withTransaction(pool, async (client) => {
    const measure = await changeableMeasure(client, principal, measureId);
    const { action, before, after } = await change(client);
    await refreshMilestoneCounts(client, measureId);
    const entityId = (after ?? before)?.id ?? '';
    await recordChange(client, principal, { entity: 'milestone', entityId, measureId, department: measure.department, action, before, after });
  });
}

async function existingMilestone(db: Queryable, measureId: string, id: string): Promise<MilestoneRecord> {
  const milestone = await findMilestone(db, measureId, id);
  if (!milestone) throw problems.notFound(`Measure ${measureId} has no milestone ${id}.`);
  return milestone;
}

export function addMilestone(pool: Pool, principal: Principal, measureId: string, input: MilestoneInput): Promise<void> {
  return changeMilestones(pool, principal, measureId, async (client) => {
    const [created] = await insertMilestones(client, measureId, [input]);
    return { action: 'created', before: null, after: created ?? null };
  });
}

export function changeMilestone(pool: Pool, principal: Principal, measureId: string, id: string, patch: components['schemas']['MilestonePatch']): Promise<void> {
  return changeMilestones(pool, principal, measureId, async (client) => {
    const before = await existingMilestone(client, measureId, id);
    return { action: 'changed', before, after: await updateMilestone(client, id, patch) };
  });
}

export function removeMilestone(pool: Pool, principal: Principal, measureId: string, id: string): Promise<void> {
  return changeMilestones(pool, principal, measureId, async (client) => {
    const before = await existingMilestone(client, measureId, id);
    await deleteMilestone(client, id);
    return { action: 'deleted', before, after: null };
  });
}
