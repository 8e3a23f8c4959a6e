import { type FlateError, FlateErrorCode, Unzip, UnzipInflate, unzipSync } from 'fflate';

/**
 * What an uploaded ZIP (a zipped shapefile, an XLSX workbook) may unpack to. A real upload stays far below:
 * Berlin's 542 planning areas are 3.6 MB unpacked, its .dbf compressed 27:1. A ZIP bomb (a few KB that
 * unpack to gigabytes) or an archive whose directory understates its entries is refused before it fills memory.
 */
export const ZIP_LIMITS = {
  entries: 100,
  /** Unpacked bytes of all entries together, as declared and as actually inflated. */
  totalBytes: 200 * 1024 * 1024,
  /** Unpacked ÷ packed size of one entry, checked once an entry is larger than `ratioFrom`. */
  ratio: 200,
  ratioFrom: 1024 * 1024,
};
export type ZipLimits = typeof ZIP_LIMITS;

/** The archive breaks a limit or cannot be read; the message says which and why, for the import's report. */
export class ArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveError';
  }
}

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * The entries `keep` wants (directories left out), unpacked. First the central directory is checked against
 * the limits (entry count, declared sizes, ratio) without unpacking anything; then each wanted entry is
 * inflated as a stream that stops as soon as it passes its declared size or the limit.
 */
export function unzipWithinLimits(zip: Buffer, keep: (name: string) => boolean = () => true, limits: ZipLimits = ZIP_LIMITS): Map<string, Buffer> {
  const declared = declaredEntries(zip, limits);
  const files = new Map<string, Buffer>();
  let total = 0;
  let refusal: ArchiveError | undefined;
  const unzip = new Unzip((file) => {
    const entry = declared.get(file.name);
    if (refusal || !entry || file.name.endsWith('/') || !keep(file.name)) return;
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (error, chunk, final) => {
      if (refusal) return;
      if (error) {
        refusal = new ArchiveError(`cannot read the ZIP archive: ${reason(error)} in ${file.name}`);
        return;
      }
      size += chunk.length;
      total += chunk.length;
      if (size > entry.originalSize) {
        refusal = new ArchiveError(`${file.name} unpacks to more than the ${entry.originalSize} bytes the archive declares for it`);
      } else if (total > limits.totalBytes) {
        refusal = new ArchiveError(`the archive unpacks to more than ${mb(limits.totalBytes)}`);
      }
      if (refusal) {
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) files.set(file.name, Buffer.concat(chunks, size));
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    unzip.push(zip, true);
  } catch (e) {
    refusal ??= new ArchiveError(`cannot read the ZIP archive: ${reason(e)}`);
  }
  if (refusal) throw refusal;
  for (const [name, entry] of declared) {
    const data = files.get(name);
    if (data && data.length !== entry.originalSize) throw new ArchiveError(`${name} unpacks to ${data.length} bytes, not the ${entry.originalSize} the archive declares`);
  }
  return files;
}

interface DeclaredEntry {
  size: number;
  originalSize: number;
}

/** The central directory's entries, checked against the limits; nothing is unpacked. */
function declaredEntries(zip: Buffer, limits: ZipLimits): Map<string, DeclaredEntry> {
  const entries = new Map<string, DeclaredEntry>();
  let total = 0;
  try {
    unzipSync(zip, {
      filter: ({ name, size, originalSize }) => {
        if (entries.size >= limits.entries) throw new ArchiveError(`the archive has more than ${limits.entries} entries`);
        total += originalSize;
        if (total > limits.totalBytes) throw new ArchiveError(`the archive declares more than ${mb(limits.totalBytes)} unpacked`);
        if (originalSize > limits.ratioFrom && originalSize > size * limits.ratio) {
          throw new ArchiveError(`${name} is compressed more than ${limits.ratio}:1 (${mb(size)} to ${mb(originalSize)}), as no real file is`);
        }
        entries.set(name, { size, originalSize });
        return false;
      },
    });
  } catch (e) {
    if (e instanceof ArchiveError) throw e;
    throw new ArchiveError(`cannot read the ZIP archive: ${reason(e)}`);
  }
  return entries;
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
