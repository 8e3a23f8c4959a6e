import { useQuery } from '@tanstack/react-query';
import { type Api, unwrap } from '../../api/client';
import { useApi } from '../../api/context';
import type { components } from '../../generated/monitoring';
import type { ImportView } from './import-texts';

export type ValuePreview = components['schemas']['ValuePreview'];
export type PreviewOptions = Omit<components['schemas']['ValuePreviewForm'], 'file'>;
export type ImportMapping = components['schemas']['ImportMapping'];
export type WideMapping = Extract<ImportMapping, { layout: 'wide' }>;
export type LongMapping = Extract<ImportMapping, { layout: 'long' }>;
export type ReleaseInput = components['schemas']['ReleaseInput'];

function formOf(file: File, fields: Record<string, unknown>): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined && value !== '') form.append(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return form;
}

/** The table as the service reads it, with its suggested mapping; nothing is stored. */
export function previewFile(api: Api, file: File, options: PreviewOptions): Promise<ValuePreview> {
  const form = formOf(file, options);
  // openapi-fetch sends a FormData as it is; the browser sets the multipart boundary.
  return unwrap(api.monitoring.POST('/v1/imports/values/preview', { body: form as never, bodySerializer: () => form }));
}

/** Uploads the file with the confirmed mapping; the import runs as a background job. */
export function startImport(api: Api, file: File, fields: { release: ReleaseInput; mapping: ImportMapping; acceptValidRows: boolean }, idempotencyKey: string): Promise<ImportView> {
  const form = formOf(file, fields);
  return unwrap(
    api.monitoring.POST('/v1/imports/values', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body: form as never, bodySerializer: () => form }),
  );
}

export type SpaceImportFields = Omit<components['schemas']['SpaceImportForm'], 'file'>;

/** Uploads a GeoJSON file or a zipped shapefile of spaces; the import runs as a background job. */
export function startSpaceImport(api: Api, file: File, fields: SpaceImportFields, idempotencyKey: string): Promise<ImportView> {
  const form = formOf(file, fields);
  return unwrap(
    api.monitoring.POST('/v1/imports/spaces', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body: form as never, bodySerializer: () => form }),
  );
}

const finished = (status: ImportView['status'] | undefined) => status === 'succeeded' || status === 'rejected' || status === 'failed';

/** An import, asked again every second until it has finished. */
export function useImport(id: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: ['imports', id],
    enabled: id !== undefined,
    queryFn: () => unwrap(api.monitoring.GET('/v1/imports/{id}', { params: { path: { id: id! } } })),
    refetchInterval: (query) => (finished(query.state.data?.status) ? false : 1000),
  });
}

export function useIndicators() {
  const api = useApi();
  return useQuery({ queryKey: ['indicators'], queryFn: () => unwrap(api.monitoring.GET('/v1/indicators')), staleTime: 60_000 });
}
