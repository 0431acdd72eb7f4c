import { Text, View } from '@tarojs/components';
import { consentKindList, type ConsentKind } from '@roadcert/shared';
import { Card, FormError } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { ErrorState, LoadingCards } from '../../../components/StateViews';
import type { Account } from '../../account/api';
import { consentStatus, type ConsentStatus } from '../consent-state';
import type { useConsents } from '../useConsents';
import { ConsentText } from './ConsentText';
import './consent.scss';

type Consents = ReturnType<typeof useConsents>;

const STATUS_TEXT: Record<ConsentStatus, string> = {
  granted: '✓ 已同意',
  outdated: '文本已更新，尚未同意新版本',
  none: '未同意',
};

/** Asked at the step that needs them, not here (PIPL separate consent in context). */
const ASKED_IN_CONTEXT: Partial<Record<ConsentKind, string>> = {
  ID_NUMBER: '将在实名认证时征求您的同意',
  FACE_DATA: '将在人脸核验时征求您的同意',
};

function ConsentItem({ kind, account, consents }: { kind: ConsentKind; account: Account; consents: Consents }) {
  const status = consentStatus(account.consents, kind);
  const pending = consents.pendingKind === kind;
  const inContext = ASKED_IN_CONTEXT[kind];
  return (
    <View className="consent-list__item">
      <ConsentText kind={kind} compact />
      <View className="consent-list__state">
        <Text className={`consent-list__label consent-list__label--${status === 'granted' ? 'granted' : 'none'}`}>
          {STATUS_TEXT[status]}
        </Text>
        {status === 'granted' && kind !== 'PRIVACY_POLICY' ? (
          <Button
            size="normal"
            type="danger"
            fill="outline"
            loading={pending}
            onClick={() => void consents.withdraw(kind)}
          >
            撤回同意
          </Button>
        ) : null}
        {status !== 'granted' && !inContext ? (
          <Button size="normal" type="primary" loading={pending} onClick={() => void consents.grant(kind)}>
            同意
          </Button>
        ) : null}
      </View>
      {status !== 'granted' && inContext ? <Text className="consent-list__hint">{inContext}</Text> : null}
      {status === 'granted' && kind === 'PRIVACY_POLICY' ? (
        <Text className="consent-list__hint">如不再同意隐私政策，请退出登录并停止使用本服务。</Text>
      ) : null}
    </View>
  );
}

/** 隐私与授权: each consent text with its version and state, agree / withdraw. */
export function ConsentsView({ consents }: { consents: Consents }) {
  const { state, reload } = consents.account;
  if (state.status === 'loading') return <LoadingCards count={1} />;
  if (state.status === 'error') return <ErrorState message={state.error.message} onRetry={() => void reload()} />;
  return (
    <Card title="隐私与授权">
      <FormError message={consents.error} />
      {consentKindList.map((kind) => (
        <ConsentItem key={kind} kind={kind} account={state.data} consents={consents} />
      ))}
    </Card>
  );
}
