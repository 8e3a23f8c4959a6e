import { principalOf } from '@sozialraum/kit';
import type { Router } from 'express';
import type { MeasuresDependencies } from '../dependencies';
import { spaceGaps } from '../use-cases/gaps';
import { changeOffer, createOffer, getOffer, listOffers, type OfferFilter, removeOffer } from '../use-cases/offers';
import { changeProvider, createProvider, getProvider, listProviders } from '../use-cases/providers';
import { bodyOf, pathParam, text } from './query';

/** Providers, the register of offers and the gap view per space. */
export function mountOffersRoutes(router: Router, { pool, monitoring, config }: MeasuresDependencies): void {
  const context = { pool, monitoring, spaceType: config.OFFER_SPACE_TYPE };

  router.get('/v1/providers', async (req, res) => {
    res.json({ items: await listProviders(pool, text(req, 'q')) });
  });
  router.post('/v1/providers', async (req, res) => {
    const provider = await createProvider(pool, principalOf(req), bodyOf(req, 'createProvider'));
    res.status(201).location(`/v1/providers/${provider.id}`).json(provider);
  });
  router.get('/v1/providers/:id', async (req, res) => {
    res.json(await getProvider(pool, pathParam(req, 'id')));
  });
  router.patch('/v1/providers/:id', async (req, res) => {
    res.json(await changeProvider(pool, principalOf(req), pathParam(req, 'id'), bodyOf(req, 'updateProvider')));
  });

  router.get('/v1/offers', async (req, res) => {
    const filter: OfferFilter = {};
    for (const name of ['space', 'targetGroup', 'kind', 'provider', 'measure'] as const) {
      const value = text(req, name);
      if (value) Object.assign(filter, { [name]: value });
    }
    res.json({ items: await listOffers(pool, filter) });
  });
  router.post('/v1/offers', async (req, res) => {
    const offer = await createOffer(context, principalOf(req), bodyOf(req, 'createOffer'));
    res.status(201).location(`/v1/offers/${offer.id}`).json(offer);
  });
  router.get('/v1/offers/:id', async (req, res) => {
    res.json(await getOffer(pool, pathParam(req, 'id')));
  });
  router.patch('/v1/offers/:id', async (req, res) => {
    res.json(await changeOffer(context, principalOf(req), pathParam(req, 'id'), bodyOf(req, 'updateOffer')));
  });
  router.delete('/v1/offers/:id', async (req, res) => {
    await removeOffer(pool, principalOf(req), pathParam(req, 'id'));
    res.status(204).end();
  });

  router.get('/v1/gaps/:code', async (req, res) => {
    res.json(await spaceGaps(pool, monitoring, principalOf(req), pathParam(req, 'code')));
  });
}
