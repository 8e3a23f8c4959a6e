import { type FlateError, FlateErrorCode, unzipSync } from 'fflate';
import { GeodataError } from './types';

// The ZIP is read by fflate (unzipSync: stored and deflated entries, ZIP64); this file only turns its result and
// errors into ours. The .shp and .dbf inside are read by shp.ts and dbf.ts (see shapefile.ts for why).

/** File name → contents, directories left out. */
export function readZip(zip: Buffer): Map<string, Buffer> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip, { filter: (file) => !file.name.endsWith('/') });
  } catch (e) {
    throw GeodataError.file(`cannot read the ZIP archive: ${reason(e)}`);
  }
  const files = new Map<string, Buffer>();
  for (const [name, data] of Object.entries(entries)) {
    files.set(name, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }
  return files;
}

function reason(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const code = (e as Partial<FlateError>).code;
  // fflate says "invalid zip data" both when there is no ZIP directory at all and when it is cut short.
  if (code === FlateErrorCode.InvalidZipData) return 'not a ZIP file, or a damaged one';
  // fflate ignores the encryption flag, so a password-protected entry fails (or passes as garbage) when inflated.
  if (code !== undefined && code <= FlateErrorCode.InvalidDistance) return `${e.message} (a damaged or encrypted entry)`;
  return e.message;
}
