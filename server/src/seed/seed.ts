import {
  buildCertificateIdentifier,
  citizenIdBirthDate,
  citizenIdSex,
  getCertificateType,
  maskIdNumber,
} from '@roadcert/shared';
import type { Carrier, CertificateStatus, IssueReason, Prisma, PrismaClient } from '../generated/prisma/client';
import type { FieldCrypto } from '../lib/field-crypto';
import type { KeyMaterial } from '../lib/key-material';
import { signCanonical, SIGNATURE_ALGORITHM } from '../modules/certificates';
import { creditCode, demoHolders, type DemoHolder } from './demo-holders';
import { seedDemoStaffOnce } from './staff';

/**
 * Issuing authorities (their USCCs are made up but carry correct check characters). The
 * server's embedded default for ROADCERT_ISSUING_AUTHORITIES is the same two
 * (server/src/lib/issuing-authorities.ts; a test holds them equal).
 */
export const demoAuthorities = {
  guangzhou: { name: '广州市交通运输局', code: creditCode('11440100', '00695581'), area: '440100' },
  shenzhen: { name: '深圳市交通运输局', code: creditCode('11440300', '00755066'), area: '440300' },
};

type Authority = (typeof demoAuthorities)[keyof typeof demoAuthorities];
type CertSpec = {
  typeCode: string;
  number: string;
  carrier: Carrier;
  status?: CertificateStatus;
  statusReason?: string;
  issueReason?: IssueReason;
  issuedYearsAgo: number;
  validYears: number | null;
  authority: Authority;
  extension: Record<string, unknown>;
  activated?: boolean;
  vehicleId?: string;
};

const DAY = 86_400_000;

/**
 * Seeds the demo data set once (only into an empty database): the drivers and the
 * operator of demo-holders.ts with certificates in every carrier and several states,
 * including records with missing or inconsistent fields for the completeness work.
 * Dates are relative to today so the demo stays realistic. Returns counts, or null if
 * the database already had holders.
 */
export async function seedDemoDataOnce(
  prisma: PrismaClient,
  crypto: FieldCrypto,
  today = new Date(),
  /** Signs the electronic demo certificates as issuance does (without: they carry no signature, which the compliance rules report). */
  keys?: Pick<KeyMaterial, 'signing'>,
) {
  // Staff first and on its own: a database seeded before staff existed gets them too.
  await seedDemoStaffOnce(prisma, crypto);
  if ((await prisma.holder.count()) > 0) return null;
  const day0 = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const addDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY);
  const yearsAgo = (y: number) => addDays(day0, -Math.round(y * 365.25));
  let serial = 0;

  // The operator's legal representative (matched at operator activation) is a demo person too.
  const legalRep = demoHolders.find((h) => h.key === 'operator-legal-rep')!;
  const legalRepId = crypto.sealIdNumber(legalRep.identityCode, 'legalRepId');

  return prisma.$transaction(
    async (tx) => {
      if (keys) {
        const publicKey = new Uint8Array(keys.signing.publicKey.export({ type: 'spki', format: 'der' }));
        await tx.signingKey.upsert({
          where: { kid: keys.signing.kid },
          create: { kid: keys.signing.kid, algorithm: SIGNATURE_ALGORITHM, publicKey },
          update: {},
        });
      }
      const holderIds = new Map<DemoHolder['key'], string>();
      for (const h of demoHolders) {
        const phone = crypto.sealPhone(h.phone);
        const person = h.kind === 'PERSON' ? crypto.sealIdNumber(h.identityCode) : null;
        const birth = h.kind === 'PERSON' ? citizenIdBirthDate(h.identityCode) : undefined;
        const row = await tx.holder.create({
          data: {
            kind: h.kind,
            holderTypeCode: h.kind === 'PERSON' ? '111' : '001',
            name: h.name,
            idNumberEnc: person?.enc,
            idNumberHash: person?.hash,
            idNumberMasked: person?.masked,
            creditCode: h.kind === 'OPERATOR' ? h.identityCode : null,
            phoneEnc: phone.enc,
            phoneHash: phone.hash,
            phoneMasked: phone.masked,
            gender: h.kind === 'PERSON' ? (citizenIdSex(h.identityCode) === 'MALE' ? '1' : '2') : null,
            birthDateEnc: birth ? crypto.encrypt(birth, 'birthDate') : null,
            areaCode: h.identityCode.startsWith('4403') ? '440300' : '440100',
            addressEnc: h.kind === 'OPERATOR' ? crypto.encrypt('广东省广州市白云区太和镇物流园路8号', 'address') : null,
            ...(h.kind === 'OPERATOR'
              ? (({ enc, hash }) => ({ legalRepNameEnc: enc, legalRepNameHash: hash }))(
                  crypto.sealPersonName(legalRep.name, 'legalRepName'),
                )
              : {}),
            legalRepIdEnc: h.kind === 'OPERATOR' ? legalRepId.enc : null,
            legalRepIdHash: h.kind === 'OPERATOR' ? legalRepId.hash : null,
            businessStatus: h.kind === 'OPERATOR' ? '1' : null,
          },
        });
        holderIds.set(h.key, row.id);
      }

      async function certificate(holderKey: DemoHolder['key'], spec: CertSpec) {
        const type = getCertificateType(spec.typeCode);
        if (!type) throw new Error(`unknown certificate type ${spec.typeCode}`);
        const issuedOn = yearsAgo(spec.issuedYearsAgo);
        const validUntil =
          spec.validYears === null ? null : addDays(issuedOn, Math.round(spec.validYears * 365.25) - 1);
        const status: CertificateStatus = spec.status ?? (validUntil && validUntil < day0 ? 'EXPIRED' : 'VALID');
        const personal = type.holderKind === 'PERSON';
        const number = personal
          ? crypto.sealIdNumber(spec.number, 'certificateNumber')
          : crypto.seal(spec.number, 'certificateNumber', 'certificate-number', (n) => n);
        serial += 1;
        const serialText = String(2026000 + serial);
        const electronic = spec.carrier === 'ELECTRONIC';
        const identifier = electronic
          ? buildCertificateIdentifier({
              typeCode: type.typeCode,
              issuerCode: spec.authority.code,
              serial: serialText,
              version: 1,
            })
          : null;
        const holder = demoHolders.find((h) => h.key === holderKey)!;
        const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
        const signature =
          electronic && keys
            ? signCanonical(
                {
                  typeCode: type.typeCode,
                  typeName: type.name,
                  identifier: identifier!,
                  number: spec.number,
                  holderName: holder.name,
                  holderTypeCode: holder.kind === 'PERSON' ? '111' : '001',
                  holderIdentityCode: holder.identityCode,
                  carrier: 'ELECTRONIC',
                  version: 1,
                  issueReason: spec.issueReason ?? 'INITIAL',
                  firstIssuedOn: iso(issuedOn),
                  issuedOn: iso(issuedOn)!,
                  validFrom: iso(issuedOn)!,
                  validUntil: iso(validUntil),
                  issuingAuthority: spec.authority.name,
                  issuingAuthorityCode: spec.authority.code,
                  areaCode: spec.authority.area,
                  extension: spec.extension,
                },
                keys.signing.privateKey,
              )
            : null;
        return tx.certificate.create({
          data: {
            typeCode: type.code,
            identifier,
            ...(signature
              ? {
                  signature: new Uint8Array(signature),
                  signatureAlg: SIGNATURE_ALGORITHM,
                  signatureKeyId: keys!.signing.kid,
                  signedAt: day0,
                }
              : {}),
            serial: electronic ? serialText : null,
            numberEnc: number.enc,
            // Certificate numbers are looked up per type; the blind index of an ID-number
            // certificate equals the holder's ID blind index, by design.
            numberHash: personal ? crypto.blindIndex(spec.number, 'id-number') : number.hash,
            numberMasked: personal ? maskIdNumber(spec.number) : spec.number,
            holderId: holderIds.get(holderKey)!,
            vehicleId: spec.vehicleId,
            carrier: spec.carrier,
            status,
            statusReason: spec.statusReason,
            issueReason: spec.issueReason ?? 'INITIAL',
            firstIssuedOn: issuedOn,
            issuedOn,
            validFrom: issuedOn,
            validUntil,
            issuingAuthority: spec.authority.name,
            issuingAuthorityCode: spec.authority.code,
            areaCode: spec.authority.area,
            extension: spec.extension as Prisma.InputJsonValue,
            activatedAt: spec.activated ? addDays(day0, -30) : null,
          },
        });
      }

      const id = (key: DemoHolder['key']) => demoHolders.find((h) => h.key === key)!.identityCode;
      const gz = demoAuthorities.guangzhou;
      const sz = demoAuthorities.shenzhen;

      // Drivers (从业资格证 D071 — its number is the holder's ID number).
      await certificate('driver-paper', {
        typeCode: 'D071',
        number: id('driver-paper'),
        carrier: 'PAPER',
        issuedYearsAgo: 4,
        validYears: 6,
        authority: gz,
        extension: { qualificationCategories: ['02001'], licenceClasses: 'A2', firstIssuedDate: '2009-05-20' },
      });
      await certificate('driver-ic', {
        typeCode: 'D071',
        number: id('driver-ic'),
        carrier: 'IC_CARD',
        issuedYearsAgo: 2,
        validYears: 6,
        authority: sz,
        extension: { qualificationCategories: ['01001'], licenceClasses: 'A1', firstIssuedDate: '2012-03-02' },
      });
      const oldPaper = await certificate('driver-electronic', {
        typeCode: 'D071',
        number: id('driver-electronic'),
        carrier: 'PAPER',
        status: 'REPLACED',
        statusReason: '已换发电子证照',
        issuedYearsAgo: 5,
        validYears: 6,
        authority: gz,
        extension: { qualificationCategories: ['02001'], licenceClasses: 'B2', firstIssuedDate: '2001-08-15' },
      });
      const electronic = await certificate('driver-electronic', {
        typeCode: 'D071',
        number: id('driver-electronic'),
        carrier: 'ELECTRONIC',
        issueReason: 'REPLACEMENT',
        issuedYearsAgo: 0.5,
        validYears: 6,
        authority: gz,
        activated: true,
        extension: { qualificationCategories: ['02001'], licenceClasses: 'B2', firstIssuedDate: '2001-08-15' },
      });
      await tx.certificate.update({ where: { id: oldPaper.id }, data: { replacedById: electronic.id } });
      await certificate('driver-ride-hailing', {
        typeCode: 'D072',
        number: id('driver-ride-hailing'),
        carrier: 'ELECTRONIC',
        issuedYearsAgo: 1,
        validYears: 6,
        authority: gz,
        extension: { qualificationCategories: ['09003'], licenceClasses: 'C1', firstIssuedDate: '2014-06-11' },
      });
      await certificate('driver-missing-data', {
        typeCode: 'D071',
        number: id('driver-missing-data'),
        carrier: 'PAPER',
        issuedYearsAgo: 3,
        validYears: 6,
        authority: gz,
        extension: { qualificationCategories: ['02001'], firstIssuedDate: '2015-03-18' },
      });
      await certificate('driver-mismatch', {
        typeCode: 'D071',
        number: id('driver-mismatch'),
        carrier: 'IC_CARD',
        issuedYearsAgo: 1.5,
        validYears: 6,
        authority: sz,
        extension: { qualificationCategories: ['01001'], licenceClasses: 'B2', firstIssuedDate: '2006-10-09' },
      });
      await certificate('driver-lapsed', {
        typeCode: 'D071',
        number: id('driver-lapsed'),
        carrier: 'PAPER',
        issuedYearsAgo: 6.6,
        validYears: 6,
        authority: gz,
        extension: { qualificationCategories: ['02001'], licenceClasses: 'A2', firstIssuedDate: '1999-04-01' },
      });

      // The operator: 经营许可证 D008 and its vehicles' 道路运输证 D013.
      const licenceNo = '粤交运管许可穗字440100151081号';
      await certificate('operator', {
        typeCode: 'D008',
        number: licenceNo,
        carrier: 'ELECTRONIC',
        issuedYearsAgo: 1,
        validYears: 4,
        authority: gz,
        activated: true,
        extension: {
          businessScope: ['021', '022'],
          economicType: '159',
          legalRepresentative: '黄建国',
          address: '广东省广州市白云区太和镇物流园路8号',
        },
      });
      const fleet = [
        {
          plate: '粤A3K7Q2',
          colour: '2',
          type: 'H11',
          capacity: '18吨',
          dims: [11_980, 2_550, 3_980],
          carrier: 'ELECTRONIC',
          activated: true,
        },
        {
          plate: '粤A6M2X9',
          colour: '2',
          type: 'H11',
          capacity: '18吨',
          dims: [11_980, 2_550, 3_980],
          carrier: 'ELECTRONIC',
          activated: false,
        },
        {
          plate: '粤AD12345',
          colour: '93',
          type: 'H21',
          capacity: '4.2吨',
          dims: [5_995, 2_100, 2_850],
          carrier: 'PAPER',
          activated: false,
        },
        {
          plate: '粤A8N5T1',
          colour: '2',
          type: 'Q11',
          capacity: '40吨',
          dims: [6_950, 2_500, 3_600],
          carrier: 'PAPER',
          activated: false,
        },
        { plate: '粤A1R8W6', colour: '2', type: 'H11', capacity: '', dims: null, carrier: 'IC_CARD', activated: false },
      ] as const;
      let n = 165715;
      for (const v of fleet) {
        const vehicle = await tx.vehicle.create({
          data: {
            operatorId: holderIds.get('operator')!,
            plateNumber: v.plate,
            plateColour: v.colour,
            vehicleTypeCode: v.type,
            capacity: v.capacity || null,
            lengthMm: v.dims?.[0],
            widthMm: v.dims?.[1],
            heightMm: v.dims?.[2],
          },
        });
        n += 1;
        await certificate('operator', {
          typeCode: 'D013',
          number: `粤交运管穗字440100${n}号`,
          carrier: v.carrier,
          issuedYearsAgo: 1.2,
          validYears: 4,
          authority: gz,
          activated: v.activated,
          vehicleId: vehicle.id,
          // Keys are the registry's field keys (D013). The IC-card vehicle lacks tonnage and
          // dimensions: a completeness task.
          extension: {
            plateNumber: v.plate,
            plateColour: v.colour,
            vehicleType: v.type,
            operatingLicenceNumber: licenceNo,
            ...(v.capacity ? { capacity: v.capacity } : {}),
            ...(v.dims ? { dimensions: v.dims.join('×') } : {}),
            businessScope: ['021'],
          },
        });
      }

      return {
        holders: await tx.holder.count(),
        vehicles: await tx.vehicle.count(),
        certificates: await tx.certificate.count(),
      };
    },
    { timeout: 60_000 },
  );
}
