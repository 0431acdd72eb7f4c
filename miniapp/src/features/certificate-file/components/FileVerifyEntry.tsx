import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { CertificateFileVerification } from '@roadcert/shared';
import { Button } from '../../../components/nutui';
import { Card } from '../../../components/Form';
import { toApiError } from '../../../lib/api-error';
import { pickCertificateFile } from '../../../lib/certificate-file';
import { verifyCertificateFile } from '../api';
import { fileVerdictView } from '../verdict-text';
import './file-verify.scss';

type State =
  | { status: 'idle' }
  | { status: 'checking'; name: string }
  | { status: 'done'; name: string; result: CertificateFileVerification }
  | { status: 'error'; message: string };

/** 核验证照文件: upload an OFD or PDF; the signature, every digest and the current status are checked. */
export function FileVerifyEntry() {
  const [state, setState] = useState<State>({ status: 'idle' });

  const choose = async () => {
    const file = await pickCertificateFile();
    if (!file) return;
    setState({ status: 'checking', name: file.name });
    try {
      setState({ status: 'done', name: file.name, result: await verifyCertificateFile(file.bytes) });
    } catch (error) {
      setState({ status: 'error', message: toApiError(error).message });
    }
  };

  const view = state.status === 'done' ? fileVerdictView(state.result) : null;
  return (
    <Card title="核验证照文件">
      <Text className="file-verify__hint">
        上传持证人提供的证照文件（OFD 或 PDF，不超过2MB），核验签名、文件是否被篡改及证照当前状态。
      </Text>
      {state.status === 'done' && view ? (
        <View className={`file-verify__result file-verify__result--${view.tone}`} role="status">
          <Text className="file-verify__title">{view.title}</Text>
          <Text className="file-verify__message">{state.result.message}</Text>
          {state.result.certificate ? (
            <Text className="file-verify__meta">{`${state.result.certificate.typeName} · ${state.name}`}</Text>
          ) : null}
        </View>
      ) : null}
      {state.status === 'error' ? (
        <View className="file-verify__result file-verify__result--bad" role="alert">
          <Text className="file-verify__message">{state.message}</Text>
        </View>
      ) : null}
      <Button
        className="file-verify__button"
        type="primary"
        size="large"
        block
        loading={state.status === 'checking'}
        onClick={() => void choose()}
      >
        {state.status === 'checking' ? '正在核验…' : '选择证照文件'}
      </Button>
    </Card>
  );
}
