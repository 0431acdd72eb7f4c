import { Text, View } from '@tarojs/components';
import { FormError, TextField } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import type { ApiError } from '../../../lib/api-error';
import { fieldError } from '../../../lib/validation';
import type { Account } from '../../account/api';
import { ConsentCheck } from '../../consent/components/ConsentCheck';
import { useRealNameForm } from '../useRealNameForm';
import './identity.scss';

interface RealNameStepProps {
  account: Account;
  onBound: (account: Account) => void;
  onError: (error: ApiError) => boolean;
}

/** 实名认证: name and ID number, matched by the server against the holder records. */
export function RealNameStep({ account, onBound, onError }: RealNameStepProps) {
  const form = useRealNameForm(account, onBound, onError);
  const { fields } = form.errors;
  return (
    <View>
      <Text className="identity__lead">请填写与证照登记信息一致的本人姓名和身份证号码。</Text>
      <TextField
        label="姓名"
        value={form.name}
        onChange={form.setName}
        placeholder="请输入姓名"
        maxlength={30}
        autoComplete="name"
        error={fieldError(fields, 'name')}
      />
      <TextField
        label="身份证号码"
        type="idcard"
        value={form.idNumber}
        onChange={(value) => form.setIdNumber(value.replace(/\s/g, '').toUpperCase())}
        placeholder="18位身份证号码"
        maxlength={18}
        error={fieldError(fields, 'idNumber')}
      />
      {form.needsConsent ? (
        <ConsentCheck
          kind="ID_NUMBER"
          checked={form.consented}
          onChange={form.setConsented}
          error={fieldError(fields, 'consent')}
        />
      ) : null}
      <FormError message={form.errors.form} />
      <Button
        type="primary"
        size="large"
        block
        loading={form.pending}
        disabled={form.errors.locked}
        onClick={() => void form.submit()}
      >
        提交实名认证
      </Button>
      <Text className="identity__note">身份证号码加密存储，页面仅显示脱敏号码。</Text>
    </View>
  );
}
