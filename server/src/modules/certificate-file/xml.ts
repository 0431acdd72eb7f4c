/** Escapes text and attribute values for the package's XML files. */
export const xmlText = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

const unescapeMap: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export const xmlUnescape = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, n: string) => unescapeMap[n]!);

export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
export const OFD_NS = 'http://www.ofdspec.org/2016';

/** The text of the first `<ofd:name>` element (no nesting: the package's leaf elements only), or null. */
export function elementText(xml: string, name: string): string | null {
  const m = new RegExp(`<ofd:${name}(?:\\s[^>]*)?>([^<]*)</ofd:${name}>`).exec(xml);
  return m ? xmlUnescape(m[1]!.trim()) : null;
}

/** One attribute of the first `<ofd:name …>` start tag, or null. */
export function attributeOf(xml: string, name: string, attribute: string): string | null {
  const tag = new RegExp(`<ofd:${name}\\s[^>]*>`).exec(xml)?.[0];
  const m = tag ? new RegExp(`\\s${attribute}="([^"]*)"`).exec(tag) : null;
  return m ? xmlUnescape(m[1]!) : null;
}
