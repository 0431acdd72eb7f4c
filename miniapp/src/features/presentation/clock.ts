/** The live clock and the watermark of the holder screen: a screenshot shows its age at once. */
const pad = (value: number) => String(value).padStart(2, '0');

/** '2026-11-27 18:47:05' in the device's time zone. */
export function formatClock(now: Date): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
}

/** '王* 11-27 18:47:05': the masked name and the moment, repeated across the certificate face. */
export function watermarkText(holderNameMasked: string, now: Date): string {
  return `${holderNameMasked} ${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
}

/** '11月28日 18:47': until when the tokens on the device last. */
export function formatUntil(at: number): string {
  const date = new Date(at);
  return `${date.getMonth() + 1}月${date.getDate()}日 ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
