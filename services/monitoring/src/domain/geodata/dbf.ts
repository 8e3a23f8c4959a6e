import { TextDecoder } from 'node:util';
import { GeodataError } from './types';

interface Field {
  name: string;
  type: string;
  offset: number;
  length: number;
}

/** Attribute records of a dBASE III file, in file order (deleted records included, as the .shp keeps them). */
export function readDbf(dbf: Buffer, cpg?: string): Record<string, unknown>[] {
  if (dbf.length < 32) throw GeodataError.file('the .dbf file is too short');
  const count = dbf.readUInt32LE(4);
  const headerLength = dbf.readUInt16LE(8);
  const recordLength = dbf.readUInt16LE(10);
  if (headerLength < 33 || headerLength > dbf.length) throw GeodataError.file(`the .dbf header promises ${headerLength} header bytes, but the file holds ${dbf.length}`);
  const fields = readFields(dbf, headerLength);
  const fieldBytes = fields.reduce((sum, field) => sum + field.length, 1);
  if (fieldBytes > recordLength) throw GeodataError.file(`the .dbf fields need ${fieldBytes} bytes per record, but its records have ${recordLength}`);
  // The records must be there: a header that promises more (a cut-off file, a forged count) is refused.
  if (headerLength + count * recordLength > dbf.length) {
    throw GeodataError.file(`the .dbf header promises ${count} records of ${recordLength} bytes, but the file holds only ${dbf.length - headerLength} bytes of records`);
  }
  const decode = decoderFor(cpg);
  const records: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const start = headerLength + i * recordLength;
    const record: Record<string, unknown> = {};
    for (const field of fields) {
      const raw = dbf.subarray(start + field.offset, start + field.offset + field.length);
      record[field.name] = fieldValue(field.type, decode(raw).trim());
    }
    records.push(record);
  }
  return records;
}

function readFields(dbf: Buffer, headerLength: number): Field[] {
  const fields: Field[] = [];
  let offset = 1; // byte 0 of each record is the deletion flag
  for (let pos = 32; pos + 32 <= headerLength && dbf[pos] !== 0x0d; pos += 32) {
    const nameEnd = dbf.indexOf(0, pos);
    const name = dbf.toString('latin1', pos, nameEnd >= pos && nameEnd < pos + 11 ? nameEnd : pos + 11);
    const length = dbf.readUInt8(pos + 16);
    fields.push({ name, type: String.fromCharCode(dbf.readUInt8(pos + 11)), offset, length });
    offset += length;
  }
  return fields;
}

function fieldValue(type: string, text: string): unknown {
  if (text === '') return null;
  switch (type) {
    case 'N':
    case 'F': {
      const n = Number(text);
      return Number.isFinite(n) ? n : null;
    }
    case 'L':
      return /^[TY]$/i.test(text) ? true : /^[FN]$/i.test(text) ? false : null;
    case 'D':
      return /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}` : text;
    default:
      return text;
  }
}

/** The .cpg names the text encoding; without one, UTF-8 is tried before Windows-1252 (ArcGIS' old default). */
function decoderFor(cpg: string | undefined): (bytes: Buffer) => string {
  const label = cpg?.trim().toLowerCase();
  if (label && !/^(utf-?8|65001)$/.test(label)) {
    const name = /^\d+$/.test(label) ? `windows-${label}` : label;
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(name);
    } catch {
      throw GeodataError.file(`the .cpg names an unknown encoding "${cpg?.trim()}"`);
    }
    return (bytes) => decoder.decode(bytes);
  }
  if (label) {
    const lenient = new TextDecoder('utf-8'); // a field may end inside a multi-byte character
    return (bytes) => lenient.decode(bytes);
  }
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const fallback = new TextDecoder('windows-1252');
  return (bytes) => {
    try {
      return utf8.decode(bytes);
    } catch {
      return fallback.decode(bytes);
    }
  };
}
