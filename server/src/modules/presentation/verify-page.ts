import {
  noPenaltyRule,
  toneColours,
  verdictText,
  verifiedFaceRows,
  type VerdictTone,
  type VerifyRequest,
  type VerifyResult,
} from '@roadcert/shared';
import type { Context } from 'koa';
import { AppError } from '../../errors';
import { escapeHtml, htmlPage } from '../../http/html-page';

/**
 * The verdict of `/v/<token>` rendered on the server, in the first response: the page a phone
 * camera opens at a loading dock or a roadside, where the portal's scripts (29 requests,
 * ~180 KB) took 2.7 s on a slow 4G phone before anything was readable. One HTML document,
 * styles inline, no script and no other request; the same anonymous view and usage-log entry
 * as `POST /api/v1/verify` (channel QR_PORTAL), never cached. The portal's verify page stays
 * one tap away (a staff member signed in there sees the wider view; pasting a code; lookup).
 *
 * Figures: `npm run bench:verify-page` (bench/verify-page.ts), docs/verification.md.
 */
export type VerifyPageDeps = {
  verify: (body: VerifyRequest) => Promise<VerifyResult>;
  /** The per-IP verify limit (throws AppError 429), when configured. */
  limit?: (ip: string) => Promise<void>;
};

/** China time, as the verifier reads the clock: 2026年12月03日 19:20:05 (one formatter per process, not per scan). */
const chinaClock = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

function chinaTime(iso: string): string {
  const parts = chinaClock.formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}年${part('month')}月${part('day')}日 ${part('hour')}:${part('minute')}:${part('second')}`;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#f5f6f8;color:#1f2329;font:16px/1.6 -apple-system,BlinkMacSystemFont,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif}
main{max-width:560px;margin:0 auto;padding:16px}
h1{font-size:17px;margin:4px 0 12px;color:#4e5969;font-weight:600}
.verdict{border:2px solid;border-radius:12px;padding:16px;text-align:center}
.verdict__symbol{font-size:40px;line-height:1;font-weight:700}
.verdict__title{display:block;font-size:30px;font-weight:700;margin:6px 0 2px}
.verdict__reason{font-size:18px;margin:0}
.verdict__advice{font-size:15px;margin:8px 0 0}
.face{background:#fff;border-radius:12px;margin:12px 0;padding:4px 16px}
.face div{display:flex;justify-content:space-between;gap:12px;padding:10px 0;border-bottom:1px solid #eef0f3}
.face div:last-child{border-bottom:0}
.face dt{color:#4e5969;flex:none}
.face dd{margin:0;text-align:right;font-weight:600;word-break:break-all}
.meta{font-size:14px;color:#4e5969;margin:8px 0}
.rule{margin:12px 0;padding:10px 12px;border-left:4px solid #1f4e9c;background:#fff;border-radius:4px;font-size:14px}
.rule cite{display:block;margin-top:4px;color:#4e5969;font-style:normal}
.links a{display:block;text-align:center;background:#fff;border:1px solid #c9cdd4;border-radius:8px;padding:12px;margin:8px 0;color:#1d4ed8;text-decoration:none;font-size:16px}
`;

const HEADING = '<h1>道路运输电子证照 · 核验结果</h1>';

/** The verdict box: colour, symbol and words of its tone (shared/src/verify/view.ts). */
const verdictBox = (tone: VerdictTone, role: 'status' | 'alert', inner: string) => {
  const c = toneColours[tone];
  return `<section class="verdict" role="${role}" style="color:${c.text};background:${c.background};border-color:${c.border}">\n${inner}\n</section>`;
};

export function renderVerifyPage(result: VerifyResult, token: string): string {
  const text = verdictText(result.verdict, result.reason);
  const rows = result.certificate ? verifiedFaceRows(result.certificate) : [];
  const face = rows.length
    ? `<dl class="face">${rows.map((row) => `<div><dt>${escapeHtml(row.label)}</dt><dd>${escapeHtml(row.value)}</dd></div>`).join('')}</dl>`
    : '';
  const spa = `/pkg-verify/pages/verify/index?t=${encodeURIComponent(token)}`;
  return htmlPage({
    title: `核验结果：${text.title} - 道路运输电子证照`,
    style: STYLE,
    robots: 'noindex,nofollow',
    body: `
${HEADING}
${verdictBox(
  text.tone,
  'status',
  `<div class="verdict__symbol" aria-hidden="true">${text.symbol}</div>
<strong class="verdict__title">${escapeHtml(text.title)}</strong>
<p class="verdict__reason">${escapeHtml(text.reason)}</p>
<p class="verdict__advice">${escapeHtml(text.advice)}</p>`,
)}
${face}
<p class="meta">核验时间：${chinaTime(result.checkedAt)}（北京时间），由发证系统实时核验。二维码每分钟更新，截图无效。</p>
<blockquote class="rule">“${noPenaltyRule.quote}”<cite>——${noPenaltyRule.source}</cite></blockquote>
<nav class="links">
<a href="${spa}">在核验页打开（工作人员登录后可查看完整信息）</a>
<a href="/pkg-verify/pages/lookup/index">证照查询（凭证号和姓名）</a>
</nav>
`,
  });
}

const refused = (message: string) =>
  htmlPage({
    title: '暂时无法核验 - 道路运输电子证照',
    style: STYLE,
    robots: 'noindex,nofollow',
    body: `${HEADING}
${verdictBox('warning', 'alert', `<strong class="verdict__title">暂时无法核验</strong><p class="verdict__reason">${escapeHtml(message)}</p>`)}
<nav class="links"><a href="">重新核验</a></nav>`,
  });

/** `GET /v/:token`: verify now and answer the verdict as HTML. */
export function verifyPageHandler(deps: VerifyPageDeps) {
  return async (ctx: Context & { params: { token?: string } }) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Robots-Tag', 'noindex');
    ctx.type = 'text/html; charset=utf-8';
    // The router matches a non-empty segment; anything but the QR's digits is found 二维码无效.
    const token = (ctx.params.token ?? '').slice(0, 1000);
    try {
      await deps.limit?.(ctx.ip);
      ctx.body = renderVerifyPage(await deps.verify({ token, channel: 'QR_PORTAL' }), token);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 429) throw error;
      ctx.status = 429;
      if (error.retryAfterSeconds) ctx.set('Retry-After', String(error.retryAfterSeconds));
      ctx.body = refused(error.message);
    }
  };
}
