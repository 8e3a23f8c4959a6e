import type { RequestHandler } from 'express';
import { newRequestId, withRequestId } from '../logger';

export const REQUEST_ID_HEADER = 'x-request-id';
const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;

/** Takes the caller's request ID (or makes one), echoes it, and runs the request inside its context. */
export const requestId: RequestHandler = (req, res, next) => {
  const given = req.header(REQUEST_ID_HEADER);
  const id = given && acceptable.test(given) ? given : newRequestId();
  res.setHeader(REQUEST_ID_HEADER, id);
  withRequestId(id, next);
};
