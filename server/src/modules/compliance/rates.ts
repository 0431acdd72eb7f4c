import {
  areaProvinceNames,
  carriers,
  getCertificateType,
  getComplianceRule,
  maskHolderName,
  type ComplianceFailingPage,
  type ComplianceRateRow,
  type ComplianceRates,
  type Carrier,
} from '@roadcert/shared';
import { AppError } from '../../errors';
import { regionLabel, regionPrefix } from '../../lib/regions';
import type { AuthState } from '../account';
import type { RunSummary } from './batch';
import type { RunsRepo } from './compliance.repo';
import type { CellCount, RateFilter, RatesRepo } from './rates.repo';

/**
 * 数据合规率: certificates in scope with no open blocking failure / certificates in scope, by
 * type, area (the level below the asked region), carrier and rule, live from the tables; the
 * trend from the daily batch snapshots. A staff member sees their region only.
 */

export const COMPLIANCE_TARGET = 0.95;
const TREND_DAYS = 90;

const rate = (total: number, compliant: number) => (total === 0 ? null : compliant / total);

/** The region prefix the caller asks for, inside their own (403 outside it). */
export function scopedPrefix(state: AuthState, asked: string | undefined): string {
  const own = regionPrefix(state.staff!.regionCode);
  if (asked === undefined) return own;
  const prefix = regionPrefix(asked.padEnd(6, '0'));
  if (!prefix.startsWith(own)) throw new AppError('FORBIDDEN', { message: '只能查看本辖区的数据' });
  return prefix;
}

/** The area key one level below the region: province → city (4), city → county (6). */
const childArea = (areaCode: string, prefix: string) => areaCode.slice(0, prefix.length < 4 ? 4 : 6);

function rows(groups: Map<string, { total: number; compliant: number }>, label: (key: string) => string) {
  return [...groups]
    .map(([key, g]): ComplianceRateRow => ({ key, label: label(key), ...g, rate: rate(g.total, g.compliant) }))
    .sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
}

function group(cells: CellCount[], keyOf: (c: CellCount) => string) {
  const groups = new Map<string, { total: number; compliant: number }>();
  for (const c of cells) {
    const key = keyOf(c);
    const g = groups.get(key) ?? { total: 0, compliant: 0 };
    g.total += c.total;
    g.compliant += c.total - c.failing;
    groups.set(key, g);
  }
  return groups;
}

const typeLabel = (code: string) => getCertificateType(code)?.name ?? code;
const carrierLabel = (code: string) => carriers[code as Carrier]?.label ?? code;

/** A snapshot's figures inside the filter (its cells are by area × type × carrier). */
function snapshotFigures(summary: unknown, f: RateFilter) {
  const cells = (summary as Partial<RunSummary>)?.cells ?? [];
  let total = 0;
  let compliant = 0;
  for (const [area, type, carrier, t, c] of cells) {
    if (!area.startsWith(f.areaPrefix) || (f.typeCode && type !== f.typeCode) || (f.carrier && carrier !== f.carrier))
      continue;
    total += t;
    compliant += c;
  }
  return { total, compliant };
}

export function createRates(deps: { rates: RatesRepo; runs: Pick<RunsRepo, 'dailySnapshots'> }) {
  return {
    async figures(filter: RateFilter): Promise<ComplianceRates> {
      const since = new Date(Date.now() - TREND_DAYS * 86_400_000);
      const [cells, rules, states, snapshots] = await Promise.all([
        deps.rates.cells(filter),
        deps.rates.rules(filter),
        deps.rates.taskStates(filter.areaPrefix),
        deps.runs.dailySnapshots(since),
      ]);
      const total = cells.reduce((n, c) => n + c.total, 0);
      const compliant = cells.reduce((n, c) => n + c.total - c.failing, 0);
      const stateCount = (s: string) => states.find((x) => x.state === s)?.n ?? 0;
      return {
        areaCode: filter.areaPrefix.padEnd(6, '0'),
        total,
        compliant,
        rate: rate(total, compliant),
        target: COMPLIANCE_TARGET,
        byType: rows(
          group(cells, (c) => c.typeCode),
          typeLabel,
        ),
        byArea: rows(
          group(cells, (c) => childArea(c.areaCode, filter.areaPrefix)),
          (k) => regionLabel(k, areaProvinceNames),
        ),
        byCarrier: rows(
          group(cells, (c) => c.carrier),
          carrierLabel,
        ),
        byRule: rules.map((r) => {
          const rule = getComplianceRule(r.ruleCode);
          return {
            ruleId: r.ruleCode,
            message: rule?.message ?? r.ruleCode,
            severity: rule?.severity ?? 'warning',
            fixableBy: rule?.fixableBy ?? 'staff',
            failing: r.failing,
          };
        }),
        trend: snapshots.map(([day, run]) => {
          const f = snapshotFigures(run.summary, filter);
          return { day, ...f, rate: rate(f.total, f.compliant) };
        }),
        tasks: { open: stateCount('OPEN'), submitted: stateCount('SUBMITTED'), returned: stateCount('REJECTED') },
      };
    },

    async failing(
      filter: RateFilter & { ruleId?: string },
      page: number,
      pageSize: number,
    ): Promise<ComplianceFailingPage> {
      const { rows: items, total } = await deps.rates.failing(filter, page, pageSize);
      return {
        page,
        pageSize,
        total,
        items: items.map((r) => ({
          certificateId: r.id,
          typeCode: r.typeCode,
          typeName: typeLabel(r.typeCode),
          certificateNumber: r.numberMasked,
          holderName: maskHolderName(r.holderKind === 'OPERATOR' ? 'OPERATOR' : 'PERSON', r.holderName),
          areaCode: r.areaCode,
          carrier: r.carrier as Carrier,
          failures: (r.failures ?? []).map((f) => ({
            ruleId: f.ruleId,
            message: f.message,
            severity: f.severity === 'blocking' ? ('blocking' as const) : ('warning' as const),
            state: f.state as 'OPEN',
          })),
        })),
      };
    },
  };
}

/** The failing-records CSV (UTF-8 with BOM so Excel shows Chinese): masked values only. */
export function failingCsv(page: ComplianceFailingPage): string {
  const esc = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = ['证照类型,证照编号,持证主体,行政区划,载体,规则,问题,级别,状态'];
  for (const item of page.items)
    for (const f of item.failures)
      lines.push(
        [
          item.typeName,
          item.certificateNumber,
          item.holderName,
          item.areaCode,
          carrierLabel(item.carrier),
          f.ruleId,
          f.message,
          f.severity === 'blocking' ? '阻断' : '提示',
          f.state,
        ]
          .map((v) => esc(String(v)))
          .join(','),
      );
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
