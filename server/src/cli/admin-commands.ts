import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import QRCode from 'qrcode';
import type { AuditLog } from '../lib/audit';
import type { FieldCrypto } from '../lib/field-crypto';
import { base32Encode, hashPassword, otpauthUri, TOTP_SECRET_COLUMN } from '../modules/staff';
import type { AdminRepo, StaffRoleName } from './admin.repo';
import { REMINDERS_USAGE, runRemindersCommand, type RemindersCommandDeps } from './admin-reminders';
import { runStockImportCommand, STOCK_IMPORT_USAGE, type StockImportCommandDeps } from './stock-import-commands';

/**
 * `npm run admin -- <command> …`: the people side of a production install, where nothing is
 * seeded. Every change is audited (actor SYSTEM `admin-cli`). Secrets — the first password
 * and the TOTP enrolment (otpauth URI and QR) — are printed once and stored only hashed or
 * sealed; whoever runs the command hands them to the person and clears the terminal.
 */
export type AdminDeps = {
  admin: AdminRepo;
  fieldCrypto: Pick<FieldCrypto, 'encrypt'>;
  audit: AuditLog;
  out: (line: string) => void;
  now?: () => Date;
  /** The stock import (import:file, import:resume); absent where the caller did not wire it. */
  stock?: StockImportCommandDeps['stock'];
  /** The reminder scheduler and sender (reminders:run); absent where the caller did not wire it. */
  reminders?: RemindersCommandDeps['reminders'];
};

export const ADMIN_USAGE = `用法 (usage):
  npm run admin -- create-staff --username <名> --name <显示名> --roles ADMIN[,REVIEWER,DATA_STEWARD] --region <行政区划 2/4/6 位>
  npm run admin -- reset-lockout --username <名>
  npm run admin -- list-sessions [--username <名>] [--all]
  npm run admin -- revoke-session --id <会话 id>
${STOCK_IMPORT_USAGE}
${REMINDERS_USAGE}`;

/** A usage error: printed in Chinese with the usage, exit code 64 (EX_USAGE). */
export class AdminUsageError extends Error {}

const ROLES: readonly StaffRoleName[] = ['REVIEWER', 'DATA_STEWARD', 'ADMIN'];
const USERNAME = /^[a-z][a-z0-9._-]{2,63}$/;
const REGION = /^(\d{2}|\d{4}|\d{6})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const actor = { actorKind: 'SYSTEM' as const, actorId: 'admin-cli' };

function need(value: string | undefined, what: string): string {
  if (!value) throw new AdminUsageError(`缺少参数 ${what}`);
  return value;
}

/** Runs one admin command; returns the process exit code. */
export async function runAdmin(argv: string[], deps: AdminDeps): Promise<number> {
  const { admin, audit, out } = deps;
  const now = deps.now ?? (() => new Date());
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      roles: { type: 'string' },
      region: { type: 'string' },
      id: { type: 'string' },
      all: { type: 'boolean', default: false },
      file: { type: 'string' },
      at: { type: 'string' },
    },
    strict: true,
  });

  switch (command) {
    case 'create-staff': {
      const username = need(values.username, '--username').toLowerCase();
      if (!USERNAME.test(username)) throw new AdminUsageError('用户名须为 3–64 位小写字母、数字或 . _ -，以字母开头');
      const displayName = need(values.name, '--name').trim();
      if (displayName.length < 1 || displayName.length > 100) throw new AdminUsageError('显示名须为 1–100 个字符');
      const roles = [
        ...new Set(
          need(values.roles, '--roles')
            .split(',')
            .map((r) => r.trim().toUpperCase()),
        ),
      ];
      const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (unknown.length || roles.length === 0)
        throw new AdminUsageError(`未知角色 ${unknown.join(',')}；可选 ${ROLES.join(', ')}`);
      const regionCode = need(values.region, '--region');
      if (!REGION.test(regionCode)) throw new AdminUsageError('行政区划代码须为 2、4 或 6 位数字（如 44 = 全省）');
      if (await admin.staffByUsername(username)) throw new AdminUsageError(`用户名 ${username} 已存在`);

      // 18 random bytes → 24 base64url characters: the first password, shown once.
      const password = randomBytes(18).toString('base64url');
      const secret = base32Encode(randomBytes(20));
      const staff = await admin.createStaff({
        username,
        displayName,
        passwordHash: await hashPassword(password),
        totpSecretEnc: deps.fieldCrypto.encrypt(secret, TOTP_SECRET_COLUMN),
        roles: roles as StaffRoleName[],
        regionCode,
      });
      await audit.record({
        ...actor,
        action: 'staff.admin_create',
        subjectType: 'staff_user',
        subjectId: staff.id,
        outcome: 'OK',
        detail: { roles: staff.roles.join(','), regionCode },
      });
      const uri = otpauthUri(secret, username);
      out(`已创建 staff ${username} (${staff.id})，角色 ${staff.roles.join(',')}，区划 ${regionCode}`);
      out(`初始密码（仅显示这一次）: ${password}`);
      out(`TOTP 绑定（仅显示这一次，用验证器 App 扫码或输入 URI）:`);
      out(uri);
      out(await QRCode.toString(uri, { type: 'terminal', small: true }));
      return 0;
    }
    case 'reset-lockout': {
      const username = need(values.username, '--username').toLowerCase();
      const staff = await admin.staffByUsername(username);
      if (!staff) throw new AdminUsageError(`没有用户名为 ${username} 的 staff`);
      await admin.resetLockout(staff.id);
      await audit.record({
        ...actor,
        action: 'staff.admin_reset_lockout',
        subjectType: 'staff_user',
        subjectId: staff.id,
        outcome: 'OK',
        detail: { wasLocked: staff.lockedUntil !== null && staff.lockedUntil > now() },
      });
      out(`已解除 ${username} 的锁定（失败次数清零）`);
      return 0;
    }
    case 'list-sessions': {
      let staffUserId: string | undefined;
      if (values.username) {
        const staff = await admin.staffByUsername(values.username.toLowerCase());
        if (!staff) throw new AdminUsageError(`没有用户名为 ${values.username} 的 staff`);
        staffUserId = staff.id;
      }
      const sessions = await admin.staffSessions({ staffUserId, all: values.all, now: now() });
      out(['id', 'username', 'platform', 'createdAt', 'lastSeenAt', 'expiresAt', 'revokedAt'].join('\t'));
      for (const s of sessions)
        out(
          [
            s.id,
            s.staffUser?.username ?? '',
            s.platform,
            s.createdAt.toISOString(),
            s.lastSeenAt.toISOString(),
            s.expiresAt.toISOString(),
            s.revokedAt?.toISOString() ?? '',
          ].join('\t'),
        );
      out(`${sessions.length} 个会话${values.all ? '' : '（仅有效会话；--all 显示全部）'}`);
      return 0;
    }
    case 'revoke-session': {
      const id = need(values.id, '--id');
      if (!UUID.test(id)) throw new AdminUsageError('会话 id 格式不正确');
      const revoked = await admin.revokeSession(id, now());
      if (!revoked) throw new AdminUsageError(`会话 ${id} 不存在或已注销`);
      await audit.record({
        ...actor,
        action: 'session.admin_revoke',
        subjectType: 'session',
        subjectId: id,
        outcome: 'OK',
      });
      out(`已注销会话 ${id}`);
      return 0;
    }
    case 'import:file':
    case 'import:resume':
      return runStockImportCommand(command, values, {
        stock: deps.stock,
        out,
        now,
        usageError: (m) => new AdminUsageError(m),
      });
    case 'reminders:run':
      return runRemindersCommand(values, {
        reminders: deps.reminders,
        out,
        now,
        usageError: (m) => new AdminUsageError(m),
      });
    default:
      throw new AdminUsageError(command ? `未知命令 ${command}` : '缺少命令');
  }
}
