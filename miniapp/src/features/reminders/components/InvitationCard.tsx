import { Text, View } from '@tarojs/components';
import { Card, FormError, TextField } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { FilterChips } from '../../staff/components/FilterChips';
import { invitationCarriers, invitationTypeOptions, previewLines } from '../invitation';
import type { ConversionInvitationModel } from '../useConversionInvitation';
import type { InvitationRunsModel } from '../useInvitationRuns';
import { InvitationRuns } from './InvitationRuns';
import './reminders.scss';

/** 换领邀请: choose who, 预览 the count and the SMS, 发送 after a confirmation, then follow the run's progress. */
export function InvitationCard({ model, runs }: { model: ConversionInvitationModel; runs: InvitationRunsModel }) {
  const { form, errors, preview, pending, sent } = model;
  return (
    <Card title="换领邀请">
      <Text className="staff-muted">
        向持纸质证、IC卡证的持证人发送一次换领电子证照的邀请。已退订、未同意短信提醒的人只会在“消息”里收到。
      </Text>
      <FilterChips label="证照类型" options={invitationTypeOptions} value={form.typeCode} onChange={model.setType} />
      <View className="staff-filter">
        <Text className="staff-filter__label">载体</Text>
        <View className="staff-filter__chips" role="group" aria-label="载体（可多选）">
          {invitationCarriers.map((carrier) => {
            const on = form.carriers.includes(carrier.value);
            return (
              <View
                key={carrier.value}
                className={on ? 'staff-chip staff-chip--on' : 'staff-chip'}
                role="checkbox"
                aria-checked={on}
                onClick={() => model.toggleCarrier(carrier.value)}
              >
                {on ? `✓ ${carrier.label}` : carrier.label}
              </View>
            );
          })}
        </View>
        {errors.carriers ? <FormError message={errors.carriers} /> : null}
      </View>
      <TextField
        label="地区（可不填）"
        value={form.areaPrefix}
        onChange={model.setAreaPrefix}
        placeholder="行政区划代码前缀，如 4401"
        type="number"
        maxlength={6}
        error={errors.areaPrefix}
        hint="不填为本辖区全部；44 为全省，4401 为广州市，440106 为天河区。"
      />
      <FormError message={model.notice} />
      <Button type="primary" size="large" block loading={pending === 'preview'} onClick={() => void model.runPreview()}>
        预览
      </Button>
      {preview ? (
        <View className="invitation-preview" aria-live="polite">
          {previewLines(preview.preview).map((line) => (
            <Text key={line} className="invitation-preview__line">
              {line}
            </Text>
          ))}
          <Text className="invitation-preview__label">{`短信内容（${preview.preview.smsText.length} 字）`}</Text>
          <Text className="invitation-preview__sms">{preview.preview.smsText}</Text>
          <Button
            type="danger"
            size="large"
            block
            disabled={preview.preview.holders === 0}
            loading={pending === 'send'}
            onClick={() => void model.send()}
          >
            {preview.preview.holders === 0 ? '没有可发送的持证人' : `发送给 ${preview.preview.holders} 人`}
          </Button>
        </View>
      ) : null}
      {sent ? (
        <View className="invitation-sent" role="status">
          <Text className="invitation-sent__title">{`已开始发送：${sent.previewCount} 本证照`}</Text>
          <Text className="staff-muted">{`批次号 ${sent.id}。邀请在后台写入，进度见下方发送记录；短信在每天8:00至21:00之间陆续发出，结果见上方统计。`}</Text>
        </View>
      ) : null}
      <InvitationRuns model={runs} />
    </Card>
  );
}
