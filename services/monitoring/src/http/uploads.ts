import { problems } from '@sozialraum/kit';
import type { Request } from 'express';

/** A form upload (`multipart/form-data`, read by the kit within the upload limit) rather than JSON. */
export const isFormUpload = (req: Request) => typeof req.is('multipart/form-data') === 'string';

/** The form's file (field `file`); a text field of that name is not a file. */
export function uploadedFile(req: Request): UploadedFile {
  const { file } = req as Request & { file?: UploadedFile };
  if (!file) throw problems.badRequest('Send the file in the form field "file" (curl -F file=@table.xlsx).');
  return file;
}

/** What the kit's multipart reader (multer) leaves on the request. */
interface UploadedFile {
  originalname: string;
  buffer: Buffer;
}
