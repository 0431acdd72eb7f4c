import { Text, View } from '@tarojs/components';
import { FormError, StandInNotice, TextField } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import type { ApiError } from '../../../lib/api-error';
import { fieldError } from '../../../lib/validation';
import type { Account } from '../../account/api';
import { ConsentCheck } from '../../consent/components/ConsentCheck';
import { useFaceVerification } from '../useFaceVerification';
import './identity.scss';

interface FaceStepProps {
  account: Account;
  onVerified: () => void;
  onError: (error: ApiError) => boolean;
}

type Face = ReturnType<typeof useFaceVerification>;

/** The server's local stand-in: clearly not a real check, the outcome is chosen by hand. */
function StandInPanel({ face }: { face: Face }) {
  return (
    <StandInNotice title="本地模拟人脸核验（非真实核验）">
      <Text>当前为本地测试环境，不会打开摄像头，也不会进行真实的人脸比对。请选择本次模拟核验的结果：</Text>
      <View className="identity__stand-in-actions">
        <Button type="primary" size="large" onClick={() => void face.answerStandIn('pass')}>
          通过
        </Button>
        <Button size="large" onClick={() => void face.answerStandIn('fail')}>
          不通过
        </Button>
      </View>
    </StandInNotice>
  );
}

/** WeChat needs the name and ID number again; they stay in memory for this check only. */
function IdentityAgain({ face }: { face: Face }) {
  return (
    <View>
      <Text className="identity__lead">请再次输入本人姓名和身份证号码，仅用于本次人脸核验，不会保存在手机上。</Text>
      <TextField
        label="姓名"
        value={face.name}
        onChange={face.setName}
        placeholder="请输入姓名"
        maxlength={30}
        error={fieldError(face.fields, 'name')}
      />
      <TextField
        label="身份证号码"
        type="idcard"
        value={face.idNumber}
        onChange={(value) => face.setIdNumber(value.replace(/\s/g, '').toUpperCase())}
        placeholder="18位身份证号码"
        maxlength={18}
        error={fieldError(face.fields, 'idNumber')}
      />
      <Button type="primary" size="large" block onClick={() => void face.submitIdentity()}>
        开始刷脸
      </Button>
    </View>
  );
}

/** 人脸核验: consent, then the provider's check (or the labelled stand-in). */
export function FaceStep({ account, onVerified, onError }: FaceStepProps) {
  const face = useFaceVerification(account, onVerified, onError);
  const { phase } = face;
  if (phase.kind === 'stand-in') return <StandInPanel face={face} />;
  if (phase.kind === 'identity') return <IdentityAgain face={face} />;
  const busy = phase.kind === 'starting' || phase.kind === 'checking';
  return (
    <View>
      <Text className="identity__lead">
        为确认是您本人操作，激活电子证照前需进行人脸核验。请在光线充足处，正对屏幕完成核验。
      </Text>
      {face.needsConsent ? (
        <ConsentCheck
          kind="FACE_DATA"
          checked={face.consented}
          onChange={face.setConsented}
          error={fieldError(face.fields, 'consent')}
        />
      ) : null}
      <FormError message={face.message} />
      <Button type="primary" size="large" block loading={busy} onClick={() => void face.start()}>
        {face.message ? '重新核验' : '开始人脸核验'}
      </Button>
    </View>
  );
}
