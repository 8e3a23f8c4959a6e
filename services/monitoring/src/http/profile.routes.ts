import { principalOf } from '@sozialraum/kit';
import type { Request, Router } from 'express';
import type { MonitoringDependencies } from '../dependencies';
import { audienceOf } from '../use-cases/disclosure';
import { indicatorChange, indicatorRanking, indicatorSeries } from '../use-cases/indicator-views';
import { spaceProfileJson } from '../use-cases/profile';
import { spaceProfilePdf } from '../use-cases/profile-pdf';
import { pathParam, queryOf } from './query';

export function mountProfileRoutes(router: Router, { pool, jobs, peerStatisticsCache: cache, profileRowsCache: rows, config }: MonitoringDependencies): void {
  const audience = (req: Request) => audienceOf(principalOf(req));
  const sources = { cache, rows, jobs };
  router.get('/v1/spaces/:code/profile', async (req, res) => {
    const json = await spaceProfileJson(pool, sources, principalOf(req), pathParam(req, 'code'), queryOf(req, 'getSpaceProfile').method);
    // Checked against the document where responses are (tests); sent as made elsewhere.
    if (config.VALIDATE_RESPONSES) res.json(JSON.parse(json));
    else res.type('application/json').send(json);
  });
  router.get('/v1/spaces/:code/profile.pdf', async (req, res) => {
    const code = pathParam(req, 'code');
    const pdf = await spaceProfilePdf(pool, sources, principalOf(req), code, queryOf(req, 'getSpaceProfilePdf').method);
    res.type('application/pdf').attachment(`sozialraumprofil-${code}.pdf`).send(pdf);
  });
  router.get('/v1/indicators/:key/values', async (req, res) => {
    const { period, type } = queryOf(req, 'getIndicatorRanking');
    res.json(await indicatorRanking(pool, audience(req), pathParam(req, 'key'), period, type));
  });
  router.get('/v1/indicators/:key/series', async (req, res) => {
    const { spaces, type } = queryOf(req, 'getIndicatorSeries');
    const codes = spaces?.split(',').map((c) => c.trim()).filter((c) => c !== '');
    res.json(await indicatorSeries(pool, audience(req), pathParam(req, 'key'), type, codes));
  });
  router.get('/v1/indicators/:key/change', async (req, res) => {
    const { from, to, type } = queryOf(req, 'getIndicatorChange');
    res.json(await indicatorChange(pool, audience(req), pathParam(req, 'key'), from, to, type));
  });
}
