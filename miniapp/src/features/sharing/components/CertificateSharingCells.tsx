import type { CertificateSummary } from '@roadcert/shared';
import { Cell, CellGroup } from '../../../components/Cells';
import { navigate } from '../../../lib/router';
import { toShareCandidate } from '../selection';

/** On a certificate's page: 分享证照 (when it can be shared) and its 用证记录. */
export function CertificateSharingCells({ certificate }: { certificate: CertificateSummary }) {
  const shareable = toShareCandidate(certificate).blockedReason === null;
  return (
    <CellGroup>
      {shareable ? (
        <Cell
          label="分享证照"
          value="生成带水印的分享链接"
          arrow
          onClick={() => void navigate('shareCreate', { certificateId: certificate.id })}
        />
      ) : null}
      <Cell
        label="用证记录"
        value="何时被谁核验、查询、查看"
        arrow
        onClick={() => void navigate('usage', { certificateId: certificate.id })}
      />
    </CellGroup>
  );
}
