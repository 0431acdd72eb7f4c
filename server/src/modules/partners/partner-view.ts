import { getCertificateType, maskHolderName, type PartnerCertificateView } from '@roadcert/shared';
import { effectiveStatus, faceDetails, isoDate, isoDateOrNull } from '../certificates';
import type { CertificateMatch } from '../lookup';

const stringList = (v: unknown) =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v ? [v] : [];

/**
 * The certificate as a partner sees it: type, status and validity always; the rest only
 * as far as the key's `fields:*` scopes allow. Returns the field names shown, which is all
 * the usage log keeps.
 */
export function partnerView(
  match: CertificateMatch,
  scopes: readonly string[],
  now = new Date(),
): { view: PartnerCertificateView; fieldsShown: string[] } {
  const c = match.certificate;
  const status = effectiveStatus(c, now);
  const view: PartnerCertificateView = {
    typeCode: c.typeCode as PartnerCertificateView['typeCode'],
    typeName: getCertificateType(c.typeCode)?.name ?? c.typeCode,
    status: status.status,
    statusLabel: status.statusLabel,
    valid: status.valid,
    validFrom: isoDate(c.validFrom),
    validUntil: isoDateOrNull(c.validUntil),
    replacedByElectronic: match.replacedByElectronic,
  };
  const fieldsShown = ['type', 'status', 'validity'];
  if (match.replacedByElectronic || c.status === 'REPLACED') fieldsShown.push('replacement');
  if (scopes.includes('fields:basic')) {
    view.numberMasked = c.numberMasked;
    view.issuingAuthority = c.issuingAuthority;
    view.carrier = c.carrier;
    fieldsShown.push('numberMasked', 'issuingAuthority', 'carrier');
  }
  if (scopes.includes('fields:holder')) {
    view.holderName = maskHolderName(c.holder.kind, c.holder.name);
    fieldsShown.push(c.holder.kind === 'OPERATOR' ? 'holderName' : 'holderNameMasked');
  }
  const ext = (c.extension ?? {}) as Record<string, unknown>;
  if (scopes.includes('fields:qualification') && getCertificateType(c.typeCode)?.category === 'RE') {
    const details = faceDetails(c.typeCode, ext, null);
    view.qualification = {
      categories: details.find((d) => d.key === 'qualificationCategories')?.value.split('、') ?? [],
      licenceClasses: typeof ext.licenceClasses === 'string' ? ext.licenceClasses : null,
    };
    fieldsShown.push('qualification');
  }
  if (scopes.includes('fields:vehicle') && c.vehicle) {
    const details = faceDetails(c.typeCode, ext, c.vehicle);
    const value = (key: string) => details.find((d) => d.key === key)?.value ?? null;
    view.vehicle = {
      plateNumber: c.vehicle.plateNumber,
      plateColour: value('plateColour'),
      vehicleType: value('vehicleType'),
      capacity: value('capacity'),
      dimensions: value('dimensions'),
      businessScope: value('businessScope')?.split('、') ?? stringList(ext.businessScope),
    };
    fieldsShown.push('plateNumber', 'vehicle', 'businessScope');
  }
  return { view, fieldsShown };
}
