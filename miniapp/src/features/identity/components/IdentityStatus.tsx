import { Text, View } from '@tarojs/components';
import { holderKinds } from '@roadcert/shared';
import { formatDateTime } from '../../../lib/format';
import { boundIdNumberMasked, isFaceVerified } from '../../account/account';
import type { Account } from '../../account/api';
import './identity.scss';

function Row({ label, value, tone }: { label: string; value: string; tone?: 'ok' | 'pending' }) {
  return (
    <View className="identity__status-row">
      <Text className="identity__status-label">{label}</Text>
      <Text className={tone ? `identity__status-value identity__${tone}` : 'identity__status-value'}>{value}</Text>
    </View>
  );
}

/** 已实名: who the account is bound to, masked, and whether a face verification is current. */
export function IdentityStatus({ account }: { account: Account }) {
  if (!account.holder) return <Row label="实名状态" value="未实名认证" tone="pending" />;
  const idMasked = boundIdNumberMasked(account);
  const faceFresh = isFaceVerified(account, new Date());
  return (
    <View>
      <Row label="实名状态" value="✓ 已实名认证" tone="ok" />
      <Row label="姓名" value={account.holder.nameMasked} />
      {idMasked ? <Row label="身份证号码" value={idMasked} /> : null}
      <Row label="身份类型" value={holderKinds[account.holder.kind].label} />
      <Row
        label="人脸核验"
        value={
          faceFresh && account.faceVerifiedUntil
            ? `✓ 已通过（有效至 ${formatDateTime(account.faceVerifiedUntil)}）`
            : '未核验或已过期（激活证照时进行）'
        }
        tone={faceFresh ? 'ok' : undefined}
      />
    </View>
  );
}
