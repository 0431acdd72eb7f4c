/**
 * The few pages the server renders itself (the QR's verdict, the SMS short-link landing page):
 * one HTML document each, Chinese, phone-sized, styles inline, no script and no other request.
 */
export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c as '&' | '<' | '>' | '"' | "'"],
  );

/** The document around a page's body; `title` is escaped here, `style` and `body` are the caller's HTML. */
export const htmlPage = (page: { title: string; style: string; body: string; robots?: string }) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="${page.robots ?? 'noindex'}">
<title>${escapeHtml(page.title)}</title>
<style>${page.style}</style></head>
<body><main>${page.body}</main></body></html>
`;
