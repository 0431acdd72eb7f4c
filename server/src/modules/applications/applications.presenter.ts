import {
  applicationKindLabels,
  applicationNeedsPhoto,
  applicationRequirements,
  applicationStateLabels,
  fieldValueToForm,
  getCertificateType,
  isEmptyFieldValue,
  type ApplicationDetail,
  type ApplicationFormData,
  type ApplicationPhoto,
  type ApplicationSummary,
  type CertificateTypeCode,
  type StaffApplicationDetail,
  type staffApplicationSummarySchema,
} from '@roadcert/shared';
import type { z } from 'zod';
import type { ApplicationDetailRow, ApplicationQueueRow, ApplicationRow } from './applications.repo';

type StaffApplicationSummary = z.infer<typeof staffApplicationSummarySchema>;

const DAY = 86_400_000;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentSummary(row: ApplicationRow): ApplicationSummary {
  return {
    id: row.id,
    typeCode: row.typeCode,
    typeName: getCertificateType(row.typeCode)?.name ?? row.typeCode,
    kind: row.kind,
    kindLabel: applicationKindLabels[row.kind],
    state: row.state,
    stateLabel: applicationStateLabels[row.state],
    baseCertificateId: row.baseCertificateId,
    issuedCertificateId: row.issuedCertificateId,
    areaCode: row.areaCode,
    createdAt: row.createdAt.toISOString(),
    submittedAt: iso(row.submittedAt),
    decidedAt: iso(row.decidedAt),
  };
}

/** The rule submit enforces: this application must carry its own portrait (the base certificate has none to carry over, or it is 申领). */
export const photoRequiredFor = (row: Pick<ApplicationRow, 'typeCode' | 'kind'>, baseHasPortrait: boolean) =>
  applicationNeedsPhoto(row.typeCode as CertificateTypeCode, row.kind, baseHasPortrait);

export function presentDetail(row: ApplicationDetailRow, photo: ApplicationPhoto | null): ApplicationDetail {
  return {
    ...presentSummary(row),
    formData: (row.formData ?? {}) as Record<string, unknown>,
    returnReasons: (row.returnReasons ?? null) as Record<string, string> | null,
    rejectReason: row.rejectReason,
    requirements: applicationRequirements(row.typeCode as CertificateTypeCode, row.kind),
    timeline: row.events.map((e) => ({
      fromState: e.fromState,
      toState: e.toState,
      label: applicationStateLabels[e.toState],
      actorKind: e.actorKind,
      note: e.note,
      at: e.at.toISOString(),
    })),
    revision: row.revision,
    photo,
    photoRequired: photoRequiredFor(row, Boolean(row.baseCertificate?.portraitPhotoId)),
  };
}

/** The type's extension fields whose form value differs from the base certificate's (both in the form's shape). */
function diffAgainstBase(row: ApplicationDetailRow): StaffApplicationDetail['diff'] {
  const base = row.baseCertificate;
  if (!base) return [];
  const form = (row.formData ?? {}) as Record<string, unknown>;
  const current = (base.extension ?? {}) as Record<string, unknown>;
  return (getCertificateType(row.typeCode)?.fields ?? [])
    .map((field) => ({
      field: field.key,
      current: fieldValueToForm(field, current[field.key]),
      proposed: form[field.key],
    }))
    .filter(
      (d) => d.field in form && d.proposed !== d.current && !(isEmptyFieldValue(d.proposed) && d.current === null),
    );
}

/** The reviewer's view: the detail, the holder's name and the diff against the base certificate. */
export const presentStaffDetail = (
  row: ApplicationDetailRow,
  photo: ApplicationPhoto | null,
): StaffApplicationDetail => ({
  ...presentDetail(row, photo),
  holderName: row.holder.name,
  diff: diffAgainstBase(row),
});

/** A queue entry: the summary, the holder's name and days since submission (or creation). */
export const presentQueueItem = (row: ApplicationQueueRow, now: number): StaffApplicationSummary => ({
  ...presentSummary(row),
  holderName: row.holder.name,
  ageDays: Math.floor((now - (row.submittedAt ?? row.createdAt).getTime()) / DAY),
});

/** 信息免填报: the base certificate's extension fields, in the form's shape (multiple-choice codes joined by ','). */
export function prefillFromExtension(typeCode: string, extension: unknown): ApplicationFormData {
  const stored = (extension ?? {}) as Record<string, unknown>;
  const form: ApplicationFormData = {};
  for (const field of getCertificateType(typeCode)?.fields ?? []) {
    const value = fieldValueToForm(field, stored[field.key]);
    if (value !== null) form[field.key] = value;
  }
  return form;
}
