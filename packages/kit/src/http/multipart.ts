import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, RequestHandler } from 'express';
import multer from 'multer';
import { AppError, problems } from '../errors';

export interface MultipartLimits {
  /** Largest file in bytes (the upload limit). */
  fileSize: number;
  /** Largest text field in bytes (the JSON body limit: a mapping travels as a JSON field). */
  fieldSize: number;
  /** Where uploads are spooled while their request runs (default: the OS's temporary directory). */
  directory?: string;
}

/** What the kit leaves on `req.file`: the upload spooled to a temporary file, removed when the response ends. */
export interface SpooledFile {
  originalname: string;
  /** The temporary file; gone once the response has been sent. */
  path: string;
  size: number;
  /** SHA-256 of the bytes, hex: computed while they were written. */
  sha256: string;
}

/**
 * Writes the file part to disk as it arrives (never the whole file in memory), hashing it on the way. A file
 * over the limit is cut off by busboy; multer then removes what was written.
 */
function spoolToDisk(directory: string): multer.StorageEngine {
  return {
    _handleFile(_req, file, callback) {
      const path = join(directory, `upload-${randomUUID()}`);
      const hash = createHash('sha256');
      let size = 0;
      const hashing = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      });
      pipeline(file.stream, hashing, createWriteStream(path, { flags: 'wx', mode: 0o600 })).then(
        () => callback(null, { path, size, sha256: hash.digest('hex') } as Partial<Express.Multer.File>),
        (error: unknown) => void rm(path, { force: true }).finally(() => callback(error as Error)),
      );
    },
    _removeFile(_req, file, callback) {
      rm(file.path, { force: true }).then(() => callback(null), callback);
    },
  };
}

/**
 * Reads `multipart/form-data` on the upload operations (`x-upload`): exactly one file, in the field `file`,
 * spooled to a temporary file within the upload limit (so a large upload never sits in memory), and a few
 * text fields within the JSON body limit. The file is `req.file` (a SpooledFile), removed when the response
 * ends; `req.body.file` is set to '' so the OpenAPI validator sees the required part (as its own uploader
 * would); text fields declared as objects are parsed from JSON by the validator.
 */
export function multipartUploads(isUpload: (req: Request) => boolean, limits: MultipartLimits): RequestHandler {
  const upload = multer({
    storage: spoolToDisk(limits.directory ?? tmpdir()),
    limits: { fileSize: limits.fileSize, fieldSize: limits.fieldSize, files: 1, fields: 20, parts: 21, fieldNameSize: 100, headerPairs: 100 },
  }).single('file');
  return (req, res, next) => {
    if (!req.is('multipart/form-data') || !isUpload(req)) return next();
    upload(req, res, (error?: unknown) => {
      const spooled = req.file?.path;
      if (spooled) res.once('close', () => void rm(spooled, { force: true }));
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
