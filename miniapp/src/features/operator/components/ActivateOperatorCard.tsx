import { Text } from '@tarojs/components';
import { Card, FormError, TextField } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { fieldError } from '../../../lib/validation';
import type { Account } from '../../account/api';
import { ConsentCheck } from '../../consent/components/ConsentCheck';
import { useActivateOperator } from '../useActivateOperator';
import './operator.scss';

/** 激活企业账号 for a legal representative: matched by USCC and the representative's ID. */
export function ActivateOperatorCard({ account, onActivated }: { account: Account; onActivated: () => void }) {
  const form = useActivateOperator(account, onActivated);
  const { fields } = form.errors;
  return (
    <Card title="激活企业账号">
      <Text className="operator__lead">
        道路运输经营业户的法定代表人，可凭统一社会信用代码和本人身份信息激活企业账号，再为员工授权。
      </Text>
      <TextField
        label="统一社会信用代码"
        value={form.creditCode}
        onChange={form.setCreditCode}
        placeholder="18位代码"
        maxlength={18}
        error={fieldError(fields, 'creditCode')}
      />
      <TextField
        label="法定代表人姓名"
        value={form.legalRepName}
        onChange={form.setLegalRepName}
        placeholder="请输入姓名"
        maxlength={30}
        error={fieldError(fields, 'legalRepName')}
      />
      <TextField
        label="法定代表人身份证号码"
        type="idcard"
        value={form.legalRepIdNumber}
        onChange={form.setLegalRepIdNumber}
        placeholder="18位身份证号码"
        maxlength={18}
        error={fieldError(fields, 'legalRepIdNumber')}
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
        激活企业账号
      </Button>
    </Card>
  );
}
