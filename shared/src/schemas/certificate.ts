import { z } from 'zod';
import { carrierList, certificateStatusList } from '../domain/codes';
import { isoDateSchema } from './common';
import { certificateAccessRoleList } from './operators';

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
  /** Set when the certificate is the operator's the caller is a member of (null: the caller's own). */
  operatorName: z.string().nullable().optional(),
  /**
   * The caller's role for that operator: VIEWER may only look; DRIVER (随车人员) may look at
   * and present the certificates of the vehicle assigned to them, nothing else.
   */
  operatorRole: z.enum(certificateAccessRoleList).nullable().optional(),
});
export type CertificateSummary = z.infer<typeof certificateSummarySchema>;

export const certificateListSchema = z.object({ items: z.array(certificateSummarySchema) });
export type CertificateList = z.infer<typeof certificateListSchema>;
