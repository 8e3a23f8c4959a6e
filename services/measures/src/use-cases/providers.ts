import { type Principal, problems } from '@sozialraum/kit';
import { type Pool, withTransaction } from '@sozialraum/kit/db';
import { mayManageProviders } from '../domain/access';
import { findProvider, insertProvider, listProviders, type ProviderInput, type ProviderRecord, updateProvider } from '../data/providers.repository';
import { checkVersion } from './measure-access';
import type { components } from '../generated/api';
import { recordChange } from './record';

export { listProviders };

function checkManager(principal: Principal): void {
  if (!mayManageProviders(principal)) throw problems.forbidden('Providers are registered by planners and neighbourhood coordinators.');
}

export async function getProvider(pool: Pool, id: string): Promise<ProviderRecord> {
  const provider = await findProvider(pool, id);
  if (!provider) throw problems.notFound(`There is no provider ${id}.`);
  return provider;
}

export function createProvider(pool: Pool, principal: Principal, input: ProviderInput): Promise<ProviderRecord> {
  checkManager(principal);
  return withTransaction(pool, async (client) => {
    const provider = await insertProvider(client, { ...input, name: input.name.trim() });
    await recordChange(client, principal, { entity: 'provider', entityId: provider.id, action: 'created', before: null, after: provider });
    return provider;
  });
}

export function changeProvider(pool: Pool, principal: Principal, id: string, patch: components['schemas']['ProviderPatch']): Promise<ProviderRecord> {
  checkManager(principal);
  const { version, ...changes } = patch;
  return withTransaction(pool, async (client) => {
    const before = await findProvider(client, id, true);
    if (!before) throw problems.notFound(`There is no provider ${id}.`);
    checkVersion(before, version, 'Provider');
    const after = await updateProvider(client, id, changes);
    await recordChange(client, principal, { entity: 'provider', entityId: id, action: 'changed', before, after });
    return after;
  });
}
