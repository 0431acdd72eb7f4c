import pg from 'pg';
import { chinaToday } from '@roadcert/shared';
import { createConsoleSms } from '../server/src/adapters/sms/console-sms';
import { loadConfig } from '../server/src/config';
import { openDatabase, type Database } from '../server/src/db/database';
import { createAuditLog } from '../server/src/lib/audit';
import { createFieldCrypto } from '../server/src/lib/field-crypto';
import { createLogger } from '../server/src/lib/logger';
import { createRemindersModule } from '../server/src/modules/reminders';

/**
 * Reminders on PostgreSQL (docs/reminders.md, "Measured"). Targets (issue 14):
 *   (a) find and enqueue the due reminders over 1,000,000 certificates in ≤ 30 s;
 *   (b) send 10,000 SMS through the console provider with the caps in force.
 *
 *   npm run bench:reminders -- [--certificates 1000000] [--sms 10000] [--keep] [--no-sender]
 *
 * (a) writes a synthetic stock (合成数据) with set-based SQL into a fresh database: 250,000
 * holders with a number on record, 1,000,000 certificates whose 有效期 ends spread over six
 * years, 40 % with a 年审/诚信考核 date within a year, a third paper/IC, electronic ones arriving
 * over three years (a tenth not activated), and 100,000 completion tasks over 100 days. Then the
 * daily scheduler runs for one day (what is due that day), again (the rerun: nothing new), and
 * a conversion invitation goes to every paper/IC 从业资格证 in the province (the biggest set).
 * (b) in a second fresh database: 10,000 SMS reminders due at once — 8,000 numbers with one and
 * 250 numbers with eight (the daily cap of 5 holds back 750) — sent through the console
 * stand-in (kept in the local outbox), then the next morning's run sends the 750.
 */
const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const N = arg('certificates', 1_000_000);
const SMS = arg('sms', 10_000);
const keep = args.includes('--keep');
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const logger = createLogger('warn');
const crypto = createFieldCrypto({ encryptionKey: Buffer.alloc(32, 7), blindIndexKey: Buffer.alloc(32, 9) });
const seconds = (t0: number) => (performance.now() - t0) / 1000;

const databaseUrl = (name: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

function moduleOn(database: Database, dailyCap = 5, queueJob?: (name: string) => Promise<string | null>) {
  const config = loadConfig({ DATABASE_URL: databaseUrl('x'), LOG_LEVEL: 'warn', SMS_DAILY_CAP: String(dailyCap) });
  return createRemindersModule({
    config,
    prisma: database.prisma,
    sql: database.sql,
    logger,
    audit: createAuditLog(database.prisma),
    fieldCrypto: crypto,
    sms: createConsoleSms({ prisma: database.prisma, fieldCrypto: crypto, logger }),
    wechat: null,
    queueJob,
  });
}

/** A fresh database, migrated; dropped afterwards unless --keep. */
async function withDatabase<T>(label: string, fn: (database: Database) => Promise<T>): Promise<T> {
  const name = `roadcert_bench_reminders_${label}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl(name), poolMax: 4 });
  try {
    return await fn(database);
  } finally {
    await database.close();
    if (!keep) await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    else console.log(`kept database ${name}`);
    await admin.end();
  }
}

const TODAY = chinaToday();
const NOW = new Date(`${TODAY}T09:00:00+08:00`);

async function writeStock(sql: Database['sql']) {
  const holders = Math.ceil(N / 4);
  const phone = crypto.sealPhone('13800000000');
  const number = crypto.encrypt('synthetic', 'number');
  await sql.query(
    `INSERT INTO "Holder" (id, kind, "holderTypeCode", name, "areaCode", "phoneEnc", "phoneHash", "phoneMasked", "createdAt", "updatedAt")
     SELECT md5('h' || i)::uuid, 'PERSON', '111', '测试' || i, '4401' || lpad((i % 12 + 1)::text, 2, '0'),
            $2::bytea, md5('p' || i) || md5('q' || i), '138****0000', now(), now()
     FROM generate_series(1, $1::int) AS i`,
    [holders, Buffer.from(phone.enc)],
  );
  await sql.query(
    `INSERT INTO "Certificate" (id, "typeCode", "numberEnc", "numberHash", "numberMasked", "holderId", carrier, status,
       "issuedOn", "validFrom", "validUntil", "reviewDueOn", "issuingAuthority", "issuingAuthorityCode", "areaCode",
       "activatedAt", "createdAt", "updatedAt", "statusChangedAt")
     SELECT md5('c' || i)::uuid, CASE WHEN i % 5 = 0 THEN 'Q011' ELSE 'D071' END, $2::bytea,
            md5('n' || i) || md5('m' || i), 'N****', md5('h' || (i % $3::int + 1))::uuid,
            (CASE i % 3 WHEN 0 THEN 'PAPER' WHEN 1 THEN 'IC_CARD' ELSE 'ELECTRONIC' END)::"Carrier", 'VALID',
            $4::date - 2000, $4::date - 2000,
            $4::date - 200 + (i::bigint * 7919 % 2190)::int,
            CASE WHEN i % 5 < 2 THEN $4::date + (i::bigint * 104729 % 365)::int END,
            '广州市交通运输局（合成）', '11440100MB2C93761X', '4401' || lpad((i % 12 + 1)::text, 2, '0'),
            CASE WHEN i % 3 = 2 AND i % 10 <> 2 THEN now() END,
            now() - make_interval(days => i * 31 % 1095), now(), now()
     FROM generate_series(1, $1::int) AS i`,
    [N, Buffer.from(number), holders, TODAY],
  );
  await sql.query(
    `INSERT INTO "CompletionTask" (id, "certificateId", "holderId", "ruleCode", field, message, severity, "fixableBy",
       "typeCode", "areaCode", state, "createdAt", "updatedAt")
     SELECT md5('t' || i)::uuid, md5('c' || (i * 10))::uuid, md5('h' || (i * 10 % $2::int + 1))::uuid, 'RE.synthetic',
            'licenceClasses', '缺少准驾车型', 'blocking', 'holder', 'D071', '440101', 'OPEN',
            now() - make_interval(hours => i % 2400), now()
     FROM generate_series(1, $1::int / 10) AS i`,
    [N, holders],
  );
  await sql.query('ANALYZE');
}

async function benchScheduler() {
  return withDatabase('stock', async (database) => {
    let t0 = performance.now();
    await writeStock(database.sql);
    console.log(
      `(a) stock: ${N.toLocaleString()} certificates, ${(N / 10).toLocaleString()} tasks written in ${seconds(t0).toFixed(1)} s`,
    );
    const reminders = moduleOn(database);
    t0 = performance.now();
    const first = await reminders.scheduler.run(NOW);
    const firstS = seconds(t0);
    t0 = performance.now();
    const rerun = await reminders.scheduler.run(NOW);
    const rerunS = seconds(t0);
    const byKind = Object.entries(first.byKind)
      .map(([k, c]) => `${k} ${c!.reminders.toLocaleString()}`)
      .join(', ');
    console.log(
      `(a) scheduler for ${TODAY}: ${first.reminders.toLocaleString()} reminders (${byKind}), ` +
        `${first.sms.toLocaleString()} SMS queued in ${firstS.toFixed(2)} s (target ≤ 30 s); ` +
        `rerun ${rerun.reminders} new in ${rerunS.toFixed(2)} s`,
    );
    const staff = {
      requestId: 'bench',
      staff: {
        sessionId: 's',
        staffUserId: '00000000-0000-7000-8000-000000000001',
        roles: ['ADMIN' as const],
        regionCode: '440000',
      },
    };
    // The request records the run and queues the job (answered at once); the job writes the
    // reminders in chunks (run here in-process, as the job runner would).
    const queuing = moduleOn(database, 5, async () => 'bench-job');
    t0 = performance.now();
    const run = await queuing.invitations.queue(staff, { typeCode: 'D071', carriers: ['PAPER', 'IC_CARD'] });
    const requestS = seconds(t0);
    t0 = performance.now();
    const worked = await queuing.invitations.work(run.id);
    const jobS = seconds(t0);
    console.log(
      `(a) conversion invitation to every paper/IC 从业资格证 in the province: the request answered in ${requestS.toFixed(2)} s ` +
        `(run recorded, ${run.previewCount.toLocaleString()} certificates); the job wrote ${Number(worked.queued).toLocaleString()} reminders ` +
        `in ${worked.chunks} chunks in ${jobS.toFixed(2)} s`,
    );
    return { firstS, reminders: first.reminders, invited: Number(worked.queued) };
  });
}

async function benchSender() {
  return withDatabase('sms', async (database) => {
    const singles = Math.round(SMS * 0.8);
    const heavy = Math.round((SMS - singles) / 8);
    const holders = singles + heavy;
    const phones = Array.from({ length: holders }, (_, i) => `139${String(i).padStart(8, '0')}`);
    const sealed = phones.map((p) => crypto.sealPhone(p));
    await database.sql.query(
      `INSERT INTO "Holder" (id, kind, "holderTypeCode", name, "areaCode", "phoneEnc", "phoneHash", "phoneMasked", "createdAt", "updatedAt")
       SELECT md5('h' || i)::uuid, 'PERSON', '111', '测试', '440101', e, h, '139****0000', now(), now()
       FROM unnest($1::bytea[], $2::text[]) WITH ORDINALITY AS u(e, h, i)`,
      [sealed.map((s) => Buffer.from(s.enc)), sealed.map((s) => s.hash)],
    );
    // One certificate due in 30 days per single holder, eight per heavy holder (30 … 27 and 7 … 4 days).
    await database.sql.query(
      `INSERT INTO "Certificate" (id, "typeCode", "numberEnc", "numberHash", "numberMasked", "holderId", carrier, status,
         "issuedOn", "validFrom", "validUntil", "issuingAuthority", "issuingAuthorityCode", "areaCode", "activatedAt",
         "createdAt", "updatedAt", "statusChangedAt")
       SELECT gen_random_uuid(), 'D071', '\\x00'::bytea, md5(random()::text), 'N****', md5('h' || h)::uuid, 'ELECTRONIC', 'VALID',
              $3::date - 1000, $3::date - 1000, $3::date + d, '广州市交通运输局（合成）', '11440100MB2C93761X', '440101',
              now(), now() - interval '400 days', now(), now()
       FROM (SELECT h, 30 AS d FROM generate_series(1, $1::int) AS h
             UNION ALL
             SELECT h, d FROM generate_series($1::int + 1, $1::int + $2::int) AS h,
               unnest(ARRAY[30, 29, 28, 27, 7, 6, 5, 4]) AS d) AS s`,
      [singles, heavy, TODAY],
    );
    const reminders = moduleOn(database, 5);
    const queued = await reminders.scheduler.run(NOW);
    const sender = reminders.senderWith({ batchSize: 1000 });
    let t0 = performance.now();
    const day1 = await sender.run(new Date(`${TODAY}T10:00:00+08:00`));
    const day1S = seconds(t0);
    t0 = performance.now();
    const tomorrow = new Date(new Date(`${TODAY}T10:00:00+08:00`).getTime() + 86_400_000);
    const day2 = await sender.run(tomorrow);
    const day2S = seconds(t0);
    const { rows } = await database.sql.query(
      `SELECT count(*)::int AS n FROM "MessageOutbox" WHERE provider = 'console' AND "reminderId" IS NULL`,
    );
    console.log(
      `(b) ${queued.sms.toLocaleString()} SMS queued to ${holders.toLocaleString()} numbers; first run: ${day1.sent.toLocaleString()} sent, ` +
        `${day1.deferred.toLocaleString()} held back by the daily cap (5) in ${day1S.toFixed(2)} s ` +
        `(${Math.round((day1.sent + day1.deferred) / day1S).toLocaleString()} messages/s); next morning: ${day2.sent} sent in ${day2S.toFixed(2)} s; ` +
        `${rows[0].n.toLocaleString()} messages in the console outbox`,
    );
    return { day1, day1S };
  });
}

async function main() {
  const a = await benchScheduler();
  if (args.includes('--no-sender')) return;
  const b = await benchSender();
  if (a.firstS > 30) {
    console.error(`scheduler took ${a.firstS.toFixed(1)} s > 30 s`);
    process.exitCode = 1;
  }
  if (b.day1.sent + b.day1.deferred < SMS) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
