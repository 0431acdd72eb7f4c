import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The mini-program's message push (消息推送, 服务器配置) in plaintext mode (明文模式):
 * - URL check and every push carry `signature`, `timestamp`, `nonce` in the query;
 *   signature = sha1 of the three strings token, timestamp, nonce sorted and joined.
 *   The first check (GET) also carries `echostr`, answered as is.
 * - Events arrive as POST bodies in JSON or XML (the console's 数据格式), e.g.
 *   subscribe_msg_sent_event: { FromUserName, CreateTime, Event, List: { TemplateId, MsgID,
 *   ErrorCode, ErrorStatus } } (List is an object for one item, an array for several).
 * The signature covers the token, timestamp and nonce only, not the body (WeChat's plaintext mode):
 * pushes older than PUSH_MAX_AGE_SECONDS are refused so that a captured URL cannot be replayed
 * later. Encrypted mode (安全模式, msg_signature) is not supported.
 */
export const PUSH_MAX_AGE_SECONDS = 600;

export function pushSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

/** Whether the query was signed with `token` and is recent enough (`now` in ms). */
export function verifyPushSignature(
  token: string,
  query: { signature?: unknown; timestamp?: unknown; nonce?: unknown },
  now = Date.now(),
): boolean {
  const { signature, timestamp, nonce } = query;
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || typeof nonce !== 'string') return false;
  if (!/^\d{1,12}$/.test(timestamp) || nonce.length > 64 || !/^[0-9a-f]{40}$/i.test(signature)) return false;
  if (Math.abs(now / 1000 - Number(timestamp)) > PUSH_MAX_AGE_SECONDS) return false;
  const expected = Buffer.from(pushSignature(token, timestamp, nonce), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature.toLowerCase(), 'hex'));
}

export type SentItem = { templateId: string; msgId: string; errorCode: number; errorStatus: string };
export type SubscriptionItem = { templateId: string; status: string };

/** One push, normalised; `other` for events that are not ours to handle (answered, ignored). */
export type WechatPushEvent =
  | { event: 'subscribe_msg_sent_event'; openid: string; at: Date; items: SentItem[] }
  | {
      event: 'subscribe_msg_popup_event' | 'subscribe_msg_change_event';
      openid: string;
      at: Date;
      items: SubscriptionItem[];
    }
  | { event: 'other'; name: string };

type Fields = Record<string, unknown>;

/** The flat fields of an XML element's children (CDATA or text), and its <List> blocks. */
function xmlFields(xml: string): Fields {
  const fields: Fields = {};
  const lists = [...xml.matchAll(/<List>([\s\S]*?)<\/List>/g)].map((m) => xmlFields(m[1]!));
  const flat = xml.replace(/<List>[\s\S]*?<\/List>/g, '');
  for (const m of flat.matchAll(/<(\w+)>\s*(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))\s*<\/\1>/g))
    fields[m[1]!] = m[2] ?? m[3] ?? '';
  if (lists.length) fields.List = lists;
  return fields;
}

const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const listOf = (v: unknown): Fields[] =>
  (Array.isArray(v) ? v : v && typeof v === 'object' ? [v] : []).filter(
    (x): x is Fields => !!x && typeof x === 'object',
  );

/** A push body (parsed JSON, or the raw XML text) → the event; null when it is not a push. */
export function parsePush(body: unknown): WechatPushEvent | null {
  let fields: Fields | null = null;
  if (typeof body === 'string') {
    const trimmed = body.trim();
    if (trimmed.startsWith('<')) fields = xmlFields(trimmed);
  } else if (body && typeof body === 'object' && !Array.isArray(body)) fields = body as Fields;
  if (!fields || text(fields.MsgType) !== 'event') return null;
  const name = text(fields.Event);
  const openid = text(fields.FromUserName);
  const seconds = Number(text(fields.CreateTime));
  if (!openid || !Number.isFinite(seconds)) return null;
  const at = new Date(seconds * 1000);
  const items = listOf(fields.List);
  if (name === 'subscribe_msg_sent_event')
    return {
      event: name,
      openid,
      at,
      items: items
        .map((i) => ({
          templateId: text(i.TemplateId),
          msgId: text(i.MsgID),
          errorCode: Number(text(i.ErrorCode) || 'NaN'),
          errorStatus: text(i.ErrorStatus).slice(0, 100),
        }))
        .filter((i) => /^\d{1,30}$/.test(i.msgId) && Number.isInteger(i.errorCode)),
    };
  if (name === 'subscribe_msg_popup_event' || name === 'subscribe_msg_change_event')
    return {
      event: name,
      openid,
      at,
      items: items
        .map((i) => ({ templateId: text(i.TemplateId), status: text(i.SubscribeStatusString) }))
        .filter((i) => i.templateId.length > 0 && i.templateId.length <= 64),
    };
  return { event: 'other', name: name.slice(0, 60) };
}
