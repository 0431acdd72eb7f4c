// Reminders (短信提醒, 订阅消息, 消息): rules as data and the texts; server/src/modules/reminders
// schedules and sends them, docs/reminders.md documents both.
export * from './rules';
export * from './texts';
