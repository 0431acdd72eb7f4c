import { Text, View } from '@tarojs/components';
import { sharePurposeList, sharePurposes, shareLimits } from '@roadcert/shared';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { Card, FormError, TextField } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/StateViews';
import { formatDateTime } from '../../../lib/format';
import { expiresAtFor } from '../expiry';
import type { ShareCreateForm } from '../useShareCreate';
import { CertificatePicker } from './CertificatePicker';
import { ShareResultView } from './ShareResultView';
import './sharing.scss';

const purposeChoices = sharePurposeList.map((code) => ({ value: code, label: sharePurposes[code].label }));

function Form({ form }: { form: ShareCreateForm }) {
  const groups = form.groups ?? [];
  if (groups.length === 0)
    return <EmptyState title="暂无可分享的证照" hint="实名认证并激活证照后，可在这里分享给招聘单位、货主或保险公司" />;
  const count = form.selection.ids.length;
  return (
    <View>
      <Card title="选择证照">
        <Text className="share-form__lead">一个链接只能包含同一持证人（本人或同一企业）的证照。</Text>
        <CertificatePicker
          groups={groups}
          selection={form.selection}
          onToggle={form.toggle}
          onToggleAll={form.toggleAll}
          error={form.fields.certificateIds}
        />
      </Card>
      <Card title="分享事由">
        <ChoiceChips
          label="分享事由"
          choices={purposeChoices}
          value={form.purposeCode}
          onChange={form.setPurposeCode}
          error={form.fields.purposeCode}
        />
        {form.purposeCode === 'OTHER' ? (
          <TextField
            label="事由说明"
            value={form.purposeText}
            onChange={form.setPurposeText}
            placeholder="如：资质审核"
            maxlength={shareLimits.purposeTextMax}
            error={form.fields.purposeText}
          />
        ) : null}
      </Card>
      <Card title="接收方（选填）">
        <TextField
          label="接收方名称"
          value={form.recipientName}
          onChange={form.setRecipientName}
          placeholder="如：某某物流有限公司"
          maxlength={shareLimits.recipientNameMax}
          error={form.fields.recipientName}
          hint="填写后会印在水印上，便于识别复印件的去向"
        />
      </Card>
      <Card title="有效期">
        <ChoiceChips
          label="有效期"
          choices={form.presets.map((preset) => ({ value: preset.days, label: preset.label }))}
          value={form.expiryDays}
          onChange={form.setExpiryDays}
          error={form.fields.expiresAt}
        />
        <Text className="share-form__hint">{`约 ${formatDateTime(expiresAtFor(form.expiryDays, new Date()))} 到期，到期前也可随时撤销。`}</Text>
      </Card>
      <View className="share-form__submit">
        <FormError message={form.formError} />
        <Button
          type="primary"
          size="large"
          block
          loading={form.submitting}
          disabled={count === 0}
          onClick={() => void form.submit()}
        >
          {count > 0 ? `生成分享链接（${count}张证照）` : '请先选择证照'}
        </Button>
        <Text className="share-form__hint">
          对方打开链接时，证照上会显示事由、有效期和接收方水印；每次打开都会记入用证记录。
        </Text>
      </View>
    </View>
  );
}

/** 分享证照 (加注件): the form, then the link and its QR. */
export function ShareCreateView({ form }: { form: ShareCreateForm }) {
  const { state, reload } = form.certificates;
  if (form.created) return <ShareResultView created={form.created} />;
  if (state.status === 'loading') return <LoadingCards count={2} />;
  if (state.status === 'error') return <ErrorState message={state.error.message} onRetry={() => void reload()} />;
  return <Form form={form} />;
}
