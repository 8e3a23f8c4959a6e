import { inflateRawSync } from 'node:zlib';
import { GeodataError } from './types';

// A minimal ZIP reader (stored + deflate, no ZIP64, no encryption). shpjs 6.2's CommonJS build cannot load in
// Node (it references the browser global `self`), so shapefiles are unzipped and parsed here.

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** File name → contents, directories left out. */
export function readZip(zip: Buffer): Map<string, Buffer> {
  const eocd = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== CENTRAL) throw broken('bad central directory entry');
    const flags = zip.readUInt16LE(offset + 8);
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString(flags & 0x800 ? 'utf8' : 'latin1', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
    if (name.endsWith('/')) continue;
    if (flags & 1) throw broken(`"${name}" is encrypted`);
    if (compressedSize === 0xffffffff) throw broken('ZIP64 archives are not supported');
    files.set(name, entryData(zip, localOffset, compressedSize, method, name));
  }
  return files;
}

function entryData(zip: Buffer, localOffset: number, size: number, method: number, name: string): Buffer {
  if (zip.readUInt32LE(localOffset) !== LOCAL) throw broken(`bad local header for "${name}"`);
  const start = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
  const data = zip.subarray(start, start + size);
  if (method === 0) return data;
  if (method === 8) return inflateRawSync(data);
  throw broken(`"${name}" uses unsupported compression method ${method}`);
}

function findEndOfCentralDirectory(zip: Buffer): number {
  const lowest = Math.max(0, zip.length - 22 - 0xffff);
  for (let i = zip.length - 22; i >= lowest; i--) {
    if (zip.readUInt32LE(i) === EOCD) return i;
  }
  throw broken('not a ZIP file');
}

function broken(reason: string): GeodataError {
  return GeodataError.file(`cannot read the ZIP archive: ${reason}`);
}
