import { problems, sizeInBytes, type SpooledFile } from '@sozialraum/kit';
import type { Request } from 'express';
import type { MonitoringConfig } from '../config';
import { type IncomingFile, spooledFile } from '../use-cases/import-file';

/** A form upload (`multipart/form-data`, spooled to disk by the kit within the upload limit) rather than JSON. */
export const isFormUpload = (req: Request) => typeof req.is('multipart/form-data') === 'string';

/** The form's file (field `file`) as the use cases read it; a text field of that name is not a file. */
export function uploadedFile(req: Request, config: Pick<MonitoringConfig, 'UPLOAD_IN_MEMORY_LIMIT'>): { originalname: string; file: IncomingFile } {
  const { file } = req as Request & { file?: SpooledFile };
  if (!file) throw problems.badRequest('Send the file in the form field "file" (curl -F file=@table.xlsx).');
  return { originalname: file.originalname, file: spooledFile(file, sizeInBytes(config.UPLOAD_IN_MEMORY_LIMIT)) };
}
