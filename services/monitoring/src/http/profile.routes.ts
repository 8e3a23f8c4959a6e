import { principalOf } from '@sozialraum/kit';
import type { Request, Router } from 'express';
import type { MonitoringDependencies } from '../dependencies';
import { audienceOf } from '../use-cases/disclosure';
import { indicatorChange, indicatorRanking, indicatorSeries } from '../use-cases/indicator-views';
import { spaceProfile } from '../use-cases/profile';
import { spaceProfilePdf } from '../use-cases/profile-pdf';

/** Query parameters are validated by the OpenAPI contract before the routes run. */
const query = (req: Request, name: string) => req.query[name] as string | undefined;

export function mountProfileRoutes(router: Router, { pool, peerStatisticsCache: cache }: MonitoringDependencies): void {
  const audience = (req: Request) => audienceOf(principalOf(req));
  router.get('/v1/spaces/:code/profile', async (req, res) => {
    const { code } = req.params as { code: string };
    res.json(await spaceProfile(pool, cache, principalOf(req), code, query(req, 'method')));
  });
  router.get('/v1/spaces/:code/profile.pdf', async (req, res) => {
    const { code } = req.params as { code: string };
    const pdf = await spaceProfilePdf(pool, cache, principalOf(req), code, query(req, 'method'));
    res.type('application/pdf').attachment(`sozialraumprofil-${code}.pdf`).send(pdf);
  });
  router.get('/v1/indicators/:key/values', async (req, res) => {
    const { key } = req.params as { key: string };
    res.json(await indicatorRanking(pool, audience(req), key, query(req, 'period') as string, query(req, 'type')));
  });
  router.get('/v1/indicators/:key/series', async (req, res) => {
    const { key } = req.params as { key: string };
    const codes = query(req, 'spaces')?.split(',').map((c) => c.trim()).filter((c) => c !== '');
    res.json(await indicatorSeries(pool, audience(req), key, query(req, 'type'), codes));
  });
  router.get('/v1/indicators/:key/change', async (req, res) => {
    const { key } = req.params as { key: string };
    const from = query(req, 'from') as string;
    res.json(await indicatorChange(pool, audience(req), key, from, query(req, 'to') as string, query(req, 'type')));
  });
}
