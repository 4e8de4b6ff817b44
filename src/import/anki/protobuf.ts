/**
 * Just enough protobuf to read the few Anki messages the importer needs (package meta, media
 * list, note type / template / deck config blobs). Fields are collected by number; unknown ones
 * are skipped. Varints are read as JS numbers (exact up to 2^53, plenty for enums and sizes).
 */

export type ProtoValue = number | Uint8Array;

export class ProtoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtoError';
  }
}

export class ProtoMessage {
  private readonly fields = new Map<number, ProtoValue[]>();

  constructor(bytes: Uint8Array) {
    let pos = 0;
    const varint = (): number => {
      let result = 0;
      let scale = 1;
      for (let k = 0; k < 10; k++) {
        const b = bytes[pos++];
        if (b === undefined) throw new ProtoError('message ends inside a number');
        result += (b & 0x7f) * scale;
        if ((b & 0x80) === 0) return result;
        scale *= 128;
      }
      throw new ProtoError('number is longer than 10 bytes');
    };
    while (pos < bytes.length) {
      const key = varint();
      const field = Math.floor(key / 8);
      const wire = key % 8;
      if (field === 0) throw new ProtoError('field number 0');
      let value: ProtoValue;
      switch (wire) {
        case 0:
          value = varint();
          break;
        case 1:
          if (pos + 8 > bytes.length) throw new ProtoError('message ends inside a 64-bit field');
          value = bytes.subarray(pos, pos + 8);
          pos += 8;
          break;
        case 2: {
          const length = varint();
          if (pos + length > bytes.length) throw new ProtoError('message ends inside a field');
          value = bytes.subarray(pos, pos + length);
          pos += length;
          break;
        }
        case 5:
          if (pos + 4 > bytes.length) throw new ProtoError('message ends inside a 32-bit field');
          value = bytes.subarray(pos, pos + 4);
          pos += 4;
          break;
        default:
          throw new ProtoError(`unsupported wire type ${wire}`);
      }
      const list = this.fields.get(field);
      if (list) list.push(value);
      else this.fields.set(field, [value]);
    }
  }

  /** Last value wins, as in protobuf. */
  private last(field: number): ProtoValue | undefined {
    const list = this.fields.get(field);
    return list?.[list.length - 1];
  }

  has(field: number): boolean {
    return this.fields.has(field);
  }

  uint(field: number, fallback = 0): number {
    const v = this.last(field);
    return typeof v === 'number' ? v : fallback;
  }

  bytes(field: number): Uint8Array | undefined {
    const v = this.last(field);
    return v instanceof Uint8Array ? v : undefined;
  }

  string(field: number, fallback = ''): string {
    const v = this.bytes(field);
    return v ? new TextDecoder().decode(v) : fallback;
  }

  message(field: number): ProtoMessage | undefined {
    const v = this.bytes(field);
    return v ? new ProtoMessage(v) : undefined;
  }

  messages(field: number): ProtoMessage[] {
    return (this.fields.get(field) ?? []).filter((v) => v instanceof Uint8Array).map((v) => new ProtoMessage(v as Uint8Array));
  }
}
