import { type FlateError, FlateErrorCode, Unzip, type UnzipFile, UnzipInflate, unzipSync } from 'fflate';

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
  const state: Inflating = { total: 0 };
  const unzip = new Unzip((file) => {
    const entry = declared.get(file.name);
    if (state.refusal || !entry || file.name.endsWith('/') || !keep(file.name)) return;
    const chunks: Uint8Array[] = [];
    inflateCounted(file, entry.originalSize, state, limits, (chunk, final, size) => {
      chunks.push(chunk);
      if (final) files.set(file.name, Buffer.concat(chunks, size));
      return undefined;
    });
  });
  unzip.register(UnzipInflate);
  try {
    unzip.push(zip, true);
  } catch (e) {
    state.refusal ??= new ArchiveError(`cannot read the ZIP archive: ${reason(e)}`);
  }
  if (state.refusal) throw state.refusal;
  for (const [name, entry] of declared) {
    const data = files.get(name);
    if (data && data.length !== entry.originalSize) throw new ArchiveError(`${name} unpacks to ${data.length} bytes, not the ${entry.originalSize} the archive declares`);
  }
  return files;
}

/**
 * The same limits for an archive read as a stream (an XLSX import job): nothing is kept. Each entry is inflated
 * and counted as its bytes come, so an archive that breaks a limit is refused before a reader that trusts it
 * (exceljs) unpacks it. Entries that declare their sizes are held to them; entries written with a data
 * descriptor (sizes after the data) are held to the ratio of all bytes inflated to all bytes read.
 */
export async function checkZipStream(chunks: AsyncIterable<Uint8Array>, limits: ZipLimits = ZIP_LIMITS): Promise<void> {
  let entries = 0;
  let packed = 0;
  const state: Inflating = { total: 0 };
  const unzip = new Unzip((file) => {
    if (state.refusal || file.name.endsWith('/')) return;
    if (++entries > limits.entries) {
      state.refusal = new ArchiveError(`the archive has more than ${limits.entries} entries`);
      return;
    }
    const { size: declaredPacked, originalSize: declared } = file;
    if (declared !== undefined && declaredPacked !== undefined && declared > limits.ratioFrom && declared > declaredPacked * limits.ratio) {
      state.refusal = new ArchiveError(`${file.name} is compressed more than ${limits.ratio}:1 (${mb(declaredPacked)} to ${mb(declared)}), as no real file is`);
      return;
    }
    inflateCounted(file, declared, state, limits, () =>
      declared === undefined && state.total > limits.ratioFrom && state.total > packed * limits.ratio
        ? new ArchiveError(`${file.name} is compressed more than ${limits.ratio}:1, as no real file is`)
        : undefined,
    );
  });
  unzip.register(UnzipInflate);
  try {
    for await (const chunk of chunks) {
      packed += chunk.length;
      unzip.push(chunk);
      if (state.refusal) break;
    }
    if (!state.refusal) unzip.push(new Uint8Array(0), true);
  } catch (e) {
    state.refusal ??= new ArchiveError(`cannot read the ZIP archive: ${reason(e)}`);
  }
  if (state.refusal) throw state.refusal;
  if (entries === 0) throw new ArchiveError('cannot read the ZIP archive: not a ZIP file, or a damaged one');
}

/** What inflating an archive has come to: all bytes unpacked so far, and the first limit broken. */
interface Inflating {
  total: number;
  refusal?: ArchiveError;
}

/**
 * Inflates one entry, counting its bytes (against what it declares) and all bytes (against the total);
 * `each` sees every chunk and may refuse too. The first refusal stops the entry, and every later one.
 */
function inflateCounted(
  file: UnzipFile,
  declared: number | undefined,
  state: Inflating,
  limits: ZipLimits,
  each: (chunk: Uint8Array, final: boolean, size: number) => ArchiveError | undefined,
): void {
  let size = 0;
  file.ondata = (error, chunk, final) => {
    if (state.refusal) return;
    if (error) {
      state.refusal = new ArchiveError(`cannot read the ZIP archive: ${reason(error)} in ${file.name}`);
      return;
    }
    size += chunk.length;
    state.total += chunk.length;
    if (declared !== undefined && size > declared) {
      state.refusal = new ArchiveError(`${file.name} unpacks to more than the ${declared} bytes the archive declares for it`);
    } else if (state.total > limits.totalBytes) {
      state.refusal = new ArchiveError(`the archive unpacks to more than ${mb(limits.totalBytes)}`);
    } else {
      state.refusal = each(chunk, final, size);
    }
    if (state.refusal) file.terminate();
  };
  file.start();
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
