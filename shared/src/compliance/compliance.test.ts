import { describe, expect, it } from 'vitest';
import { certificateTypes } from '../registry/certificate-types';
import type { CertificateFieldDefinition } from '../registry/types';
import { complianceRules, complianceRulesFor, getComplianceRule } from './catalogue';
import { checkCompliance } from './check';
import { toIsoDate } from './dates';
import { isExpectedIdentifier } from './rules-record';
import { parseCertificateIdentifier } from '../validators/certificate-identifier';
import {
  baseByType,
  creditCode,
  d008,
  d013,
  d016,
  d071,
  d072,
  d073,
  d079,
  guangzhou,
  identifierFor,
  ids,
  liuYang,
  shenzhen,
  TODAY,
  validLicence,
  zhaoLei,
} from './fixtures';
import type { ComplianceContext, ComplianceResult, ComplianceSubject } from './types';

const ctx: ComplianceContext = { today: TODAY };
const run = (subject: ComplianceSubject, context: ComplianceContext = ctx) => checkCompliance(subject, context);
const ruleIds = (result: ComplianceResult) => result.failures.map((f) => f.ruleId);
const failureOf = (result: ComplianceResult, id: string) => result.failures.find((f) => f.ruleId === id);

/** Changes one character so a check character no longer matches. */
const breakLast = (code: string) => code.slice(0, -1) + (code.endsWith('1') ? '2' : '1');
const withExtension = (subject: ComplianceSubject, extension: Record<string, unknown>): ComplianceSubject => ({
  ...subject,
  extension: { ...subject.extension, ...extension },
});

/**
 * A passing and a failing subject for every hand-written rule. (The registry-derived field
 * rules get theirs generated below.) `fail` must trip the rule; `pass` must not.
 */
const vectors: Record<string, { pass: ComplianceSubject; fail: ComplianceSubject; context?: ComplianceContext }> = {
  'common.known-type': { pass: d071(), fail: { ...d071(), typeCode: 'D999' } },
  'common.required.number': { pass: d071(), fail: { ...d071(), number: null } },
  'common.format.number': { pass: d008(), fail: { ...d008(), number: '粤交运管许可穗字ABC号' } },
  'common.required.issuedOn': { pass: d071(), fail: { ...d071(), issuedOn: null } },
  'common.required.validFrom': { pass: d071(), fail: { ...d071(), validFrom: '' } },
  'common.required.validUntil': { pass: d071(), fail: { ...d071(), validUntil: null } },
  'common.format.dates': { pass: d071(), fail: { ...d071(), validFrom: '2025-13-01' } },
  'common.required.issuingAuthority': { pass: d071(), fail: { ...d071(), issuingAuthority: ' ' } },
  'common.required.issuingAuthorityCode': { pass: d071(), fail: { ...d071(), issuingAuthorityCode: null } },
  'common.format.issuingAuthorityCode': {
    pass: d071(),
    fail: { ...d071(), issuingAuthorityCode: breakLast(guangzhou.code), identifier: null },
  },
  'common.required.areaCode': { pass: d071(), fail: { ...d071(), areaCode: null } },
  'common.format.areaCode': { pass: d071(), fail: { ...d071(), areaCode: '990100' } },
  'common.area-matches-authority': { pass: d071(), fail: { ...d071(), areaCode: '310100' } },
  // Validity end before start.
  'common.validity-order': { pass: d071(), fail: { ...d071(), validUntil: '2025-06-30' } },
  'common.issued-not-future': { pass: d071(), fail: { ...d071(), issuedOn: '2026-07-01' } },
  'common.validity-term': { pass: d071(), fail: { ...d071(), validUntil: '2032-12-31' } },
  // Status VALID but expired.
  'common.valid-but-expired': {
    pass: d071(),
    fail: { ...d071(), issuedOn: '2020-06-01', validFrom: '2020-06-01', validUntil: '2026-05-31' },
  },
  'common.expired-but-in-term': { pass: d071(), fail: { ...d071(), status: 'EXPIRED' } },
  'common.lapsed-not-cancelled': {
    // Expired 92 days ago: within the 180 days for renewal.
    pass: { ...d071(), status: 'EXPIRED', issuedOn: '2020-03-01', validFrom: '2020-03-01', validUntil: '2026-02-28' },
    // Expired 212 days ago, still only 已过期 (孙丽 in the demo data).
    fail: { ...d071(), status: 'EXPIRED', issuedOn: '2019-11-02', validFrom: '2019-11-02', validUntil: '2025-11-01' },
  },
  'common.holder-kind': { pass: d071(), fail: { ...d071(), holder: { ...d071().holder, kind: 'OPERATOR' } } },
  'holder.required.name': { pass: d071(), fail: { ...d071(), holder: { ...d071().holder, name: null } } },
  // A wrong ID check digit.
  'holder.id-number': {
    pass: d071(),
    fail: { ...d071(), holder: { ...d071().holder, idNumber: breakLast(ids.wangQiang) } },
  },
  'holder.credit-code': {
    pass: d008(),
    fail: { ...d008(), holder: { ...d008().holder, creditCode: breakLast(creditCode('91440101', 'MA5CXT3K')) } },
  },
  // A pilot-area code that fails the GB 32100 check but is legal: a warning.
  'holder.credit-code-pilot': {
    pass: d008(),
    fail: { ...d008(), holder: { ...d008().holder, creditCode: '91350100M0001TGQXM' } },
  },
  'operator.business-status': {
    pass: d008(),
    fail: { ...d008(), holder: { ...d008().holder, businessStatus: '6' } },
  },
  // An electronic certificate without identifier / signature.
  'electronic.required.identifier': { pass: d071(), fail: { ...d071(), identifier: null } },
  'electronic.format.identifier': { pass: d071(), fail: { ...d071(), identifier: breakLast(identifierFor('D071')) } },
  'electronic.identifier-matches': {
    pass: d071(),
    fail: { ...d071(), identifier: identifierFor('D071', shenzhen.code) },
  },
  'electronic.signature': { pass: d071(), fail: { ...d071(), signaturePresent: false } },
  'common.extension-keys': { pass: d071(), fail: withExtension(d071(), { licenceNo: 'x' }) },
  // 刘洋: 货运 qualification, no 准驾车型.
  'RE.licence-class-required': { pass: d071(), fail: liuYang() },
  // 赵磊: 客运 qualification with a B2 licence.
  'RE.licence-class-matches-category': { pass: d071(), fail: zhaoLei() },
  'RE.sex-matches-id-number': { pass: d071(), fail: withExtension(d071(), { sex: '2' }) },
  'RE.portrait-required': { pass: d071(), fail: { ...d071(), portrait: null } },
  'RE.portrait-quality': {
    pass: d071(),
    fail: { ...d071(), portrait: { accepted: false, problems: ['背景不够白，请在白色墙面前重新拍摄'] } },
  },
  'RE.portrait-for-conversion': { pass: { ...liuYang(), portrait: { accepted: true } }, fail: liuYang() },
  'RB.vehicle-linked': { pass: d013(), fail: { ...d013(), vehicle: null } },
  'RB.vehicle-record-matches': {
    pass: d013(),
    fail: { ...d013(), vehicle: { ...d013().vehicle!, plateNumber: '粤A6M2X9' } },
  },
  'RB.vehicle-operator-is-holder': {
    pass: d013(),
    fail: { ...d013(), vehicle: { ...d013().vehicle!, operatorId: 'op-2' } },
  },
  'RB.vehicle-status': {
    pass: d013(),
    fail: { ...d013(), vehicle: { ...d013().vehicle!, operatingStatus: '33' } },
  },
  // The demo's 粤AD12345 is a small new-energy plate (渐变绿) recorded as 黄绿.
  'RB.plate-colour-matches-plate': {
    pass: d073(),
    fail: {
      ...withExtension(d073(), { plateColour: '93' }),
      vehicle: { ...d073().vehicle!, plateColour: '93' },
    },
  },
  // The operator's 经营许可证 has been revoked.
  'RB.operator-licence-valid': {
    pass: d013(),
    fail: { ...d013(), operatorLicences: [validLicence({ status: 'REVOKED' })] },
  },
  // The licence covers 普通货运 only; the vehicle is booked for 危险货物运输.
  'RB.scope-covered-by-licence': {
    pass: d013(),
    fail: { ...withExtension(d013(), { businessScope: ['031'] }), operatorLicences: [validLicence()] },
  },
  'RB.licence-number-matches': {
    pass: d013(),
    fail: withExtension(d013(), { operatingLicenceNumber: '粤交运管许可穗字440100999999号' }),
  },
  'RB.annual-review': { pass: d013(), fail: withExtension(d013(), { reviewValidUntil: '2026-03-31' }) },
};

/** A value each field kind rejects. */
function badValue(field: CertificateFieldDefinition): unknown {
  switch (field.kind) {
    case 'text':
      return '字'.repeat(field.maxLength + 1);
    case 'date':
      return '2025-02-30';
    case 'plate':
      return '粤I12345';
    case 'licenceClass':
      return 'Z9';
    case 'qualificationCategory':
      return ['99999'];
    case 'code':
      return field.multiple ? ['!!'] : '!!';
    case 'areaCode':
      return '990100';
    case 'creditCode':
      return 'NOT-A-CODE';
  }
}

/** Vectors for the registry-derived rules, one per type and field. */
for (const type of certificateTypes) {
  const base = baseByType[type.code]!;
  for (const field of type.fields) {
    vectors[`${type.code}.format.${field.key}`] = {
      pass: base(),
      fail: withExtension(base(), { [field.key]: badValue(field) }),
    };
    if (field.required) {
      const { [field.key]: _dropped, ...rest } = base().extension;
      vectors[`${type.code}.required.${field.key}`] = { pass: base(), fail: { ...base(), extension: rest } };
    }
    if (field.key === 'firstIssuedDate') {
      vectors[`${type.code}.first-issued-order`] = {
        pass: base(),
        fail: withExtension(base(), { firstIssuedDate: '2026-01-01' }),
      };
    }
  }
}

describe('the rule catalogue', () => {
  it('has unique ids that fit CompletionTask.ruleCode (60 characters) and fields that fit CompletionTask.field', () => {
    const seen = new Set<string>();
    for (const rule of complianceRules) {
      expect(seen.has(rule.id), rule.id).toBe(false);
      seen.add(rule.id);
      expect(rule.id.length).toBeLessThanOrEqual(60);
      expect(rule.id).toMatch(/^[A-Za-z0-9]+(\.[A-Za-z0-9-]+)+$/);
      for (const field of rule.fields) expect(field.length).toBeLessThanOrEqual(60);
      expect(rule.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(rule.fields.length).toBeGreaterThan(0);
      expect(getComplianceRule(rule.id)).toBe(rule);
    }
  });

  it('has a passing and a failing vector for every rule, and no vector without a rule', () => {
    expect(Object.keys(vectors).sort()).toEqual(complianceRules.map((r) => r.id).sort());
  });

  it('covers all nine types with required-field and format rules from the registry', () => {
    for (const type of certificateTypes) {
      const ids = complianceRulesFor(type.code, 'ELECTRONIC').map((r) => r.id);
      for (const field of type.fields) {
        expect(ids).toContain(`${type.code}.format.${field.key}`);
        if (field.required) expect(ids).toContain(`${type.code}.required.${field.key}`);
        else expect(ids).not.toContain(`${type.code}.required.${field.key}`);
      }
    }
  });

  it('runs the identifier and signature rules on electronic certificates only', () => {
    const electronic = complianceRulesFor('D071', 'ELECTRONIC').map((r) => r.id);
    const paper = complianceRulesFor('D071', 'PAPER').map((r) => r.id);
    expect(electronic).toEqual(expect.arrayContaining(['electronic.required.identifier', 'electronic.signature']));
    expect(paper).not.toContain('electronic.required.identifier');
    expect(paper).not.toContain('electronic.signature');
    expect(paper).toContain('RE.portrait-for-conversion');
    expect(electronic).not.toContain('RE.portrait-for-conversion');
  });

  it('leaves the record-metadata rules out of the submit stage', () => {
    const submit = complianceRulesFor('D071', 'ELECTRONIC', 'submit').map((r) => r.id);
    expect(submit).toContain('RE.licence-class-matches-category');
    expect(submit).toContain('D071.required.qualificationCategories');
    expect(submit).not.toContain('common.required.number');
    expect(submit).not.toContain('electronic.signature');
    expect(submit).not.toContain('common.valid-but-expired');
  });
});

describe.each(Object.entries(vectors).sort(([a], [b]) => a.localeCompare(b)))('rule %s', (id, vector) => {
  const rule = getComplianceRule(id)!;
  const context = vector.context ?? ctx;

  it('fails its failing vector', () => {
    const failure = failureOf(run(vector.fail, context), id);
    expect(failure, JSON.stringify(run(vector.fail, context).failures)).toBeDefined();
    expect(failure).toMatchObject({ ruleId: id, severity: rule.severity, fixableBy: rule.fixableBy });
    expect(failure!.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('passes its passing vector', () => {
    expect(ruleIds(run(vector.pass, context))).not.toContain(id);
  });
});

describe('clean certificates', () => {
  it.each(Object.entries(baseByType))('a complete %s passes every rule', (_type, base) => {
    expect(run(base())).toEqual({ compliant: true, failures: [] });
  });

  it('returns one shared frozen result when nothing fails', () => {
    const a = run(d071());
    expect(a).toBe(run(d013()));
    expect(Object.isFrozen(a.failures)).toBe(true);
  });
});

describe('the demo holders', () => {
  it('刘洋: the missing 准驾车型 and 初领日期 block, the missing photo for conversion warns', () => {
    const result = run(liuYang());
    expect(result.compliant).toBe(false);
    expect(result.failures).toEqual([
      {
        ruleId: 'D071.required.firstIssuedDate',
        severity: 'blocking',
        fixableBy: 'holder',
        field: 'firstIssuedDate',
        message: '请填写初领日期',
      },
      {
        ruleId: 'RE.licence-class-required',
        severity: 'blocking',
        fixableBy: 'holder',
        field: 'licenceClasses',
        message: '经营性道路货物运输驾驶员须持有机动车驾驶证，请填写准驾车型',
        detail: 'LICENCE_MISSING',
      },
      {
        ruleId: 'RE.portrait-for-conversion',
        severity: 'warning',
        fixableBy: 'holder',
        field: 'portrait',
        message: '换发电子证照需要证件照，请上传近期免冠白底证件照',
      },
    ]);
  });

  it('赵磊: the B2 licence does not fit the 客运 qualification, shown before he submits and to the reviewer', () => {
    const expected = {
      ruleId: 'RE.licence-class-matches-category',
      severity: 'blocking',
      fixableBy: 'holder',
      field: 'licenceClasses',
      message: '经营性道路旅客运输驾驶员须持有A1、A3、B1（或可准驾上述车型）准驾车型的驾驶证',
      detail: 'LICENCE_CLASS_NOT_ACCEPTED',
    };
    expect(run(zhaoLei())).toEqual({ compliant: false, failures: [expected] });
    // His application draft, checked in the mini-program before submitting: no record data yet.
    const draft: ComplianceSubject = {
      ...zhaoLei(),
      carrier: 'ELECTRONIC',
      number: null,
      issuedOn: null,
      validFrom: null,
      validUntil: null,
      issuingAuthority: null,
      issuingAuthorityCode: null,
      areaCode: null,
    };
    expect(run(draft, { today: TODAY, stage: 'submit' })).toEqual({ compliant: false, failures: [expected] });
    // The same draft at issuance also lacks everything issuance provides: it cannot be issued.
    expect(run(draft).failures.length).toBeGreaterThan(5);
  });

  it('an A1 licence covers the 客运 qualification', () => {
    expect(run(withExtension(zhaoLei(), { licenceClasses: 'A1' }))).toEqual({ compliant: true, failures: [] });
  });

  it('a non-driving role (押运) needs no 准驾车型', () => {
    expect(ruleIds(run(withExtension(liuYang(), { qualificationCategories: ['03003'] })))).not.toContain(
      'RE.licence-class-required',
    );
  });
});

describe('specific cases', () => {
  it('a pilot-code USCC only warns: the certificate stays compliant', () => {
    const result = run({ ...d008(), holder: { ...d008().holder, creditCode: '91350100M0001TGQXM' } });
    expect(result.compliant).toBe(true);
    expect(result.failures).toEqual([
      expect.objectContaining({ ruleId: 'holder.credit-code-pilot', severity: 'warning', detail: 'PILOT_CODE' }),
    ]);
    expect(result.failures[0]!.message).toContain('试点');
  });

  it('a code merely resembling a pilot code is rejected unless configured as known', () => {
    const code = breakLast(creditCode('91350100', 'M0001TGQ'));
    const subject = { ...d008(), holder: { ...d008().holder, creditCode: code } };
    expect(ruleIds(run(subject))).toEqual(['holder.credit-code']);
    expect(ruleIds(run(subject, { today: TODAY, knownLegalCreditCodes: [code] }))).toEqual([
      'holder.credit-code-pilot',
    ]);
  });

  it('a wrong ID check digit names the field and the reason', () => {
    const result = run({ ...d071(), holder: { ...d071().holder, idNumber: breakLast(ids.wangQiang) } });
    expect(failureOf(result, 'holder.id-number')).toMatchObject({
      field: 'holder.idNumber',
      message: '身份证号码校验位不正确，请核对后重新输入',
      detail: 'CHECK_CHAR_MISMATCH',
    });
  });

  it('an ID number that was not decrypted is skipped, a missing one fails', () => {
    expect(ruleIds(run({ ...d071(), holder: { ...d071().holder, idNumber: undefined } }))).toEqual([]);
    expect(
      failureOf(run({ ...d071(), holder: { ...d071().holder, idNumber: null } }), 'holder.id-number'),
    ).toMatchObject({ message: '缺少持证人身份证号码' });
  });

  it('an electronic certificate without identifier and signature cannot be issued', () => {
    const result = run({ ...d071(), identifier: null, signaturePresent: false });
    expect(result.compliant).toBe(false);
    expect(ruleIds(result)).toEqual(['electronic.required.identifier', 'electronic.signature']);
    expect(result.failures.every((f) => f.fixableBy === 'upstream')).toBe(true);
  });

  it('an identifier of another type is caught', () => {
    const result = run({ ...d071(), identifier: identifierFor('D013') });
    expect(failureOf(result, 'electronic.identifier-matches')?.message).toContain('证照类型代码');
  });

  it('validity ending before it starts', () => {
    expect(failureOf(run({ ...d071(), validUntil: '2025-06-30' }), 'common.validity-order')?.message).toBe(
      '有效期截止日期（2025-06-30）早于起始日期（2025-12-01）',
    );
    const beforeIssue = { ...d071(), validFrom: '2025-01-01', validUntil: '2025-06-30' };
    expect(failureOf(run(beforeIssue), 'common.validity-order')?.message).toContain('早于发证日期');
  });

  it('status VALID but expired blocks; the same dates with status EXPIRED pass', () => {
    const expired = { ...d071(), issuedOn: '2020-06-01', validFrom: '2020-06-01', validUntil: '2026-05-31' };
    const result = run(expired);
    expect(result.compliant).toBe(false);
    expect(failureOf(result, 'common.valid-but-expired')?.message).toBe('证照状态为“有效”，但有效期已于2026-05-31届满');
    expect(run({ ...expired, status: 'EXPIRED' })).toEqual({ compliant: true, failures: [] });
    // The last day of validity is still valid.
    expect(run(expired, { today: '2026-05-31' })).toEqual({ compliant: true, failures: [] });
  });

  it('a malformed date is reported once, by the format rule, not by the ordering rules', () => {
    expect(ruleIds(run({ ...d071(), validUntil: '2031/11/30' }))).toEqual(['common.format.dates']);
  });

  it('vehicle whose operator licence is revoked, expired, missing, or not yet looked up', () => {
    const revoked = run({ ...d013(), operatorLicences: [validLicence({ status: 'REVOKED' })] });
    expect(revoked.compliant).toBe(false);
    expect(failureOf(revoked, 'RB.operator-licence-valid')).toMatchObject({
      message: '业户的经营许可证已吊销，车辆不能从事道路运输经营',
      detail: 'REVOKED',
      fixableBy: 'operator',
    });
    // With no valid licence the scope is not compared as well.
    expect(ruleIds(revoked)).not.toContain('RB.scope-covered-by-licence');

    const expired = run({ ...d013(), operatorLicences: [validLicence({ validUntil: '2026-05-31' })] });
    expect(failureOf(expired, 'RB.operator-licence-valid')?.message).toBe(
      '业户的经营许可证已于2026-05-31到期，车辆不能从事道路运输经营',
    );
    const none = run({ ...d013(), operatorLicences: [] });
    expect(failureOf(none, 'RB.operator-licence-valid')?.message).toBe(
      '业户未持有道路运输经营许可证，车辆不能从事道路运输经营',
    );
    const future = run({ ...d013(), operatorLicences: [validLicence({ validFrom: '2026-07-01' })] });
    expect(failureOf(future, 'RB.operator-licence-valid')?.detail).toBe('NOT_YET_VALID');
    // A revoked old licence beside a valid new one is fine.
    const renewed = [validLicence({ status: 'REPLACED' }), validLicence()];
    expect(run({ ...d013(), operatorLicences: renewed })).toEqual({ compliant: true, failures: [] });
    // A 运输证 no longer in force needs no licence behind it.
    const retired = {
      ...d013(),
      status: 'CANCELLED',
      operatorLicences: [validLicence({ status: 'REVOKED' })],
    } as const;
    expect(run(retired)).toEqual({ compliant: true, failures: [] });
    // Not looked up (e.g. in the mini-program): skipped.
    expect(run({ ...d013(), operatorLicences: undefined })).toEqual({ compliant: true, failures: [] });
  });

  it('a licence of the wrong kind does not license the vehicle', () => {
    const result = run({ ...d073(), operatorLicences: [validLicence()] });
    expect(failureOf(result, 'RB.operator-licence-valid')?.message).toBe(
      '业户未持有网络预约出租汽车经营许可证，车辆不能从事道路运输经营',
    );
  });

  it('经营范围: a group code covers its members, a hazardous-goods licence covers hazardous vehicles', () => {
    const hazardous = withExtension(d013(), { businessScope: ['031'] });
    expect(failureOf(run(hazardous), 'RB.scope-covered-by-licence')).toMatchObject({
      field: 'businessScope',
      message: '车辆经营范围“营运性危险货物运输”不在业户经营许可证的经营范围内',
      detail: '031',
    });
    const withD016 = [validLicence(), validLicence({ typeCode: 'D016', number: null, businessScope: ['030'] })];
    expect(run({ ...hazardous, operatorLicences: withD016 })).toEqual({ compliant: true, failures: [] });
    const group = [validLicence({ businessScope: ['020'] })];
    expect(run({ ...withExtension(d013(), { businessScope: ['021', '023'] }), operatorLicences: group })).toEqual({
      compliant: true,
      failures: [],
    });
    // A member code does not cover its group.
    const narrow = { ...withExtension(d013(), { businessScope: ['020'] }), operatorLicences: [validLicence()] };
    expect(ruleIds(run(narrow))).toEqual(['RB.scope-covered-by-licence']);
    // A revoked licence's scope does not count.
    const revokedD016 = [validLicence(), validLicence({ typeCode: 'D016', status: 'REVOKED', businessScope: ['030'] })];
    expect(ruleIds(run({ ...hazardous, operatorLicences: revokedD016 }))).toEqual(['RB.scope-covered-by-licence']);
    // 放射性物品 licences state their scope as text: they cover dangerous-goods vehicles (our reading).
    const radioactive = [validLicence({ typeCode: 'D079', number: 'FS440100001', businessScope: null })];
    expect(ruleIds(run({ ...hazardous, operatorLicences: radioactive }))).toEqual(['RB.licence-number-matches']);
  });

  it('the licence number on the 运输证 is compared by its digits', () => {
    const digitsOnly = [validLicence({ number: '440100151081' })];
    expect(run({ ...d013(), operatorLicences: digitsOnly })).toEqual({ compliant: true, failures: [] });
    const unknownNumber = [validLicence({ number: undefined })];
    expect(run({ ...d013(), operatorLicences: unknownNumber })).toEqual({ compliant: true, failures: [] });
  });

  it('plate colour against plate layout', () => {
    const ordinaryGreen = withExtension(d013(), { plateColour: '94' });
    expect(failureOf(run(ordinaryGreen), 'RB.plate-colour-matches-plate')?.message).toBe(
      '车牌颜色“渐变绿”与号牌类型（普通号牌）不符',
    );
    const large = {
      ...withExtension(d073(), { plateNumber: '粤A12345D', plateColour: '93' }),
      vehicle: { ...d073().vehicle!, plateNumber: '粤A12345D', plateColour: '93' },
    };
    expect(run(large)).toEqual({ compliant: true, failures: [] });
  });

  it('the vehicle record: plates compare in canonical form', () => {
    const dotted = { ...d013(), vehicle: { ...d013().vehicle!, plateNumber: '粤A·3K7Q2' } };
    expect(run(dotted)).toEqual({ compliant: true, failures: [] });
    const otherType = { ...d013(), vehicle: { ...d013().vehicle!, vehicleTypeCode: 'H21' } };
    expect(failureOf(run(otherType), 'RB.vehicle-record-matches')?.field).toBe('vehicleType');
  });

  it('portrait size is compared with the registry photo spec', () => {
    const small = { ...d071(), portrait: { accepted: true, widthPx: 300, heightPx: 400 } };
    expect(failureOf(run(small), 'RE.portrait-quality')?.message).toContain('358×441');
    expect(run({ ...d071(), portrait: { accepted: true } })).toEqual({ compliant: true, failures: [] });
  });

  it('registry field messages are the form messages', () => {
    expect(failureOf(run(withExtension(d071(), { licenceClasses: 'Z9' })), 'D071.format.licenceClasses')?.message).toBe(
      '准驾车型“Z9”无法识别，有效车型为A1、A2、A3、B1、B2、C1、C2、C3、C4、C5、C6、D、E、F、M、N、P',
    );
    const d016Bad = withExtension(d016(), { businessScope: ['021'] });
    expect(failureOf(run(d016Bad), 'D016.format.businessScope')?.message).toBe('经营范围“021”不适用于该证照');
    const unknownCategory = withExtension(d072(), { qualificationCategories: ['02001'] });
    expect(failureOf(run(unknownCategory), 'D072.format.qualificationCategories')?.message).toBe(
      '从业资格类别“02001”不适用于该证照',
    );
  });

  it('extension values in form shape (codes joined by commas) are understood', () => {
    expect(run(withExtension(d008(), { businessScope: '021,022' }))).toEqual({ compliant: true, failures: [] });
    expect(run(withExtension(d071(), { qualificationCategories: '02001' }))).toEqual({ compliant: true, failures: [] });
  });

  it('full ministry type codes and lower-case suffixes resolve to the same rules', () => {
    expect(run({ ...zhaoLei(), typeCode: '11100000000019713D071' })).toEqual(run(zhaoLei()));
    expect(run({ ...zhaoLei(), typeCode: 'd071' })).toEqual(run(zhaoLei()));
  });

  it('an unknown type or carrier is one blocking failure', () => {
    expect(run({ ...d071(), typeCode: 'D999' })).toEqual({
      compliant: false,
      failures: [
        {
          ruleId: 'common.known-type',
          severity: 'blocking',
          fixableBy: 'staff',
          field: 'typeCode',
          message: '未知的证照类型“D999”',
        },
      ],
    });
    const fax = { ...d071(), carrier: 'FAX' } as unknown as ComplianceSubject;
    expect(ruleIds(run(fax))).toEqual(['common.known-type']);
    expect(run(fax).failures[0]!.field).toBe('carrier');
  });

  it('a province can replace the 准驾车型 table', () => {
    const lenient = {
      '01001': { label: '客运驾驶员', acceptedClasses: ['B2'], match: 'covers', minYearsHeld: 0 },
    } as const;
    expect(run(zhaoLei(), { today: TODAY, qualificationLicenceRules: lenient }).compliant).toBe(true);
    // The default table is still cached separately.
    expect(run(zhaoLei()).compliant).toBe(false);
  });

  it('defaults today to the date in China', () => {
    expect(checkCompliance(d071()).compliant).toBe(true);
  });

  it('malformed extension values never throw', () => {
    const weird = withExtension(d013(), {
      plateNumber: 7,
      businessScope: [1, 2],
      reviewValidUntil: { year: 2026 },
      capacity: ['18吨'],
    });
    const result = run(weird);
    expect(ruleIds(result)).toEqual(
      expect.arrayContaining(['D013.format.plateNumber', 'D013.format.businessScope', 'D013.format.capacity']),
    );
    const person = withExtension(d071(), { qualificationCategories: 5, licenceClasses: { a: 1 }, sex: 1 });
    expect(() => run(person)).not.toThrow();
  });
});

describe('toIsoDate', () => {
  it('takes Prisma @db.Date values (UTC midnight) and ISO strings', () => {
    expect(toIsoDate(new Date('2026-05-31T00:00:00.000Z'))).toBe('2026-05-31');
    expect(toIsoDate('2026-05-31T00:00:00.000Z')).toBe('2026-05-31');
    expect(toIsoDate('2026-05-31')).toBe('2026-05-31');
    expect(toIsoDate(null)).toBeNull();
    expect(toIsoDate(undefined)).toBeNull();
    expect(toIsoDate(new Date('nonsense'))).toBeNull();
  });
});

describe('the batch over the stock', () => {
  it('gives the same answers when run many times in a row (caches stay correct)', () => {
    const subjects = [d071(), liuYang(), zhaoLei(), d013(), d073(), d008(), d079(), d072()];
    const first = subjects.map((s) => run(s));
    for (let i = 0; i < 2_000; i++) {
      const index = i % subjects.length;
      expect(run(subjects[index]!)).toEqual(first[index]);
    }
  });
});

describe('the identifier fast path', () => {
  const typeCode = '11100000000019713D071';
  const good = identifierFor('D071', guangzhou.code, 'A1B2C3');

  it('accepts the canonical identifier of the certificate', () => {
    expect(isExpectedIdentifier(good, typeCode, guangzhou.code)).toBe(true);
  });

  it('never accepts what the validator rejects or what belongs to another type or issuer', () => {
    // Every one-character change, deletion and insertion of a valid identifier, plus a few shapes.
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZa. ';
    const variants = new Set<string>([good, good.toLowerCase(), ` ${good}`, `${good}.`, identifierFor('D013')]);
    for (let i = 0; i < good.length; i++) {
      variants.add(good.slice(0, i) + good.slice(i + 1));
      for (const c of alphabet) {
        variants.add(good.slice(0, i) + c + good.slice(i + 1));
        variants.add(good.slice(0, i) + c + good.slice(i));
      }
    }
    variants.add(identifierFor('D071', guangzhou.code, 'X'.repeat(32)));
    variants.add(good.replace('A1B2C3', 'X'.repeat(33)));
    let accepted = 0;
    for (const variant of variants) {
      if (!isExpectedIdentifier(variant, typeCode, guangzhou.code)) continue;
      accepted += 1;
      const parsed = parseCertificateIdentifier(variant);
      expect(parsed.ok, variant).toBe(true);
      expect(parsed.ok && [parsed.value.typeCode, parsed.value.issuerCode]).toEqual([typeCode, guangzhou.code]);
    }
    // The valid one, the 32-character serial and the few changes MOD 37,36 cannot see.
    expect(accepted).toBeGreaterThanOrEqual(2);
    expect(accepted).toBeLessThan(10);
  });

  it('gives the rules the same outcome as the validator alone', () => {
    const cases = [
      good,
      good.toLowerCase(),
      breakLast(good),
      identifierFor('D013'),
      identifierFor('D071', shenzhen.code),
    ];
    for (const identifier of cases) {
      const parsed = parseCertificateIdentifier(identifier);
      const expectedIds = !parsed.ok
        ? ['electronic.format.identifier']
        : parsed.value.typeCode === typeCode && parsed.value.issuerCode === guangzhou.code
          ? []
          : ['electronic.identifier-matches'];
      expect(ruleIds(run({ ...d071(), identifier })), identifier).toEqual(expectedIds);
    }
  });
});
