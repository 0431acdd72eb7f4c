import {
  checkCompliance,
  complianceScopeStatuses,
  getCertificateType,
  openCompletionTaskStates,
  operatorLicenceTypesFor,
  type ComplianceFailure,
  type ComplianceSubject,
  type IsoDate,
  type OperatorLicenceFacts,
} from '@roadcert/shared';
import type { FieldCrypto } from '../../lib/field-crypto';
import { uuidv7 } from '../../lib/uuidv7';
import type { LicenceRow, SubjectRow, SubjectsRepo, TaskKeyRow, TaskWrite } from './subjects.repo';

/**
 * The compliance check on stored certificates: builds the rules' subjects from rows, runs
 * the shared catalogue, and brings the certificate's tasks in step with the result (open
 * the failures, resolve what passes). The same code serves one certificate after a change
 * (`recheck`) and a page of the batch over the stock (`checkPage`). docs/compliance.md.
 */

const IN_SCOPE_STATUSES: ReadonlySet<string> = new Set(complianceScopeStatuses);
const OPEN_STATES: ReadonlySet<string> = new Set(openCompletionTaskStates);

const licenceTypes = [...new Set(Object.values(operatorLicenceTypesFor).flat())] as string[];

/** What one certificate's check gave, for the batch's counts. */
export type CheckedCertificate = {
  id: string;
  typeCode: string;
  areaCode: string;
  carrier: string;
  inScope: boolean;
  /** No open (not waived) blocking failure. */
  compliant: boolean;
  /** Rule ids failing (not waived), for the per-rule counts. */
  failingRules: string[];
};

function portraitOf(row: SubjectRow): ComplianceSubject['portrait'] {
  if (!getCertificateType(row.typeCode)?.photo) return undefined;
  if (row.portraitPhotoId === null) return null;
  const verdict = row.photoVerdict ?? {};
  const accepted = row.photoState === 'ACCEPTED' && verdict.accepted === true;
  const problems = (verdict.checks ?? []).filter((c) => c.passed === false && c.message).map((c) => c.message!);
  return {
    accepted,
    problems,
    ...(row.photoWidth !== null && row.photoHeight !== null
      ? { widthPx: row.photoWidth, heightPx: row.photoHeight }
      : {}),
  };
}

function scopeOf(value: unknown): string[] | null {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null;
}

const sameTask = (task: TaskKeyRow, f: ComplianceFailure, row: SubjectRow) =>
  task.message === f.message.slice(0, 300) &&
  task.severity === f.severity &&
  task.fixableBy === f.fixableBy &&
  task.areaCode === row.areaCode &&
  task.holderId === row.holderId;

export function createChecker(deps: { fieldCrypto: FieldCrypto; subjects: SubjectsRepo }) {
  const { fieldCrypto, subjects } = deps;
  const decrypt = (enc: Buffer | null, column: string) => {
    if (enc === null) return null;
    try {
      return fieldCrypto.decrypt(enc, column);
    } catch {
      // A value that cannot be decrypted (a key mix-up upstream) is reported as missing, never thrown.
      return null;
    }
  };

  function subjectOf(row: SubjectRow, licences: Map<string, OperatorLicenceFacts[]>): ComplianceSubject {
    const idNumber = row.holderKind === 'PERSON' ? decrypt(row.holderIdNumberEnc, 'idNumber') : undefined;
    // A 从业资格证's number is its holder's ID number (same blind index): decrypted once. A number
    // that is not personal (经营许可证号, 运输证号) is stored unmasked as its list copy: no decryption.
    const number =
      idNumber !== undefined && row.holderIdNumberHash !== null && row.numberHash === row.holderIdNumberHash
        ? idNumber
        : row.numberMasked !== '' && !row.numberMasked.includes('*')
          ? row.numberMasked
          : decrypt(row.numberEnc, 'certificateNumber');
    const isRb = operatorLicenceTypesFor[row.typeCode as keyof typeof operatorLicenceTypesFor] !== undefined;
    return {
      typeCode: row.typeCode,
      carrier: row.carrier,
      status: row.status,
      number,
      identifier: row.identifier,
      signaturePresent: row.signed,
      issuedOn: row.issuedOn as IsoDate | null,
      validFrom: row.validFrom as IsoDate | null,
      validUntil: row.validUntil as IsoDate | null,
      issuingAuthority: row.issuingAuthority,
      issuingAuthorityCode: row.issuingAuthorityCode,
      areaCode: row.areaCode,
      extension: row.extension ?? {},
      holder: {
        id: row.holderId,
        kind: row.holderKind,
        name: row.holderName,
        ...(row.holderKind === 'PERSON'
          ? { idNumber }
          : { creditCode: row.holderCreditCode, businessStatus: row.holderBusinessStatus }),
      },
      ...(isRb
        ? {
            vehicle:
              row.vehicleId === null
                ? null
                : {
                    id: row.vehicleId,
                    operatorId: row.vehicleOperatorId!,
                    plateNumber: row.plateNumber,
                    plateColour: row.plateColour,
                    vehicleTypeCode: row.vehicleTypeCode,
                    operatingStatus: row.operatingStatus,
                  },
            operatorLicences: licences.get(row.vehicleOperatorId ?? row.holderId) ?? [],
          }
        : {}),
      portrait: portraitOf(row),
    };
  }

  async function licencesFor(rows: readonly SubjectRow[]): Promise<Map<string, OperatorLicenceFacts[]>> {
    const operators = new Set<string>();
    for (const row of rows)
      if (operatorLicenceTypesFor[row.typeCode as keyof typeof operatorLicenceTypesFor])
        operators.add(row.vehicleOperatorId ?? row.holderId);
    const byOperator = new Map<string, OperatorLicenceFacts[]>();
    if (operators.size === 0) return byOperator;
    for (const l of await subjects.licences([...operators], licenceTypes)) {
      const facts: OperatorLicenceFacts = {
        typeCode: l.typeCode,
        number: decrypt(l.numberEnc, 'certificateNumber'),
        status: l.status,
        validFrom: l.validFrom as IsoDate | null,
        validUntil: l.validUntil as IsoDate | null,
        businessScope: scopeOf((l as LicenceRow).businessScope),
      };
      const list = byOperator.get(l.holderId);
      if (list) list.push(facts);
      else byOperator.set(l.holderId, [facts]);
    }
    return byOperator;
  }

  /**
   * Checks the rows and writes the task changes: a failing rule without a task opens one
   * (a closed one reopens, a waived one stays waived); an open task whose rule passes — or
   * whose certificate left the scope — is resolved.
   */
  async function checkRows(rows: readonly SubjectRow[], today: IsoDate): Promise<CheckedCertificate[]> {
    if (rows.length === 0) return [];
    const [licences, existing] = await Promise.all([licencesFor(rows), subjects.tasks(rows.map((r) => r.id))]);
    const tasksOf = new Map<string, TaskKeyRow[]>();
    for (const t of existing) {
      const list = tasksOf.get(t.certificateId);
      if (list) list.push(t);
      else tasksOf.set(t.certificateId, [t]);
    }
    const toOpen: TaskWrite[] = [];
    const toResolve: string[] = [];
    const checked: CheckedCertificate[] = [];
    for (const row of rows) {
      const inScope = IN_SCOPE_STATUSES.has(row.status);
      const failures: readonly ComplianceFailure[] = inScope
        ? checkCompliance(subjectOf(row, licences), { today }).failures
        : [];
      const tasks = tasksOf.get(row.id);
      const keyed = tasks && new Map(tasks.map((t) => [`${t.ruleCode}\u0000${t.field}`, t]));
      const failing = new Set<string>();
      let compliant = true;
      const failingRules: string[] = [];
      for (const f of failures) {
        const key = `${f.ruleId}\u0000${f.field}`;
        failing.add(key);
        const task = keyed?.get(key);
        if (task?.state === 'WAIVED') continue;
        failingRules.push(f.ruleId);
        if (f.severity === 'blocking') compliant = false;
        // An open task that already says this is left alone: a steady re-run writes nothing.
        if (task && OPEN_STATES.has(task.state) && sameTask(task, f, row)) continue;
        toOpen.push({
          certificateId: row.id,
          holderId: row.holderId,
          ruleCode: f.ruleId,
          field: f.field.slice(0, 60),
          message: f.message.slice(0, 300),
          severity: f.severity,
          fixableBy: f.fixableBy,
          typeCode: row.typeCode,
          areaCode: row.areaCode,
        });
      }
      if (tasks)
        for (const t of tasks)
          if (OPEN_STATES.has(t.state) && !failing.has(`${t.ruleCode}\u0000${t.field}`)) toResolve.push(t.id);
      checked.push({
        id: row.id,
        typeCode: row.typeCode,
        areaCode: row.areaCode,
        carrier: row.carrier,
        inScope,
        compliant,
        failingRules,
      });
    }
    await subjects.openTasks(
      toOpen,
      toOpen.map(() => uuidv7()),
    );
    await subjects.resolveTasks(toResolve);
    return checked;
  }

  return {
    /** One page of the stock, in id order after `afterId` (the batch reads pages itself, see batch.ts). */
    readPage: (afterId: string | null, limit: number) => subjects.page(afterId, limit),
    /** Checks rows already read and writes their task changes. */
    checkRows,
    /** The given certificates (after a change, an import chunk, a supplement accepted). */
    async recheck(ids: readonly string[], today: IsoDate) {
      return checkRows(await subjects.byIds(ids), today);
    },
    /** The subject of one certificate as the rules see it (issuance, the reviewer's view). */
    subjectOf,
  };
}

export type Checker = ReturnType<typeof createChecker>;
