import {
  conversionInvitationPreviewSchema,
  conversionInvitationRunListSchema,
  conversionInvitationRunSchema,
  reminderStatsSchema,
  type ConversionInvitationFilter,
  type ConversionInvitationPreview,
  type ConversionInvitationRun,
  type ConversionInvitationRunList,
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

/** Records the run and queues it (202 at once); the job writes the invitations in the background. */
export function sendInvitation(filter: ConversionInvitationFilter): Promise<ConversionInvitationRun> {
  return staffRequest({
    path: `${BASE}/invitations`,
    method: 'POST',
    data: { ...filter },
    schema: conversionInvitationRunSchema,
  });
}

/** The newest invitation runs in the staff member's region, with their progress. */
export function fetchInvitationRuns(): Promise<ConversionInvitationRunList> {
  return staffRequest({ path: `${BASE}/invitations`, schema: conversionInvitationRunListSchema });
}
