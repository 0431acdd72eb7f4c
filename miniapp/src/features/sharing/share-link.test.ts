import type { ShareCreated } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { routes } from '../../lib/routes';
import { shareMessageFor, shareSecretOf, shareViewPath } from './share-link';

const created = (operatorName: string | null): ShareCreated => ({
  link: 'https://rc.example.cn/s/AbC-123_xyz',
  qrText: 'https://rc.example.cn/s/AbC-123_xyz',
  share: {
    id: 's1',
    purposeCode: 'TRANSPORT_CONTRACT',
    purposeLabel: '运输合同',
    purposeText: '',
    recipientName: null,
    watermarkText: '',
    operatorName,
    state: 'ACTIVE',
    expiresAt: '2026-12-04T02:00:00.000Z',
    revokedAt: null,
    createdAt: '2026-11-27T02:00:00.000Z',
    openCount: 0,
    lastOpenedAt: null,
    certificates: [],
  },
});

describe('share link', () => {
  it('finds the secret in the link', () => {
    expect(shareSecretOf('https://rc.example.cn/s/AbC-123_xyz')).toBe('AbC-123_xyz');
    expect(shareSecretOf('http://localhost:3000/s/abc?x=1')).toBe('abc');
    expect(shareSecretOf('https://rc.example.cn/v/123')).toBeNull();
  });

  it('sends WeChat friends to the share page with the same secret', () => {
    expect(shareViewPath).toBe(`/${routes.shareView}`);
    expect(shareMessageFor(created('广州顺达物流有限公司'))).toEqual({
      title: '广州顺达物流有限公司（仅供运输合同使用）',
      path: '/pkg-verify/pages/share/index?s=AbC-123_xyz',
      link: 'https://rc.example.cn/s/AbC-123_xyz',
    });
    expect(shareMessageFor(created(null)).title).toBe('证照（仅供运输合同使用）');
  });
});
