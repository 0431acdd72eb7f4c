import type { Carrier, CertificateStatus, HolderKind } from '../domain/codes';
import type { CertificateTypeCode } from '../registry/type-codes';
import type { IsoDate } from '../validators/dates';
import type { QualificationLicenceRule } from '../validators/qualification-licence';

/**
 * Data completeness and compliance (缺失数据补传, 数据合规率): the input, rule and result
 * shapes. docs/compliance-rules.md.
 *
 * Conventions for every date: an ISO calendar day `YYYY-MM-DD` (string), never a `Date`.
 * Certificate dates are calendar days in China, ISO strings compare correctly with `<`, and
 * the validators work on them (validators/dates.ts). A Prisma `@db.Date` arrives as UTC
 * midnight: convert it with {@link toIsoDate}, not with a local-time formatter.
 *
 * Conventions for missing data:
 * - a certificate's own fields (number, dates, issuer, area code) are always present as
 *   keys; `null` (or '') means the record lacks the value, and the `required` rules report it;
 * - joined data (holder's ID number or credit code, vehicle, portrait, operator licences)
 *   may be left `undefined`, meaning "not looked up": the rules that need it are skipped
 *   (neither passed nor failed). `null` means "looked up, there is none" and fails where
 *   the data is required. A batch run must look everything up, or its rate is too kind.
 */

/** 'blocking': the certificate cannot be issued or presented until fixed; 'warning': reported only. */
export type ComplianceSeverity = 'blocking' | 'warning';

/**
 * Who can fix a failure:
 * - holder: the person holding the certificate supplies or corrects the data (a completion
 *   task, with an evidence photo where needed; staff confirm);
 * - operator: the operator (业户) or its authorised staff do the same for its certificates;
 * - staff: the authority's staff (运管) correct record data (numbers, dates, status, issuer);
 * - upstream: an upstream system must be fixed and the record re-synchronised (issuance and
 *   signing service, the provincial 道路运政 system of record).
 */
export type ComplianceFixer = 'holder' | 'operator' | 'staff' | 'upstream';

/**
 * 'submit': an application being submitted (the draft has no number, identifier, signature,
 * issue dates or status yet), so only the rules on the applicant's data run.
 * 'full': issuance, every change and the batch over the stock: every rule runs.
 */
export type ComplianceStage = 'submit' | 'full';

/** The certificate's holder as the server has it (ID number decrypted). */
export interface ComplianceHolder {
  /** Holder id: compared with the vehicle's operator. */
  id?: string;
  kind: HolderKind;
  name: string | null;
  /** PERSON: 公民身份号码 in clear. Undefined when not decrypted (rule skipped). */
  idNumber?: string | null;
  /** OPERATOR: 统一社会信用代码. Undefined when not looked up (rule skipped). */
  creditCode?: string | null;
  /** OPERATOR: 经营状态 (JT/T 415 §5.3.1: 1 营业 … 5 歇业, 6 注销). */
  businessStatus?: string | null;
}

/** The vehicle record a 运输证 (RB) belongs to. */
export interface ComplianceVehicle {
  id?: string;
  /** Holder id of the operator that owns the vehicle. */
  operatorId: string;
  plateNumber: string | null;
  /** JT/T 415 §5.4.12 colour code. */
  plateColour: string | null;
  /** GA/T 16.4 code, e.g. H11. */
  vehicleTypeCode?: string | null;
  /** JT/T 415 §5.4.6 运行状态 (10 营运, 33 报废, 80 注销, …). */
  operatingStatus?: string | null;
}

/** The certificate's portrait photo (person certificates). */
export interface CompliancePortrait {
  /** The photo pipeline's verdict (`PhotoVerdict.accepted`). */
  accepted: boolean;
  /** Chinese messages of the failed checks, first one shown. */
  problems?: readonly string[];
  /** Stored result size; compared with the registry's photo spec when given. */
  widthPx?: number;
  heightPx?: number;
}

/** One 经营许可证 (RA) of the vehicle's operator, for the cross-certificate checks. */
export interface OperatorLicenceFacts {
  /** 'D008', 'D016', 'D079', 'D074' (or the full 21-character code). */
  typeCode: string;
  /** 经营许可证号, compared with the one printed on the 运输证. Undefined: not compared. */
  number?: string | null;
  status: CertificateStatus;
  validFrom: IsoDate | null;
  /** null = no end date. */
  validUntil: IsoDate | null;
  /** 经营范围 codes (JT/T 415 style). */
  businessScope?: readonly string[] | null;
}

/** One certificate as the rules see it: plain data, no methods, no Dates. */
export interface ComplianceSubject {
  /** Registry suffix ('D071') or the full 21-character ministry code. */
  typeCode: string;
  carrier: Carrier;
  status: CertificateStatus;
  /** Certificate number in clear (证照编号). */
  number: string | null;
  /** GB/T 36904 电子证照标识 (electronic carrier). */
  identifier: string | null;
  /** The service signature over the certificate data is stored. */
  signaturePresent: boolean;
  issuedOn: IsoDate | null;
  validFrom: IsoDate | null;
  /** null = no end date, which no registry type allows. */
  validUntil: IsoDate | null;
  issuingAuthority: string | null;
  /** Issuing authority's 统一社会信用代码. */
  issuingAuthorityCode: string | null;
  /** GB/T 2260 code of the issuing area. */
  areaCode: string | null;
  /** Per-type fields declared in the registry (`Certificate.extension`). */
  extension: Readonly<Record<string, unknown>>;
  holder: ComplianceHolder;
  /** RB only. Undefined: not looked up; null: the certificate has no vehicle record. */
  vehicle?: ComplianceVehicle | null;
  /** RE only. Undefined: not looked up; null: no portrait on file. */
  portrait?: CompliancePortrait | null;
  /** RB only: every RA licence the vehicle's operator holds. Undefined: not looked up; []: none. */
  operatorLicences?: readonly OperatorLicenceFacts[];
}

/** Per-run settings. */
export interface ComplianceContext {
  /** The day the check applies to; defaults to today in China. Pass it in batch runs. */
  today?: IsoDate;
  /** Default 'full'. */
  stage?: ComplianceStage;
  /** A province's own 准驾车型 table (validators/qualification-licence.ts). */
  qualificationLicenceRules?: Readonly<Record<string, QualificationLicenceRule>>;
  /** Pilot-era credit codes known to be legal (validators/social-credit-code.ts). */
  knownLegalCreditCodes?: readonly string[];
}

/** The context a rule receives: `today` resolved. */
export interface ComplianceRuleContext extends ComplianceContext {
  today: IsoDate;
}

/** What a failing rule reports. */
export interface ComplianceFinding {
  /** Field path: an extension key ('licenceClasses'), a record field ('validUntil') or 'holder.idNumber'. */
  field: string;
  /** Chinese, specific to this record. */
  message: string;
  /** Machine-readable reason (a validator's reason code), when there is one. */
  detail?: string;
}

/** Where a rule stands: a published standard, or our reading of incomplete public material. */
export interface ComplianceRuleBasis {
  source: string;
  /** False where the rule is our reading (待核实 in the doc). */
  confirmed: boolean;
}

export interface ComplianceRule {
  /** Stable id (≤ 60 characters: `CompletionTask.ruleCode`), e.g. 'RE.licence-class-matches-category'. */
  id: string;
  appliesTo: { types: readonly CertificateTypeCode[]; carriers: readonly Carrier[] };
  severity: ComplianceSeverity;
  fixableBy: ComplianceFixer;
  /** Every field the rule reads, in the field-path form of {@link ComplianceFinding.field}. */
  fields: readonly string[];
  /** What the rule requires, in Chinese (dashboards, the rule list). */
  message: string;
  /** Also run when an application is submitted (see {@link ComplianceStage}). */
  atSubmit: boolean;
  basis: ComplianceRuleBasis;
  /** null when the subject passes. Must not throw on malformed data. */
  check(subject: ComplianceSubject, ctx: ComplianceRuleContext): ComplianceFinding | null;
}

/** One failing rule on one certificate. */
export interface ComplianceFailure extends ComplianceFinding {
  ruleId: string;
  severity: ComplianceSeverity;
  fixableBy: ComplianceFixer;
}

export interface ComplianceResult {
  /** No blocking failure (warnings allowed). */
  compliant: boolean;
  /** In catalogue order. Shared and frozen when empty: do not mutate. */
  failures: readonly ComplianceFailure[];
}
