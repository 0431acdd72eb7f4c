// The reminders module's public surface (短信提醒, 订阅消息, 消息): the composition root builds it
// once; the jobs and the admin CLI run its scheduler and sender; the applications module hands
// its review decisions to `events.applicationDecided` (through a narrow type of its own).
export { reminderRoutes } from './reminders.routes';
export { createRemindersModule, type RemindersDeps, type RemindersModule } from './reminders.module';
export type { ApplicationDecision } from './events';
export type { SendSummary } from './sender';
export { INVITATION_JOB } from './invitations';
