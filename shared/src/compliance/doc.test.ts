import { describe, expect, it } from 'vitest';
import { carrierList, carriers } from '../domain/codes';
import { certificateTypes } from '../registry/certificate-types';
import { certificateTypeCodes } from '../registry/type-codes';
import { complianceRules } from './catalogue';
import type { ComplianceFixer, ComplianceRule } from './types';

/**
 * shared/ is type-checked without Node's types (it runs in the mini-program), so the one
 * file read goes through an untyped import.
 */
const fsModule = 'node:fs';
const { readFileSync } = (await import(fsModule)) as { readFileSync(path: URL, encoding: 'utf8'): string };

/**
 * docs/compliance-rules.md carries the rule list as tables; they are rendered here from the
 * catalogue and must match the doc, so the doc cannot drift from the code.
 */

const fixers: Record<ComplianceFixer, string> = {
  holder: '持证人 holder',
  operator: '业户 operator',
  staff: '运管 staff',
  upstream: '上游系统 upstream',
};

const isFieldRule = (rule: ComplianceRule) => /^D\d{3}\.(required|format)\./.test(rule.id);

function typesCell(rule: ComplianceRule): string {
  const types = rule.appliesTo.types;
  if (types.length === 0) return '（类型未知时）';
  return types.length === certificateTypeCodes.length ? '全部' : types.join(' ');
}

function carriersCell(rule: ComplianceRule): string {
  const list = rule.appliesTo.carriers;
  return list.length === carrierList.length ? '全部' : list.map((c) => carriers[c].label).join('、');
}

const basisCell = (rule: ComplianceRule) => `${rule.basis.source}${rule.basis.confirmed ? '' : ' **待核实**'}`;

function renderRuleTable(): string {
  const rows = complianceRules
    .filter((rule) => !isFieldRule(rule))
    .map((rule) =>
      [
        `\`${rule.id}\``,
        typesCell(rule),
        carriersCell(rule),
        rule.severity === 'blocking' ? '阻断 blocking' : '提示 warning',
        fixers[rule.fixableBy],
        rule.atSubmit ? '是' : '—',
        rule.fields.map((f) => `\`${f}\``).join(' '),
        rule.message,
        basisCell(rule),
      ].join(' | '),
    );
  const header = '| id | 证照 | 载体 | 严重程度 | 修正方 | 申请时 | 字段 | 规则 | 依据 |\n' + '| --- '.repeat(9) + '|';
  return [header, ...rows.map((row) => `| ${row} |`)].join('\n');
}

function renderFieldTable(): string {
  const rows = certificateTypes.map((type) => {
    const fixer = fixers[type.holderKind === 'PERSON' ? 'holder' : 'operator'];
    const required = type.fields.filter((f) => f.required).map((f) => `${f.label} \`${f.key}\``);
    const format = type.fields.map((f) => `\`${f.key}\``);
    return `| ${type.code} ${type.shortName} | ${required.join('、')} | ${format.join(' ')} | ${fixer} |`;
  });
  const header =
    '| 证照 | `{type}.required.{key}`：必填 | `{type}.format.{key}`：格式 | 修正方 |\n' + '| --- '.repeat(4) + '|';
  return [header, ...rows].join('\n');
}

function section(doc: string, name: string): string {
  const start = `<!-- ${name}:start -->\n`;
  const end = `\n<!-- ${name}:end -->`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  return from < 0 || to < 0 ? '' : doc.slice(from + start.length, to);
}

describe('docs/compliance-rules.md', () => {
  const doc = readFileSync(new URL('../../../docs/compliance-rules.md', import.meta.url), 'utf8');

  it('lists every hand-written rule as the catalogue declares it', () => {
    expect(section(doc, 'rules')).toBe(renderRuleTable());
  });

  it('lists the registry-derived field rules of all nine types', () => {
    expect(section(doc, 'field-rules')).toBe(renderFieldTable());
  });

  it('states the rule counts', () => {
    const fieldRules = complianceRules.filter(isFieldRule).length;
    expect(doc).toContain(
      `共 ${complianceRules.length} 条规则：${complianceRules.length - fieldRules} 条逐条列出，${fieldRules} 条由 registry`,
    );
    const perType = certificateTypeCodes.map(
      (type) => `${type} ${complianceRules.filter((rule) => rule.appliesTo.types.includes(type)).length}`,
    );
    expect(doc.replace(/\s+/g, ' ')).toContain(`Per type (all carriers): ${perType.join(', ')}.`);
  });
});
