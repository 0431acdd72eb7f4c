import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { checkCompliance, chinaToday, getCertificateType, citizenIdCheckChar, type IsoDate } from '@roadcert/shared';
import { openDatabase } from '../server/src/db/database';
import { createFieldCrypto } from '../server/src/lib/field-crypto';
import { createLogger } from '../server/src/lib/logger';
import { uuidv7 } from '../server/src/lib/uuidv7';
import { createComplianceModule } from '../server/src/modules/compliance';
import { creditCode } from '../server/src/seed/demo-holders';

/**
 * The batch compliance check over a synthetic provincial stock, on PostgreSQL
 * (docs/compliance.md, "Measured"). Targets (issue 13): ≥ 20,000 certificates/s with peak RSS
 * ≤ 300 MB over 1,000,000 certificates; a recheck of one certificate after a change p99 ≤ 20 ms.
 *
 *   npm run bench:compliance -- [--certificates 1000000] [--keep]
 *
 * Writes the stock straight into a fresh database (BENCH_DATABASE_URL's server, default the
 * local PostgreSQL): 合成数据 — synthetic persons (测试 names), operators and vehicles across the
 * nine types and 21 Guangdong cities, ~7 % with a defect of one rule family; ids are UUIDv7 as
 * the schema makes them, so id order is roughly insertion order). Then: the full
 * check (twice: the first opens the tasks, the second is the steady state, writing nothing),
 * where the time goes (reading pages, the rules, decrypting, writing), and 2,000 single rechecks.
 */

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const N = arg('certificates', 1_000_000);
const keep = args.includes('--keep');
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
/** `--check <db>`: the measuring half, in a process of its own so its RSS is the check's alone. */
const checkOnly = args.includes('--check') ? args[args.indexOf('--check') + 1]! : null;
const dbName = checkOnly ?? `roadcert_bench_compliance_${process.pid}`;

const cities = [
  '4401',
  '4402',
  '4403',
  '4404',
  '4405',
  '4406',
  '4407',
  '4408',
  '4409',
  '4412',
  '4413',
  '4414',
  '4415',
  '4416',
  '4417',
  '4418',
  '4419',
  '4420',
  '4451',
  '4452',
  '4453',
];
const plateLetters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const authorities = cities.map((c) => ({
  area: `${c}00`,
  name: `${c}交通运输局（合成）`,
  code: creditCode(`11${c}00`, `00${c}99`),
}));

/** Deterministic pseudo-random (mulberry32), so every run writes the same stock. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rssPeak = { mb: 0 };
const sampler = setInterval(() => {
  rssPeak.mb = Math.max(rssPeak.mb, process.memoryUsage().rss / 1048576);
}, 50);

function databaseUrl(name: string) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function main() {
  if (checkOnly) return measure();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  try {
    const database = await openDatabase({ kind: 'postgres', url: databaseUrl(dbName), poolMax: 4 });
    const t0 = performance.now();
    await writeStock(database.sql, crypto);
    console.log(
      `stock: ${N.toLocaleString()} certificates written in ${((performance.now() - t0) / 1000).toFixed(1)} s (synthetic, 合成数据)`,
    );
    await database.sql.query('ANALYZE');
    await database.close();
    // The heap cap of `npm run compliance:check` (package.json), so the figures are that command's.
    const child = spawnSync(
      process.execPath,
      ['--max-old-space-size=160', ...process.execArgv, new URL(import.meta.url).pathname, '--check', dbName],
      {
        stdio: 'inherit',
      },
    );
    if (child.status !== 0) process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    if (!keep) await admin.query(`DROP DATABASE "${dbName}" WITH (FORCE)`);
    else console.log(`kept database ${dbName}`);
    await admin.end();
  }
}

const crypto = createFieldCrypto({ encryptionKey: Buffer.alloc(32, 7), blindIndexKey: Buffer.alloc(32, 9) });

async function measure() {
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl(dbName), poolMax: 4 });
  try {
    const compliance = createComplianceModule({
      config: { storage: { urlTtlSeconds: 300 } } as never,
      prisma: database.prisma,
      sql: database.sql,
      logger: createLogger('warn'),
      audit: {} as never,
      fieldCrypto: crypto,
      keys: {} as never,
      storage: {} as never,
    });
    const today = chinaToday() as IsoDate;
    rssPeak.mb = process.memoryUsage().rss / 1048576;
    console.log(`RSS before the check: ${Math.round(rssPeak.mb)} MB (Node, tsx, Prisma client, pg pool)`);
    for (const label of ['first run (opens the tasks)', 'second run (steady state)']) {
      const started = performance.now();
      const acc = await compliance.batch.checkAll(today);
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `${label}: ${acc.read.toLocaleString()} certificates in ${seconds.toFixed(1)} s = ${Math.round(acc.read / seconds).toLocaleString()}/s; ` +
          `compliant ${acc.compliant.toLocaleString()} / ${acc.total.toLocaleString()} in scope (${((100 * acc.compliant) / acc.total).toFixed(2)} %); peak RSS ${Math.round(rssPeak.mb)} MB`,
      );
    }
    const tasks = await database.sql.query(
      `SELECT "ruleCode", count(*)::int AS n FROM "CompletionTask" WHERE "state" = 'OPEN' GROUP BY 1 ORDER BY 2 DESC`,
    );
    console.log(
      'open tasks by rule: ' +
        (tasks.rows as { ruleCode: string; n: number }[]).map((r) => `${r.ruleCode} ${r.n}`).join(', '),
    );
    await whereTheTimeGoes(compliance, database.sql, today);
    await rechecks(compliance, database.sql, today);
  } finally {
    clearInterval(sampler);
    await database.close();
  }
}

/** One page's parts timed apart: the read, the rules (with decryption), the task writes. */
async function whereTheTimeGoes(
  compliance: ReturnType<typeof createComplianceModule>,
  sql: pg.Pool | { query: pg.Pool['query'] },
  today: IsoDate,
) {
  let readMs = 0;
  let pages = 0;
  let after: string | null = null;
  const rows = [];
  for (let i = 0; i < 25; i++) {
    const s = performance.now();
    const page = await compliance.checker.readPage(after, 2_000);
    readMs += performance.now() - s;
    if (page.length === 0) break;
    after = page.at(-1)!.id;
    rows.push(...page);
    pages++;
  }
  const s = performance.now();
  // Operators' licences are not read here (an empty map): every 运输证 then fails its licence
  // rules, so "rules" is an approximation of the run's (which reads them per page).
  const licences = new Map();
  const built = rows.map((r) => compliance.checker.subjectOf(r, licences));
  const buildMs = performance.now() - s;
  const r0 = performance.now();
  for (const subject of built) checkCompliance(subject, { today });
  const rulesMs = performance.now() - r0;
  const per = (ms: number) => `${((ms * 1000) / rows.length).toFixed(1)} µs`;
  console.log(
    `where the time goes, per certificate (${rows.length.toLocaleString()} in ${pages} pages): ` +
      `read ${per(readMs)}, build subject + decrypt ${per(buildMs)}, rules ${per(rulesMs)}`,
  );
}

/** 2,000 single-certificate rechecks (what every change runs), sequential: latency percentiles. */
async function rechecks(
  compliance: ReturnType<typeof createComplianceModule>,
  sql: { query: pg.Pool['query'] },
  today: IsoDate,
) {
  const { rows } = await sql.query(`SELECT "id" FROM "Certificate" TABLESAMPLE SYSTEM (1) LIMIT 2000`);
  const ids = (rows as { id: string }[]).map((r) => r.id);
  const times: number[] = [];
  for (const id of ids) {
    const s = performance.now();
    await compliance.checker.recheck([id], today);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
  console.log(
    `recheck of one certificate (${ids.length} samples): p50 ${p(0.5)} ms, p99 ${p(0.99)} ms, max ${p(1)} ms`,
  );
}

type Row = Record<string, unknown>;

/** Multi-row insert from column arrays (unnest), one statement per table per batch. */
async function insert(sql: { query: pg.Pool['query'] }, table: string, columns: [string, string][], rows: Row[]) {
  if (rows.length === 0) return;
  const cols = columns.map(([c]) => `"${c}"`).join(', ');
  const unnest = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  await sql.query(
    `INSERT INTO "${table}" (${cols}) SELECT * FROM unnest(${unnest})`,
    columns.map(([c]) => rows.map((r) => r[c] ?? null)),
  );
}

/**
 * The synthetic stock: 45 % drivers' 从业资格证 (D071/D075/D072), 50 % vehicles' 运输证
 * (D013, D073) of operators holding 25 vehicles each with their 经营许可证 (D008/D074), the rest
 * other licences. A defect on ~7 %: 准驾车型 missing or not fitting, expired but 有效, a bad
 * plate, a licence lapsed, a bad area code.
 */
async function writeStock(sql: { query: pg.Pool['query'] }, crypto: ReturnType<typeof createFieldCrypto>) {
  const random = rng(20261203);
  const today = new Date(`${chinaToday()}T00:00:00Z`);
  const day = (offsetDays: number) => new Date(today.getTime() + offsetDays * 86_400_000);
  const now = new Date();
  /** Issued on `issued` for the registry's term (the last day included); issued long ago, it is expired but 有效. */
  const termOf = (typeCode: string, issued: Date) => {
    const years = getCertificateType(typeCode)!.validity.years;
    const until = new Date(issued);
    until.setUTCFullYear(until.getUTCFullYear() + years);
    return { issuedOn: issued, validFrom: issued, validUntil: new Date(until.getTime() - 86_400_000) };
  };
  let made = 0;
  let person = 0;
  let operatorNo = 0;
  let plateNo = 0;
  let operator: { holderId: string; licenceNo: string } | undefined;
  const BATCH = 5_000;
  while (made < N) {
    const holders: Row[] = [];
    const vehicles: Row[] = [];
    const certs: Row[] = [];
    const target = Math.min(N, made + BATCH);
    while (made < target) {
      const city = Math.floor(random() * cities.length);
      const authority = authorities[city]!;
      const defect = random() < 0.07 ? Math.floor(random() * 6) : -1;
      const issued = day(-Math.floor(random() * 1500) - 30);
      const base = {
        carrier: random() < 0.7 ? 'PAPER' : 'IC_CARD',
        status: 'VALID',
        issueReason: 'INITIAL',
        issuedOn: issued,
        validFrom: issued,
        issuingAuthority: authority.name,
        issuingAuthorityCode: authority.code,
        areaCode: defect === 5 ? `${cities[city]}99` : authority.area,
        createdAt: now,
        updatedAt: now,
        statusChangedAt: now,
        version: 1,
        presentationEpoch: 0,
      };
      if (made % 100 < 45) {
        // A driver.
        person++;
        // Unique: a birth day per thousand persons, a sequence within the day.
        const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(person / 1000) * 86_400_000);
        const first17 = `${cities[city]}01${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(person % 1000).padStart(3, '0')}`;
        const idNumber = first17 + citizenIdCheckChar(first17);
        const holderId = uuidv7();
        const sealed = crypto.sealIdNumber(idNumber);
        holders.push({
          id: holderId,
          kind: 'PERSON',
          holderTypeCode: '111',
          name: `测试${person}`,
          idNumberEnc: Buffer.from(sealed.enc),
          idNumberHash: sealed.hash,
          idNumberMasked: sealed.masked,
          areaCode: authority.area,
          createdAt: now,
          updatedAt: now,
        });
        const typeCode = made % 100 < 38 ? 'D071' : made % 100 < 42 ? 'D075' : 'D072';
        const categories = typeCode === 'D071' ? ['02001'] : typeCode === 'D075' ? ['09002'] : ['09003'];
        const licence = typeCode === 'D071' ? (defect === 1 ? 'C1' : 'A2') : 'C1';
        const extension: Row = { qualificationCategories: categories, firstIssuedDate: '2010-05-01' };
        if (defect !== 0) extension.licenceClasses = licence;
        if (typeCode !== 'D071') extension.serviceArea = '广州市';
        if (typeCode === 'D075') extension.serviceCompany = '合成出租汽车公司';
        const number = crypto.sealIdNumber(idNumber, 'certificateNumber');
        certs.push({
          ...base,
          id: uuidv7(),
          typeCode,
          numberEnc: Buffer.from(number.enc),
          numberHash: number.hash,
          numberMasked: number.masked,
          holderId,
          ...termOf(typeCode, defect === 2 ? day(-2200) : issued),
          extension,
        });
      } else {
        // An operator's vehicle; every 25th vehicle opens a new operator with its 经营许可证.
        if (plateNo % 25 === 0) {
          operatorNo++;
          const holderId = uuidv7();
          const org = String(operatorNo).padStart(8, '0');
          const code = creditCode(`91${cities[city]}00`, org);
          holders.push({
            id: holderId,
            kind: 'OPERATOR',
            holderTypeCode: '001',
            name: `测试物流${operatorNo}有限公司`,
            creditCode: code,
            businessStatus: '1',
            areaCode: authority.area,
            createdAt: now,
            updatedAt: now,
          });
          const licenceNo = `粤交运管许可合成字${cities[city]}00${String(operatorNo).padStart(6, '0')}号`;
          const sealed = crypto.seal(licenceNo, 'certificateNumber', 'certificate-number', (n) => n);
          certs.push({
            ...base,
            id: uuidv7(),
            typeCode: 'D008',
            numberEnc: Buffer.from(sealed.enc),
            numberHash: sealed.hash,
            numberMasked: licenceNo,
            holderId,
            ...termOf('D008', defect === 3 ? day(-1900) : issued),
            extension: {
              businessScope: ['021', '022'],
              economicType: '159',
              legalRepresentative: '测试',
              address: '广东省合成地址',
              branchFlag: '1',
            },
          });
          made++;
          operator = { holderId, licenceNo };
        }
        plateNo++;
        const letter = plateLetters[Math.floor(plateNo / 100_000) % plateLetters.length]!;
        const plate = `粤${letter}${String(plateNo % 100_000).padStart(5, '0')}`;
        const vehicleId = uuidv7();
        vehicles.push({
          id: vehicleId,
          operatorId: operator!.holderId,
          plateNumber: plate,
          plateColour: '2',
          vehicleTypeCode: 'H11',
          operatingStatus: '10',
          createdAt: now,
          updatedAt: now,
        });
        const number = `粤交运管合成字${cities[city]}00${String(plateNo).padStart(7, '0')}号`;
        const sealed = crypto.seal(number, 'certificateNumber', 'certificate-number', (n) => n);
        certs.push({
          ...base,
          id: uuidv7(),
          typeCode: 'D013',
          numberEnc: Buffer.from(sealed.enc),
          numberHash: sealed.hash,
          numberMasked: number,
          holderId: operator!.holderId,
          vehicleId,
          ...termOf('D013', defect === 2 ? day(-1900) : issued),
          extension: {
            plateNumber: defect === 4 ? `粤${letter}O${String(plateNo % 10_000).padStart(4, '0')}` : plate,
            plateColour: '2',
            operatingLicenceNumber: operator!.licenceNo,
            vehicleType: 'H11',
            capacity: '18吨',
            dimensions: '11980×2550×3980',
            businessScope: ['021'],
            economicType: '159',
            address: '广东省合成地址',
            firstIssuedDate: '2020-03-01',
            reviewValidUntil: day(300).toISOString().slice(0, 10),
          },
        });
      }
      made++;
    }
    await insert(
      sql,
      'Holder',
      [
        ['id', 'uuid'],
        ['kind', '"HolderKind"'],
        ['holderTypeCode', 'varchar'],
        ['name', 'varchar'],
        ['idNumberEnc', 'bytea'],
        ['idNumberHash', 'varchar'],
        ['idNumberMasked', 'varchar'],
        ['creditCode', 'varchar'],
        ['businessStatus', 'varchar'],
        ['areaCode', 'varchar'],
        ['createdAt', 'timestamp'],
        ['updatedAt', 'timestamp'],
      ],
      holders,
    );
    await insert(
      sql,
      'Vehicle',
      [
        ['id', 'uuid'],
        ['operatorId', 'uuid'],
        ['plateNumber', 'varchar'],
        ['plateColour', 'varchar'],
        ['vehicleTypeCode', 'varchar'],
        ['operatingStatus', 'varchar'],
        ['createdAt', 'timestamp'],
        ['updatedAt', 'timestamp'],
      ],
      vehicles,
    );
    await insert(
      sql,
      'Certificate',
      [
        ['id', 'uuid'],
        ['typeCode', 'varchar'],
        ['numberEnc', 'bytea'],
        ['numberHash', 'varchar'],
        ['numberMasked', 'varchar'],
        ['holderId', 'uuid'],
        ['vehicleId', 'uuid'],
        ['carrier', '"Carrier"'],
        ['status', '"CertificateStatus"'],
        ['statusChangedAt', 'timestamp'],
        ['issueReason', '"IssueReason"'],
        ['issuedOn', 'date'],
        ['validFrom', 'date'],
        ['validUntil', 'date'],
        ['issuingAuthority', 'varchar'],
        ['issuingAuthorityCode', 'varchar'],
        ['areaCode', 'varchar'],
        ['extension', 'jsonb'],
        ['version', 'int'],
        ['presentationEpoch', 'int'],
        ['createdAt', 'timestamp'],
        ['updatedAt', 'timestamp'],
      ],
      certs.map((c) => ({ ...c, extension: JSON.stringify(c.extension) })),
    );
  }
}

await main();
