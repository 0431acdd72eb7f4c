import { useState } from 'react';
import type { CertificateDetail } from '@roadcert/shared';
import { Cell, CellGroup } from '../../../components/Cells';
import { FormError } from '../../../components/Form';
import { toApiError } from '../../../lib/api-error';
import { canOpenOfd, openCertificateFile } from '../../../lib/certificate-file';
import { fetchCertificateFiles } from '../api';

/** 下载证照文件: the signed PDF (previewed in the mini-program) and, on the portal, the OFD. */
export function CertificateFileCells({ certificate }: { certificate: CertificateDetail }) {
  const [busy, setBusy] = useState<'pdf' | 'ofd' | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (certificate.carrier !== 'ELECTRONIC') return null;

  const open = async (format: 'pdf' | 'ofd') => {
    if (busy) return;
    setBusy(format);
    setError(null);
    try {
      const links = await fetchCertificateFiles(certificate.id);
      const file = links.files.find((f) => f.format === format)!;
      await openCertificateFile(file.url, format, file.fileName);
    } catch (cause) {
      setError(toApiError(cause).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <CellGroup>
        <Cell
          label="下载证照文件"
          value={busy === 'pdf' ? '正在生成…' : 'PDF，带电子签名'}
          arrow
          onClick={() => void open('pdf')}
        />
        {canOpenOfd ? (
          <Cell
            label="下载OFD版式文件"
            value={busy === 'ofd' ? '正在生成…' : '可用OFD阅读器打开'}
            arrow
            onClick={() => void open('ofd')}
          />
        ) : null}
      </CellGroup>
      <FormError message={error} />
    </>
  );
}
