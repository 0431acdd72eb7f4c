import { describe, expect, it } from 'vitest';
import type { CertificateFileVerification } from '@roadcert/shared';
import { fileVerdictView } from './verdict-text';

const result = (
  verdict: CertificateFileVerification['verdict'],
  statusLabel = '有效',
): CertificateFileVerification => ({
  verdict,
  message: '',
  format: 'pdf',
  problems: [],
  signedAt: null,
  certificate: {
    identifier: 'x',
    typeName: '道路运输从业人员从业资格证',
    status: 'SUSPENDED',
    statusLabel,
    validUntil: null,
    version: 1,
  },
});

describe('fileVerdictView', () => {
  it('names the status of a genuine file whose certificate is not valid (已暂扣)', () => {
    expect(fileVerdictView(result('not_valid', '已暂扣'))).toEqual({ tone: 'warn', title: '证照已暂扣' });
  });
  it('marks altered files and unknown signers as bad', () => {
    expect(fileVerdictView(result('altered')).tone).toBe('bad');
    expect(fileVerdictView(result('unknown_signer')).tone).toBe('bad');
    expect(fileVerdictView(result('valid'))).toEqual({ tone: 'ok', title: '证照文件有效' });
  });
});
