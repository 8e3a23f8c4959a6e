import { ArchiveError, unzipWithinLimits } from '../archive';
import { GeodataError } from './types';

// The ZIP is read by fflate within the upload limits (../archive.ts); the .shp and .dbf inside are read by
// shp.ts and dbf.ts (see shapefile.ts for why).

/** File name → contents of the entries `keep` wants, directories left out. */
export function readZip(zip: Buffer, keep?: (name: string) => boolean): Map<string, Buffer> {
  try {
    return unzipWithinLimits(zip, keep);
  } catch (e) {
    if (e instanceof ArchiveError) throw GeodataError.file(e.message);
    throw e;
  }
}
