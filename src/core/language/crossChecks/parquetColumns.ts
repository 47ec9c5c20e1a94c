// The top-level column names of a Parquet file, from its footer alone: the file ends with the
// Thrift-encoded (compact protocol) FileMetaData, its length and "PAR1". Only the schema list is
// decoded; everything else is skipped. This keeps DuckDB (a native module that takes a while to
// load) out of the language server. Any surprise gives undefined, never an exception.
import type { FileHandle } from 'node:fs/promises';

/** A footer larger than this is not read (schemas are kilobytes; this is a corrupt length). */
const MAX_FOOTER_BYTES = 16 * 1024 * 1024;

const enum CompactType {
  Stop = 0,
  True = 1,
  False = 2,
  Byte = 3,
  I16 = 4,
  I32 = 5,
  I64 = 6,
  Double = 7,
  Binary = 8,
  List = 9,
  Set = 10,
  Map = 11,
  Struct = 12,
}

class CompactReader {
  private offset = 0;

  constructor(private readonly bytes: Buffer) {}

  private byte(): number {
    if (this.offset >= this.bytes.length) throw new Error('Parquet footer ends early');
    return this.bytes[this.offset++];
  }

  varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
      if (shift > 63) throw new Error('Bad varint in the Parquet footer');
    }
  }

  zigzag(): number {
    const n = this.varint();
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  }

  binary(): string {
    const length = this.varint();
    const end = this.offset + length;
    if (end > this.bytes.length) throw new Error('Parquet footer ends early');
    const text = this.bytes.toString('utf8', this.offset, end);
    this.offset = end;
    return text;
  }

  /**
   * Calls `onField(id, type)` for each field of a struct; the callback reads or skips the value,
   * and returns true to stop reading here (the rest of the struct is never needed).
   */
  struct(onField: (id: number, type: number) => boolean | void): void {
    let lastId = 0;
    for (;;) {
      const header = this.byte();
      const type = header & 0x0f;
      if (type === CompactType.Stop) return;
      const delta = header >> 4;
      const id = delta === 0 ? this.zigzag() : lastId + delta;
      lastId = id;
      if (onField(id, type) === true) return;
    }
  }

  listHeader(): { size: number; type: number } {
    const header = this.byte();
    const small = header >> 4;
    return { size: small === 15 ? this.varint() : small, type: header & 0x0f };
  }

  skip(type: number, inCollection = false): void {
    switch (type) {
      case CompactType.True:
      case CompactType.False:
        // Booleans are in the field header, except inside lists, sets and maps (one byte each).
        if (inCollection) this.byte();
        return;
      case CompactType.Byte:
        this.byte();
        return;
      case CompactType.I16:
      case CompactType.I32:
      case CompactType.I64:
        this.varint();
        return;
      case CompactType.Double:
        this.offset += 8;
        return;
      case CompactType.Binary: {
        // Read the length first: `offset += varint()` would add to the offset before the varint.
        const length = this.varint();
        this.offset += length;
        return;
      }
      case CompactType.List:
      case CompactType.Set: {
        const { size, type: element } = this.listHeader();
        for (let i = 0; i < size; i++) this.skip(element, true);
        return;
      }
      case CompactType.Map: {
        const size = this.varint();
        if (size === 0) return;
        const kinds = this.byte();
        for (let i = 0; i < size; i++) {
          this.skip(kinds >> 4, true);
          this.skip(kinds & 0x0f, true);
        }
        return;
      }
      case CompactType.Struct:
        this.struct((_, t) => {
          this.skip(t);
        });
        return;
      default:
        throw new Error(`Unknown Thrift type ${type} in the Parquet footer`);
    }
  }
}

interface SchemaElement {
  name: string;
  children: number;
}

/** The schema list of a FileMetaData (field 2), depth first, the root first. */
function readSchema(footer: Buffer): SchemaElement[] | undefined {
  const reader = new CompactReader(footer);
  let schema: SchemaElement[] | undefined;
  reader.struct((id, type) => {
    if (id !== 2 || type !== CompactType.List) {
      reader.skip(type);
      return false;
    }
    const { size, type: element } = reader.listHeader();
    schema = [];
    for (let i = 0; i < size; i++) {
      if (element !== CompactType.Struct) throw new Error('Unexpected Parquet schema');
      const item: SchemaElement = { name: '', children: 0 };
      reader.struct((field, t) => {
        if (field === 4 && t === CompactType.Binary) item.name = reader.binary();
        else if (field === 5 && t === CompactType.I32) item.children = reader.zigzag();
        else reader.skip(t);
        return false;
      });
      schema.push(item);
    }
    return true; // row groups and key-value metadata follow: not needed
  });
  return schema;
}

/** The top-level column names (a nested column counts once, by its own name). */
export function topLevelColumns(schema: SchemaElement[]): string[] {
  const names: string[] = [];
  const root = schema[0];
  let index = 1;
  const skipSubtree = (): void => {
    const node = schema[index++];
    for (let c = 0; c < (node?.children ?? 0); c++) skipSubtree();
  };
  for (let c = 0; c < (root?.children ?? 0) && index < schema.length; c++) {
    names.push(schema[index].name);
    skipSubtree();
  }
  return names;
}

/** Column names of the Parquet file open in `handle`; undefined when its footer cannot be read. */
export async function parquetColumns(handle: FileHandle): Promise<string[] | undefined> {
  try {
    const { size } = await handle.stat();
    if (size < 12) return undefined;
    const tail = Buffer.alloc(8);
    await handle.read(tail, 0, 8, size - 8);
    if (tail.toString('latin1', 4) !== 'PAR1') return undefined;
    const length = tail.readUInt32LE(0);
    if (length <= 0 || length > MAX_FOOTER_BYTES || length > size - 12) return undefined;
    const footer = Buffer.alloc(length);
    await handle.read(footer, 0, length, size - 8 - length);
    const schema = readSchema(footer);
    const columns = schema ? topLevelColumns(schema) : [];
    return columns.length > 0 ? columns : undefined;
  } catch {
    return undefined;
  }
}
