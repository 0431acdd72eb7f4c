import { Text, View } from '@tarojs/components';
import { ErrorState } from '../../../components/StateViews';
import { formatDateTime } from '../../../lib/format';
import { onlineOutcome } from '../scan-result';
import type { VerifyState } from '../useVerify';
import { toVerdictView } from '../verdict-view';
import { LookupEntry } from '../../lookup/components/LookupEntry';
import { FileVerifyEntry } from '../../certificate-file/components/FileVerifyEntry';
import { FaceRows } from './FaceRows';
import { ManualEntry } from './ManualEntry';
import { VerdictCard } from './VerdictCard';
import './verify.scss';

function Result({ state, onRetry }: { state: VerifyState; onRetry: () => void }) {
  if (state.status === 'idle') return null;
  if (state.status === 'checking') {
    return (
      <View className="verify-checking" aria-busy="true">
        <Text>正在核验…</Text>
      </View>
    );
  }
  if (state.status === 'error') return <ErrorState message={state.error.message} onRetry={onRetry} />;
  const outcome = onlineOutcome(state.result);
  const note =
    state.result.scope === 'anonymous'
      ? `核验时间 ${formatDateTime(state.result.checkedAt)} · 为保护隐私，仅显示部分信息`
      : `核验时间 ${formatDateTime(state.result.checkedAt)}`;
  return (
    <>
      <VerdictCard view={toVerdictView(outcome.verdict, outcome.reason)} source={outcome.source} />
      <FaceRows rows={outcome.rows} note={note} photoUrl={state.result.certificate?.photoUrl} />
    </>
  );
}

/** 核验: what any phone camera opens from a certificate QR. */
export function VerifyView({ state, onVerify }: { state: VerifyState; onVerify: (token: string) => void }) {
  const retry = () => {
    if (state.status !== 'idle') onVerify(state.token);
  };
  return (
    <>
      <Result state={state} onRetry={retry} />
      <ManualEntry
        title={state.status === 'idle' ? '核验电子证照' : '核验其他二维码'}
        onSubmit={onVerify}
        busy={state.status === 'checking'}
      />
      {/* For holders who cannot show the e-certificate: check by number and name instead. */}
      <LookupEntry />
      {/* A certificate file (OFD/PDF) sent by the holder: signature, digests and status. */}
      <FileVerifyEntry />
    </>
  );
}
