import type { CertificateFileVerification } from '@roadcert/shared';

/** How a file verdict looks: the tone of the card and its title. */
export function fileVerdictView(result: CertificateFileVerification): { tone: 'ok' | 'warn' | 'bad'; title: string } {
  switch (result.verdict) {
    case 'valid':
      return { tone: 'ok', title: '证照文件有效' };
    case 'not_valid':
      return { tone: 'warn', title: result.certificate ? `证照${result.certificate.statusLabel}` : '证照当前无效' };
    case 'superseded':
      return { tone: 'warn', title: '文件不是最新版本' };
    case 'altered':
      return { tone: 'bad', title: '文件已被篡改' };
    case 'unknown_signer':
      return { tone: 'bad', title: '签名者未知' };
    case 'not_found':
      return { tone: 'bad', title: '未找到该证照' };
  }
}
