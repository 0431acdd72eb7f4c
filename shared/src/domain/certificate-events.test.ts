import { describe, expect, it } from 'vitest';
import { certificateEventKindList, certificateEventLabel, isCertificateEventKind } from './certificate-events';

describe('certificate event kinds', () => {
  it('labels every kind the server writes in Chinese', () => {
    expect(certificateEventLabel('ISSUED')).toBe('签发');
    expect(certificateEventLabel('ACTIVATED')).toBe('激活');
    expect(certificateEventLabel('REPLACED')).toBe('已换发');
    expect(certificateEventLabel('STATUS_CHANGED')).toBe('状态变更');
    expect(certificateEventLabel('DATA_SUPPLEMENTED')).toBe('补传数据');
    expect(certificateEventKindList).toEqual([
      'ISSUED',
      'ACTIVATED',
      'REPLACED',
      'STATUS_CHANGED',
      'DATA_SUPPLEMENTED',
    ]);
  });

  it('keeps an unknown kind visible instead of hiding it', () => {
    expect(isCertificateEventKind('SOMETHING_NEW')).toBe(false);
    expect(isCertificateEventKind('toString')).toBe(false);
    expect(certificateEventLabel('SOMETHING_NEW')).toBe('记录（SOMETHING_NEW）');
    expect(certificateEventLabel('toString')).toBe('记录（toString）');
  });
});
