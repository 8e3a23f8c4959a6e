import { storedShapes, type StoredReader } from '@sozialraum/kit';
import type { components } from '../generated/api';
import { openapi } from '../openapi';

/**
 * What the jobs and views read of the requests the service stored (an import's options, an export's
 * selection): checked with ajv against the very schemas of the OpenAPI document that accepted them, and typed
 * by the types generated from it. A stored row that no longer fits throws StoredShapeError, naming the field.
 */

type Schemas = components['schemas'];
const shapes = storedShapes(openapi);

/** A value import: the release its values belong to, how the table reads, whether valid rows go in beside rejected ones. */
export type StoredValueRequest = Pick<Schemas['ValueImportRequest'], 'release' | 'mapping'> & { acceptValidRows?: boolean };

/** ValueImportRequest without the file, its name and format (columns of the import). */
export const storedValueRequest: StoredReader<StoredValueRequest> = shapes.fieldsOf('ValueImportRequest', ['fileName', 'content', 'format']);

/** A space import: the options of SpaceImportRequest (the file and its format are stored apart). */
export type StoredSpaceRequest = Omit<Schemas['SpaceImportRequest'], 'fileName' | 'content' | 'format'>;

export const storedSpaceRequest: StoredReader<StoredSpaceRequest> = shapes.fieldsOf('SpaceImportRequest', ['fileName', 'content', 'format']);

/** An export job's selection: ExportRequest as it was asked for. */
export const storedExportQuery: StoredReader<Schemas['ExportRequest']> = shapes.component('ExportRequest');

/** Its format alone, for the job's view: a selection that no longer fits otherwise still shows its failed job. */
export const storedExportFormat: StoredReader<Schemas['ExportRequest']['format']> = shapes.field('ExportRequest', 'format');
