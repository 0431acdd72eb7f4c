import {
  conversionInvitationPreviewSchema,
  conversionInvitationResultSchema,
  reminderStatsSchema,
  type ConversionInvitationFilter,
  type ConversionInvitationPreview,
  type ReminderStats,
} from '@roadcert/shared';
import { staffRequest } from '../../lib/staff-session';

/**
 * The workbench side of reminders (the holder side is features/messages): 消息提醒 statistics and
 * the one-off conversion invitation (换领邀请).
 */

const BASE = '/api/v1/staff/reminders';

export function fetchReminderStats(range: { from: string; to: string }): Promise<ReminderStats> {
  return staffRequest({ path: `${BASE}/stats`, data: { ...range }, schema: reminderStatsSchema });
}

export function previewInvitation(filter: ConversionInvitationFilter): Promise<ConversionInvitationPreview> {
  return staffRequest({
    path: `${BASE}/invitations/preview`,
    method: 'POST',
    data: { ...filter },
    schema: conversionInvitationPreviewSchema,
  });
}

export function sendInvitation(filter: ConversionInvitationFilter): Promise<{ queued: number; batchId: string }> {
  return staffRequest({
    path: `${BASE}/invitations`,
    method: 'POST',
    data: { ...filter },
    schema: conversionInvitationResultSchema,
  });
}
