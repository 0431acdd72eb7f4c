import {
  checkCompliance,
  complianceFieldLabel,
  applicationRequirements,
  getCertificateType,
  type ApplicationKind,
  type CertificateTypeCode,
  type ComplianceResultView,
  type ComplianceSubject,
} from '@roadcert/shared';
import { AppError } from '../../errors';
import type { FieldCrypto } from '../../lib/field-crypto';
import type { ApplicationRepo } from './applications.repo';
import { extensionFor } from './issuance-terms';

/**
 * The compliance rules on an application's form (stage 'submit', shared/src/compliance): the
 * would-be electronic certificate with the applicant's data — the holder sees the failures
 * before submitting, a blocking one refuses the submit and the approval (422
 * COMPLIANCE_BLOCKED), and the reviewer sees them beside the diff. docs/compliance.md.
 */
export type ApplicationForCheck = {
  typeCode: string;
  holderId: string;
  areaCode: string;
  formData: unknown;
  baseCertificateId: string | null;
  hasPortrait: boolean;
  /**
   * The application asks for a portrait (its 一次性告知 lists one). When it does not (a 变更
   * keeps the base's portrait), a base without one is not the applicant's to fix here: the
   * portrait rules are skipped, and the issued certificate's recheck opens the portrait task.
   */
  photoAsked: boolean;
};

export function createApplicationCompliance(deps: { fieldCrypto: FieldCrypto; applications: ApplicationRepo }) {
  async function check(app: ApplicationForCheck): Promise<ComplianceResultView> {
    const type = getCertificateType(app.typeCode);
    if (!type) return { compliant: true, failures: [] };
    const [holder, base] = await Promise.all([
      deps.applications.holder(app.holderId),
      app.baseCertificateId ? deps.applications.certificate(app.baseCertificateId) : null,
    ]);
    let idNumber: string | null = null;
    if (holder.idNumberEnc) {
      try {
        idNumber = deps.fieldCrypto.decrypt(holder.idNumberEnc, 'idNumber');
      } catch {
        idNumber = null;
      }
    }
    const subject: ComplianceSubject = {
      typeCode: type.code,
      carrier: 'ELECTRONIC',
      status: 'VALID',
      number: null,
      identifier: null,
      signaturePresent: false,
      issuedOn: null,
      validFrom: null,
      validUntil: null,
      issuingAuthority: null,
      issuingAuthorityCode: null,
      areaCode: base?.areaCode ?? app.areaCode,
      extension: extensionFor(type, base, app.formData),
      holder: {
        id: holder.id,
        kind: holder.kind,
        name: holder.name,
        ...(holder.kind === 'PERSON'
          ? { idNumber }
          : { creditCode: holder.creditCode, businessStatus: holder.businessStatus }),
      },
      portrait: type.photo && app.photoAsked ? (app.hasPortrait ? { accepted: true } : null) : undefined,
    };
    const result = checkCompliance(subject, { stage: 'submit' });
    return {
      compliant: result.compliant,
      failures: result.failures.map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        fixableBy: f.fixableBy,
        field: f.field,
        fieldLabel: complianceFieldLabel(type.code, f.field),
        message: f.message,
      })),
    };
  }

  return {
    check,
    /** 422 COMPLIANCE_BLOCKED with the blocking failures by field, when there is one. */
    refuseBlocking(result: ComplianceResultView) {
      const blocking = result.failures.filter((f) => f.severity === 'blocking');
      if (blocking.length === 0) return;
      throw new AppError('COMPLIANCE_BLOCKED', {
        message: blocking[0]!.message,
        fields: Object.fromEntries(blocking.map((f) => [f.field, f.message])),
      });
    },
  };
}

export type ApplicationCompliance = ReturnType<typeof createApplicationCompliance>;

/** An application row as the check reads it. */
export const forCheck = (
  row: Pick<ApplicationForCheck, 'typeCode' | 'holderId' | 'areaCode' | 'formData' | 'baseCertificateId'> & {
    kind: ApplicationKind;
    baseCertificate?: { portraitPhotoId: string | null } | null;
  },
  attachedPortrait: boolean,
): ApplicationForCheck => ({
  photoAsked: applicationRequirements(row.typeCode as CertificateTypeCode, row.kind).photo !== null,
  typeCode: row.typeCode,
  holderId: row.holderId,
  areaCode: row.areaCode,
  formData: row.formData,
  baseCertificateId: row.baseCertificateId,
  hasPortrait: attachedPortrait || Boolean(row.baseCertificate?.portraitPhotoId),
});
