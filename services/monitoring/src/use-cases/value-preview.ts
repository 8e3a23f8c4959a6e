import { problems } from '@sozialraum/kit';
import type { Pool } from '@sozialraum/kit/db';
import { indicatorNames } from '../data/indicators.repository';
import { currentSpaces } from '../data/values.repository';
import { ImportFileError, MappingError, previewTable, readCsvGrid, readXlsxGrid, spaceMatcher } from '../domain/imports';
import type { components } from '../generated/api';
import type { IncomingFile } from './import-file';
import { formatOf, uploadName } from './imports';

/** How much of a CSV the preview reads: thousands of lines, enough to show and to suggest a mapping. */
const PREVIEW_BYTES = 4 * 1024 * 1024;

/** The CSV's first PREVIEW_BYTES, ending at a line break (so no line or character is cut). */
async function csvHead(file: IncomingFile): Promise<Buffer> {
  const head = await file.head(PREVIEW_BYTES);
  if (head.length === file.size) return head;
  const lastBreak = head.lastIndexOf(0x0a);
  return lastBreak > 0 ? head.subarray(0, lastBreak + 1) : head;
}

type PreviewForm = Omit<components['schemas']['ValuePreviewForm'], 'file'>;
type ValuePreview = components['schemas']['ValuePreview'];

/**
 * Reads an uploaded indicator table without storing anything and suggests how to import it, matched against
 * today's spaces and the catalogue. A file that cannot be read is the planner's to fix: 422 with the reason.
 */
export async function previewValueImport(pool: Pool, form: PreviewForm, upload: { originalname: string; file: IncomingFile }): Promise<ValuePreview> {
  const fileName = uploadName(upload.originalname);
  const { file } = upload;
  if (file.size === 0) throw problems.badRequest('The uploaded file is empty.');
  const format = form.format ?? (await formatOf(file));
  try {
    const read =
      format === 'csv'
        ? { ...readCsvGrid(await csvHead(file), { delimiter: form.delimiter, encoding: form.encoding }), sheets: [], sheet: null }
        : { ...(await readXlsxGrid(await file.whole(), form.sheet)), delimiter: null, encoding: null };
    const [spaces, indicators] = await Promise.all([currentSpaces(pool), indicatorNames(pool)]);
    const preview = previewTable(read.grid, { indicators, space: spaceMatcher(spaces, form.spaceType) }, {
      headerRow: form.headerRow,
      decimal: form.decimal,
      fixedWidth: format === 'xlsx',
      fileName,
    });
    if (preview.suggestion && form.spaceType) preview.suggestion.spaceType = form.spaceType;
    if (preview.suggestion && read.delimiter) Object.assign(preview.suggestion, { delimiter: read.delimiter, encoding: read.encoding });
    if (preview.suggestion && read.sheet) preview.suggestion.sheet = read.sheet;
    const suggestion = preview.suggestion as ValuePreview['suggestion']; // its spaceType came from the form's enum
    return { format, fileName, encoding: read.encoding, delimiter: read.delimiter, sheets: read.sheets, sheet: read.sheet, ...preview, suggestion };
  } catch (error) {
    if (error instanceof ImportFileError || error instanceof MappingError) throw problems.unprocessable(error.message);
    throw error;
  }
}
