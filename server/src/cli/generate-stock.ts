import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import {
  certificateTypes,
  citizenIdCheckChar,
  organizationCodeCheckChar,
  socialCreditCheckChar,
  stockCommonColumns,
  stockImportLimits,
  type CertificateTypeCode,
} from '@roadcert/shared';

/**
 * Synthetic stock (合成存量数据) for benchmarks and demos: `npm run stock:generate -- --count
 * 100000 --out /tmp/synthetic-stock.csv [--seed 1]`. All nine types in Guangdong's 21 cities,
 * paper and IC carriers, valid check characters; about 7 % of rows carry one defect the
 * compliance rules report (they land), about 1 % one the import refuses. Clearly synthetic:
 * the first line is the `# 合成数据 synthetic` marker (StockImport.synthetic), every holder name
 * starts with 测试, and ID numbers use birth dates no real register combines with these
 * sequence numbers. The same --seed gives the same file.
 */

const CITIES = [
  ['440100', '广州', '穗', 'A'],
  ['440300', '深圳', '深', 'B'],
  ['440400', '珠海', '珠', 'C'],
  ['440500', '汕头', '汕', 'D'],
  ['440600', '佛山', '佛', 'E'],
  ['440200', '韶关', '韶', 'F'],
  ['440800', '湛江', '湛', 'G'],
  ['441200', '肇庆', '肇', 'H'],
  ['440700', '江门', '江', 'J'],
  ['440900', '茂名', '茂', 'K'],
  ['441300', '惠州', '惠', 'L'],
  ['441400', '梅州', '梅', 'M'],
  ['441500', '汕尾', '汕尾', 'N'],
  ['441600', '河源', '河', 'P'],
  ['441700', '阳江', '阳', 'Q'],
  ['441800', '清远', '清', 'R'],
  ['441900', '东莞', '莞', 'S'],
  ['442000', '中山', '中', 'T'],
  ['445100', '潮州', '潮', 'U'],
  ['445200', '揭阳', '揭', 'V'],
  ['445300', '云浮', '云', 'W'],
] as const;
/** Bigger cities hold more of the stock. */
const CITY_WEIGHTS = [16, 14, 3, 4, 9, 2, 4, 3, 4, 3, 5, 2, 1, 1, 1, 2, 9, 4, 1, 3, 1];

const TYPE_WEIGHTS: [CertificateTypeCode, number][] = [
  ['D071', 40],
  ['D072', 12],
  ['D075', 8],
  ['D013', 25],
  ['D073', 7],
  ['D008', 4],
  ['D016', 2],
  ['D074', 1],
  ['D079', 1],
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程';
const GIVEN = '伟强磊军勇杰涛明超华平刚建国志敏静丽芳娜秀英霞玲燕红梅兰婷雪琳晨浩宇俊鹏飞';
const COMPANY = [
  '顺达物流',
  '宏运运输',
  '安捷货运',
  '南粤客运',
  '通达出租',
  '迅捷网约',
  '恒安危运',
  '广核物流',
  '速通快运',
  '捷安汽运',
];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const creditCodeOf = (prefix8: string, org8: string) => {
  const first17 = prefix8 + org8 + organizationCodeCheckChar(org8);
  return first17 + socialCreditCheckChar(first17);
};

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** The header of a mixed file: the common columns, then every type's extension labels once. */
export function mixedHeader(): string[] {
  const labels: string[] = stockCommonColumns.map((c) => c.label);
  for (const type of certificateTypes) for (const f of type.fields) if (!labels.includes(f.label)) labels.push(f.label);
  return labels;
}

export type GenerateOptions = { count: number; seed?: number; today?: string };
export type GeneratedRow = Record<string, string>;

/** Counts of what the generator put in, for tests and the benchmark's report. */
export type GenerateStats = { rows: number; defects: number; refused: number; byType: Record<string, number> };

/** The rows, one object per line keyed by header label (`mixedHeader()`). */
export function* generateStockRows(options: GenerateOptions, stats?: GenerateStats): Generator<GeneratedRow> {
  const rnd = mulberry32(options.seed ?? 1);
  const todayMs = Date.parse(`${options.today ?? new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const weighted = <T>(pairs: readonly (readonly [T, number])[]) => {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let r = rnd() * total;
    for (const [v, w] of pairs) if ((r -= w) < 0) return v;
    return pairs[pairs.length - 1]![0];
  };
  const cityPairs = CITIES.map((c, i) => [c, CITY_WEIGHTS[i]!] as const);
  const operatorPool = Math.max(1, Math.ceil(options.count * 0.05));
  let licences = 0;
  let vehicles = 0;

  const operator = (k: number) => {
    const city = CITIES[k % CITIES.length]!;
    const code = creditCodeOf(`91${city[0]}`, pad(10_000_000 + k, 8));
    return {
      city,
      code,
      name: `测试${city[1]}${COMPANY[k % COMPANY.length]}有限公司${k}`,
      licenceNo: `粤交运管许可${city[2]}字${city[0]}${pad(k, 6)}号`,
    };
  };

  for (let i = 0; i < options.count; i++) {
    const typeCode = weighted(TYPE_WEIGHTS);
    const type = certificateTypes.find((t) => t.code === typeCode)!;
    let city = weighted(cityPairs);
    const row: GeneratedRow = {};
    const ext: Record<string, string> = {};
    const years = type.validity.years;
    const issuedMs = todayMs - Math.floor(rnd() * (years + 0.8) * 365.25) * DAY;
    const untilMs = issuedMs + (Math.round(years * 365.25) - 1) * DAY;
    const lapsed = untilMs < todayMs;

    if (type.holderKind === 'PERSON') {
      // Unique per row: birth day from the row index, sequence from the city and the index.
      const birthMs = Date.UTC(1962, 0, 1) + Math.floor(i / 900) * DAY;
      const birth = iso(birthMs).replace(/-/g, '');
      const first17 = `${city[0].slice(0, 4)}${pad(1 + (i % 9), 2)}${birth}${pad((i % 900) + 100, 3)}`;
      const id = first17 + citizenIdCheckChar(first17);
      row['持证人类型'] = '个人';
      row['持证人名称'] = `测试${pick([...SURNAMES])}${pick([...GIVEN])}${rnd() < 0.5 ? pick([...GIVEN]) : ''}`;
      row['持证人证件号码'] = id;
      row['证照编号'] = id;
      const licenceYearsMs = issuedMs - Math.floor((4 + rnd() * 16) * 365.25) * DAY;
      ext.firstIssuedDate = iso(Math.min(licenceYearsMs, issuedMs));
      if (typeCode === 'D071') {
        const cat = weighted([
          ['02001', 60],
          ['01001', 25],
          ['03001', 15],
        ] as const);
        ext.qualificationCategories = cat;
        ext.licenceClasses = cat === '01001' ? pick(['A1', 'A3', 'B1']) : pick(['A2', 'B2']);
        ext.sex = Number(id.charAt(16)) % 2 === 1 ? '1' : '2';
      } else {
        ext.qualificationCategories = typeCode === 'D072' ? '09003' : '09002';
        ext.licenceClasses = 'C1';
        ext.serviceArea = `${city[1]}市`;
        if (typeCode === 'D075') ext.serviceCompany = `测试${city[1]}出租汽车公司`;
      }
    } else {
      const isVehicle = type.plateRequired;
      const k = isVehicle
        ? Math.floor(rnd() * Math.max(1, Math.min(licences, operatorPool)))
        : licences++ % operatorPool;
      const op = operator(k);
      city = op.city;
      row['持证人类型'] = '业户';
      row['持证人名称'] = op.name;
      row['持证人证件号码'] = op.code;
      if (isVehicle) {
        const v = vehicles++;
        const vCity = CITIES[v % CITIES.length]!;
        const serial = pad(Math.floor(v / CITIES.length) % 100_000, 5);
        if (typeCode === 'D013') {
          ext.plateNumber = `粤${vCity[3]}${serial}`;
          ext.plateColour = '2';
          ext.operatingLicenceNumber = op.licenceNo;
          ext.vehicleType = pick(['H11', 'H12', 'H21', 'Q11']);
          ext.capacity = `${pick([4.2, 8, 12, 18, 25, 40])}吨`;
          ext.dimensions = pick(['11980×2550×3980', '5995×2100×2850', '6950×2500×3600', '9600×2550×3900']);
          ext.businessScope = '021';
          ext.economicType = '159';
          ext.address = `广东省${op.city[1]}市测试路${k % 200}号`;
          ext.firstIssuedDate = iso(issuedMs);
          ext.reviewValidUntil = iso(Math.max(issuedMs, todayMs - 60 * DAY) + 365 * DAY);
          row['证照编号'] = `粤交运管${op.city[2]}字${op.city[0]}${pad(v, 7)}号`;
        } else {
          ext.plateNumber = `粤${vCity[3]}D${serial}`;
          ext.plateColour = '94';
          ext.operatingLicenceNumber = op.licenceNo;
          ext.vehicleType = 'K33';
          ext.brandModel = pick(['比亚迪秦', '广汽埃安S', '小鹏P5']);
          ext.seats = '5';
          ext.serviceArea = `${op.city[1]}市`;
          ext.firstIssuedDate = iso(issuedMs);
          row['证照编号'] = `WYCYS${op.city[0]}${pad(v, 7)}`;
        }
      } else {
        const base = {
          address: `广东省${op.city[1]}市测试路${k % 200}号`,
          legalRepresentative: `测试${pick([...SURNAMES])}${pick([...GIVEN])}`,
        };
        if (typeCode === 'D008')
          Object.assign(ext, base, { businessScope: '021,022', economicType: '159', branchFlag: '1' });
        if (typeCode === 'D016')
          Object.assign(ext, base, {
            businessScope: '031',
            hazardousGoodsClasses: '第3类',
            economicType: '159',
            branchFlag: '1',
          });
        if (typeCode === 'D074') Object.assign(ext, base, { serviceArea: `${op.city[1]}市`, branchFlag: '1' });
        if (typeCode === 'D079')
          Object.assign(ext, base, { businessScopeText: '放射性物品道路运输（第二类）', economicType: '159' });
        row['证照编号'] =
          typeCode === 'D008'
            ? op.licenceNo
            : typeCode === 'D016'
              ? `粤交运管许可${op.city[2]}字${op.city[0]}${pad(k, 6)}9号`
              : `${typeCode === 'D074' ? 'WYC' : 'FS'}${op.city[0]}${pad(k, 6)}`;
      }
    }

    row['类型代码'] = typeCode;
    row['载体'] = rnd() < 0.6 ? '纸质' : 'IC卡';
    row['状态'] = lapsed ? '02' : rnd() < 0.02 ? '03' : '10';
    row['发证日期'] = iso(issuedMs);
    row['有效期起'] = iso(issuedMs);
    row['有效期至'] = iso(untilMs);
    row['发证机关'] = `${city[1]}市交通运输局`;
    row['发证机关代码'] = creditCodeOf(`11${city[0]}`, pad(695_500 + Number(city[0].slice(2, 4)), 8));
    row['行政区划代码'] = city[0];
    const updatedMs = Math.min(todayMs, issuedMs + Math.floor(rnd() * 300) * DAY) + Math.floor(rnd() * 86_400) * 1000;
    row['更新时间'] = new Date(updatedMs + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    for (const f of type.fields) if (ext[f.key] !== undefined) row[f.label] = ext[f.key]!;

    const roll = rnd();
    if (roll < 0.01) {
      refuse(row, rnd);
      if (stats) stats.refused += 1;
    } else if (roll < 0.08) {
      defect(row, typeCode, todayMs, rnd);
      if (stats) stats.defects += 1;
    }
    if (stats) {
      stats.rows += 1;
      stats.byType[typeCode] = (stats.byType[typeCode] ?? 0) + 1;
    }
    yield row;
  }
}

/** One defect the compliance rules report; the row still lands. */
function defect(row: GeneratedRow, typeCode: CertificateTypeCode, todayMs: number, rnd: () => number) {
  const person = typeCode === 'D071' || typeCode === 'D072' || typeCode === 'D075';
  const vehicle = typeCode === 'D013' || typeCode === 'D073';
  const common = [
    () => {
      // common.valid-but-expired
      row['有效期至'] = iso(todayMs - 30 * DAY);
      row['状态'] = '10';
    },
    () => (row['发证机关代码'] = ''), // common.required / format of the issuer code
    () => (row['行政区划代码'] = '4401'), // common.format.areaCode
    () => {
      // common.validity-order
      row['有效期起'] = row['有效期至']!;
      row['有效期至'] = row['发证日期']!;
    },
    () => (row['状态'] = '02'), // common.expired-but-in-term (unless also lapsed)
    () => (row['持证人名称'] = ''), // holder.required.name
  ];
  const specific = person
    ? [
        () => delete row['准驾车型'], // RE.licence-class-required (刘洋)
        () => (row['准驾车型'] = typeCode === 'D071' && row['从业资格类别'] === '01001' ? 'B2' : 'C2'), // RE.licence-class-matches-category (赵磊)
        () => delete row['初领日期'], // {type}.required.firstIssuedDate
        () => (row['从业资格类别'] = '99999'), // {type}.format.qualificationCategories
      ]
    : vehicle
      ? [
          () => (row['车辆号牌'] = `粤${String(row['车辆号牌']).slice(1, 5)}`), // format.plateNumber, vehicle unlinked
          // RB.licence-number-matches
          () => (row[typeCode === 'D013' ? '经营许可证号' : '网约车经营许可证号'] = '粤交运管许可穗字000000000000号'),
          // D013.required.capacity / D073.required.serviceArea
          () => delete row[typeCode === 'D013' ? '吨(座)位' : '经营区域'],
          () => (row['车牌颜色'] = '7'), // format.plateColour
        ]
      : [() => delete row['地址'], () => (row['经营范围'] = '999')];
  const all = [...common, ...specific, ...specific];
  all[Math.floor(rnd() * all.length)]!();
}

/** One defect the import must refuse (docs/stock-import.md, "Refused"). */
function refuse(row: GeneratedRow, rnd: () => number) {
  const kinds = [
    () => {
      const id = row['持证人证件号码']!;
      const last = id.charAt(17);
      row['持证人证件号码'] = id.slice(0, 17) + (last === '1' ? '2' : '1');
    },
    () => (row['类型代码'] = 'D999'),
    () => (row['发证日期'] = '2025-13-45'),
    () => (row['证照编号'] = ''),
    () => (row['更新时间'] = ''),
    () => (row['载体'] = '电子证照'),
  ];
  kinds[Math.floor(rnd() * kinds.length)]!();
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The file's lines (CSV, CRLF), marker first. */
export function* generateStockCsvLines(options: GenerateOptions, stats?: GenerateStats): Generator<string> {
  const header = mixedHeader();
  yield `${stockImportLimits.syntheticMarker} synthetic — 测试用合成存量证照数据，非真实数据 (seed ${options.seed ?? 1}, ${options.count} rows)\r\n`;
  yield `${header.map(csvCell).join(',')}\r\n`;
  for (const row of generateStockRows(options, stats))
    yield `${header.map((h) => csvCell(row[h] ?? '')).join(',')}\r\n`;
}

/** Writes a synthetic CSV file; returns what went in. */
export async function writeSyntheticStock(path: string, options: GenerateOptions): Promise<GenerateStats> {
  const stats: GenerateStats = { rows: 0, defects: 0, refused: 0, byType: {} };
  const out = createWriteStream(path);
  let buffered = '';
  for (const line of generateStockCsvLines(options, stats)) {
    buffered += line;
    if (buffered.length > 1 << 16) {
      if (!out.write(buffered)) await once(out, 'drain');
      buffered = '';
    }
  }
  out.end(buffered);
  await once(out, 'finish');
  return stats;
}

async function main() {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '100000' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
    },
  });
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1) throw new Error('--count must be a positive integer');
  const out = values.out ?? `/tmp/synthetic-stock-${count}.csv`;
  const started = performance.now();
  const stats = await writeSyntheticStock(out, { count, seed: Number(values.seed) });
  console.log(
    `合成数据 synthetic: ${stats.rows} rows (${stats.defects} with a compliance defect, ${stats.refused} to be refused) → ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
