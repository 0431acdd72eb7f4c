import { maskIdNumber } from '@roadcert/shared';
import type { FieldCrypto } from '../../lib/field-crypto';
import { uuidv7 } from '../../lib/uuidv7';
import type { ParsedRow, RowError, StockRecord } from './parse-row';
import type {
  CertificateInput,
  ChunkInput,
  OperatorHolderInput,
  PersonHolderInput,
  VehicleInput,
} from './stock-chunk.repo';

/**
 * The JS half of a chunk, done while the previous chunk is in the database: duplicates within
 * the chunk resolved (the newest 更新时间 wins; on a tie the first line), numbers sealed and
 * blind-indexed, holders and vehicles deduplicated. Personal numbers leave this function only
 * encrypted, blind-indexed or masked.
 */
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export function prepareChunk(
  importId: string,
  rows: ParsedRow[],
  crypto: Pick<FieldCrypto, 'encrypt' | 'blindIndex'>,
): ChunkInput {
  const errors: RowError[] = [];
  const byKey = new Map<string, StockRecord>();
  let failed = 0;
  let valid = 0;
  for (const row of rows) {
    if (!row.ok) {
      failed += 1;
      errors.push(...row.errors);
      continue;
    }
    valid += 1;
    const key = crypto.blindIndex(`${row.record.typeCode}:${row.record.number}`, 'stock-key');
    const seen = byKey.get(key);
    if (!seen || seen.sourceUpdatedAt < row.record.sourceUpdatedAt) byKey.set(key, row.record);
  }

  const persons = new Map<string, PersonHolderInput>();
  const operators = new Map<string, OperatorHolderInput>();
  const vehicles = new Map<string, VehicleInput>();
  const certificates: CertificateInput[] = [];
  for (const [stockKey, record] of byKey) {
    const h = record.holder;
    let hkey: string;
    if (h.kind === 'PERSON') {
      hkey = crypto.blindIndex(h.idNumber, 'id-number');
      if (!persons.has(hkey))
        persons.set(hkey, {
          id: uuidv7(),
          name: h.name,
          enc: b64(crypto.encrypt(h.idNumber, 'idNumber')),
          hash: hkey,
          masked: maskIdNumber(h.idNumber),
          gender: h.gender,
          // Sealed like the ID it derives from (docs/retention.md, "Personal fields at rest").
          birth: h.birthDate === null ? null : b64(crypto.encrypt(h.birthDate, 'birthDate')),
          area: h.idNumber.slice(0, 6),
        });
    } else {
      hkey = h.creditCode;
      if (!operators.has(hkey)) operators.set(hkey, { id: uuidv7(), name: h.name, code: hkey, area: hkey.slice(2, 8) });
    }
    const v = record.vehicle;
    const vkey = v ? `${v.plateNumber}|${v.plateColour}` : null;
    if (v && vkey && !vehicles.has(vkey))
      vehicles.set(vkey, { id: uuidv7(), hkey, plate: v.plateNumber, colour: v.plateColour, vtype: v.vehicleTypeCode });
    certificates.push({
      id: uuidv7(),
      oid: uuidv7(),
      type: record.typeCode,
      enc: b64(crypto.encrypt(record.number, 'certificateNumber')),
      // A 从业资格证 number is usually the holder's ID number: its blind index is the holder key.
      hash:
        record.personal && h.kind === 'PERSON' && record.number === h.idNumber
          ? hkey
          : crypto.blindIndex(record.number, record.personal ? 'id-number' : 'certificate-number'),
      masked: record.personal ? maskIdNumber(record.number) : record.number,
      hkey,
      vkey,
      carrier: record.carrier,
      status: record.status,
      issued: record.issuedOn,
      first: record.firstIssuedOn,
      vfrom: record.validFrom,
      vuntil: record.validUntil,
      auth: record.issuingAuthority,
      authcode: record.issuingAuthorityCode,
      area: record.areaCode,
      ext: record.extension,
      skey: stockKey,
      src: record.sourceUpdatedAt.toISOString(),
    });
  }
  return {
    importId,
    persons: [...persons.values()],
    operators: [...operators.values()],
    vehicles: [...vehicles.values()],
    certificates,
    errors: errors.map((e) => ({ row: e.line, col: e.column.slice(0, 60), reason: e.reason.slice(0, 300) })),
    rows: rows.length,
    valid,
    failed,
  };
}
