import type { Request, RequestHandler } from 'express';
import multer from 'multer';
import { AppError, problems } from '../errors';

export interface MultipartLimits {
  /** Largest file in bytes (the upload limit). */
  fileSize: number;
  /** Largest text field in bytes (the JSON body limit: a mapping travels as a JSON field). */
  fieldSize: number;
}

/**
 * Reads `multipart/form-data` on the upload operations (`x-upload`): exactly one file, in the field `file`,
 * kept in memory within the upload limit, and a few text fields within the JSON body limit. The file is
 * `req.file`; `req.body.file` is set to '' so the OpenAPI validator sees the required part (as its own
 * uploader would); text fields declared as objects are parsed from JSON by the validator.
 */
export function multipartUploads(isUpload: (req: Request) => boolean, limits: MultipartLimits): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: limits.fileSize, fieldSize: limits.fieldSize, files: 1, fields: 20, parts: 21, fieldNameSize: 100, headerPairs: 100 },
  }).single('file');
  return (req, res, next) => {
    if (!req.is('multipart/form-data') || !isUpload(req)) return next();
    upload(req, res, (error?: unknown) => {
      if (error) return next(multipartProblem(error));
      // multer builds the body without a prototype; the validator and the routes expect a plain object.
      req.body = { ...(req.body as Record<string, unknown>), ...(req.file ? { file: '' } : {}) };
      next();
    });
  };
}

/** Every multipart refusal is the sender's: too large is 413, anything else malformed 400 — never a 500. */
function multipartProblem(error: unknown): AppError {
  if (error instanceof multer.MulterError) {
    if (error.code === 'LIMIT_FILE_SIZE') return new AppError({ status: 413, title: 'Content Too Large', detail: `The file is larger than the upload limit (${error.message}).` });
    if (error.code === 'LIMIT_UNEXPECTED_FILE' || error.code === 'LIMIT_FILE_COUNT') return problems.badRequest('Send exactly one file, in the form field "file".');
    return problems.badRequest(`The multipart form is refused: ${error.message}.`);
  }
  return problems.badRequest(`The multipart form cannot be read: ${error instanceof Error ? error.message : String(error)}.`);
}
