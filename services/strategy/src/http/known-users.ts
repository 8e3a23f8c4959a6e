import { candidateGroupsOf } from '@sozialraum/contracts';
import { hasRole, type Logger, principalOf, Roles } from '@sozialraum/kit';
import type { Pool } from '@sozialraum/kit/db';
import type { Request, RequestHandler } from 'express';
import { type KnownUser, upsertKnownUser } from '../data/users.repository';

/** The `email` claim of the (already verified) bearer token; the principal does not carry it. */
function emailOf(req: Request): string | null {
  const payload = req.headers.authorization?.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { email?: unknown };
    return typeof claims.email === 'string' ? claims.email : null;
  } catch {
    return null;
  }
}

const REFRESH_MS = 5 * 60_000;
const MAX_REMEMBERED = 10_000;

/**
 * Keeps `known_user` current from every signed-in person's token (delegation checks the target's groups
 * there; e-mail delivery finds group members there). Writes only when something changed or every few
 * minutes, so the inbox does not pay a write per request.
 */
export function rememberUsers(pool: Pool, logger: Logger): RequestHandler {
  const written = new Map<string, { fingerprint: string; at: number }>();
  return (req, _res, next) => {
    const principal = principalOf(req);
    if (!principal.id || hasRole(principal, Roles.service)) return next();
    const user: KnownUser = {
      id: principal.id,
      name: principal.name,
      username: principal.username ?? null,
      email: emailOf(req),
      groups: candidateGroupsOf(principal),
    };
    const fingerprint = JSON.stringify(user);
    const last = written.get(user.id);
    if (last?.fingerprint === fingerprint && Date.now() - last.at < REFRESH_MS) return next();
    if (written.size >= MAX_REMEMBERED) written.clear();
    upsertKnownUser(pool, user).then(
      () => {
        written.set(user.id, { fingerprint, at: Date.now() });
        next();
      },
      (error: unknown) => {
        // Not worth failing the request for: the next one tries again.
        logger.warn({ err: error }, 'could not remember the user');
        next();
      },
    );
  };
}
