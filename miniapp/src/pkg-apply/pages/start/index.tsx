import type { ApplicationKind, CertificateTypeCode } from '@roadcert/shared';
import { PageShell } from '../../../components/PageShell';
import { ErrorState } from '../../../components/StateViews';
import { StartView } from '../../../features/applications/components/StartView';
import { kindParam, typeCodeParam } from '../../../features/applications/params';
import { useStartApplication } from '../../../features/applications/useStartApplication';
import { back, useRouteParams } from '../../../lib/router';

function Start({
  typeCode,
  kind,
  certificateId,
}: {
  typeCode: CertificateTypeCode;
  kind: ApplicationKind;
  certificateId: string | undefined;
}) {
  const start = useStartApplication(typeCode, kind, certificateId);
  return <StartView start={start} certificateId={certificateId} />;
}

/** 办理须知 (一次性告知) and 开始办理: `?typeCode=D071&kind=CONVERSION&certificateId=…`. */
export default function ApplyStartPage() {
  const params = useRouteParams();
  const typeCode = typeCodeParam(params.typeCode);
  const kind = kindParam(params.kind);
  return (
    <PageShell>
      {typeCode && kind ? (
        <Start typeCode={typeCode} kind={kind} certificateId={params.certificateId} />
      ) : (
        <ErrorState message="未指定要办理的业务，请从证照详情页进入" onRetry={() => void back()} />
      )}
    </PageShell>
  );
}
