import { z } from 'zod';
import { carrierList, certificateStatusList, holderKindList } from '../domain/codes';
import { isoDateSchema } from './common';

/** One certificate as the holder's list shows it. Personal numbers are masked. */
export const certificateSummarySchema = z.object({
  id: z.string(),
  typeCode: z.string().describe('Ministry type code suffix, e.g. D071'),
  typeName: z.string(),
  /** Certificate number, masked where it is personal (从业资格证号 = ID number). */
  numberMasked: z.string(),
  carrier: z.enum(carrierList),
  status: z.enum(certificateStatusList),
  validFrom: isoDateSchema,
  validUntil: isoDateSchema.nullable(),
  issuingAuthority: z.string(),
  /** Vehicle plate for 道路运输证 / 网约车运输证. */
  plateNumber: z.string().nullable(),
  activated: z.boolean(),
});
export type CertificateSummary = z.infer<typeof certificateSummarySchema>;

export const certificateListSchema = z.object({ items: z.array(certificateSummarySchema) });
export type CertificateList = z.infer<typeof certificateListSchema>;

/** The signed-in holder, as shown in the header. */
export const holderProfileSchema = z.object({
  id: z.string(),
  kind: z.enum(holderKindList),
  nameMasked: z.string(),
  /** True while sign-in is the demo stand-in (until real identity lands). */
  demo: z.boolean(),
});
export type HolderProfile = z.infer<typeof holderProfileSchema>;
