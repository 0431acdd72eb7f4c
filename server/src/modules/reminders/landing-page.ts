import type { ShortLinkView } from '@roadcert/shared';
import { escapeHtml as escape, htmlPage } from '../../http/html-page';

const STYLE = `
body{margin:0;font:16px/1.6 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f5f6f8;color:#1f2329}
main{max-width:360px;margin:0 auto;padding:40px 20px}
h1{font-size:20px;margin:0 0 8px}
p{margin:0 0 24px;color:#4e5969}
a.btn{display:block;text-align:center;padding:12px;border-radius:8px;text-decoration:none;margin-bottom:12px;font-size:17px}
a.primary{background:#1664ff;color:#fff}
a.secondary{background:#fff;color:#1664ff;border:1px solid #1664ff}
.note{font-size:13px;color:#86909c;background:#fff7e8;border-radius:6px;padding:8px 10px;margin-top:16px}
`;

const shell = (title: string, body: string) => htmlPage({ title, style: STYLE, body });

/**
 * The page `PUBLIC_BASE_URL/s/<code>` serves: Chinese, 360 px wide, no external resources.
 * 打开小程序 (WeChat URL Link), 在网页中继续 (the portal page; it asks to sign in if needed).
 */
export function landingPage(view: ShortLinkView): string {
  const open = view.miniProgramUrl ? `<a class="btn primary" href="${escape(view.miniProgramUrl)}">打开小程序</a>` : '';
  const standIn =
    view.linkProvider === 'stand-in'
      ? '<p class="note">本地模拟：未配置微信小程序，“打开小程序”链接为占位链接，请在网页中继续。</p>'
      : '';
  return shell(
    '道路运输电子证照',
    `<h1>道路运输电子证照</h1>
<p>点击下方按钮查看提醒对应的证照或办理事项。</p>
${open}
<a class="btn ${view.miniProgramUrl ? 'secondary' : 'primary'}" href="${escape(view.portalUrl)}">在网页中继续</a>
${standIn}`,
  );
}

/** Unknown (404) or expired (410) link. */
export function missingLinkPage(state: 'unknown' | 'expired', homeUrl: string): string {
  const text =
    state === 'expired'
      ? '此链接已过期。您可以打开“道路运输电子证照”小程序或网页，在“消息”中查看提醒。'
      : '链接无效，请检查短信中的链接是否完整。';
  return shell(
    state === 'expired' ? '链接已过期' : '链接无效',
    `<h1>${state === 'expired' ? '链接已过期' : '链接无效'}</h1><p>${escape(text)}</p>
<a class="btn primary" href="${escape(homeUrl)}">打开网页版</a>`,
  );
}
