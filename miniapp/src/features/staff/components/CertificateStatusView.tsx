import { Text, Textarea, View } from '@tarojs/components';
import { carriers, type StaffCertificate } from '@roadcert/shared';
import { Card, FormError, TextField } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { EmptyState } from '../../../components/StateViews';
import { formatValidity, statusAppearance } from '../../../lib/format';
import { STATUS_REASON_MAX, statusActions } from '../certificate-status';
import type { useCertificateStatus } from '../useCertificateStatus';

type Status = ReturnType<typeof useCertificateStatus>;

function CertificateCard({ certificate, status }: { certificate: StaffCertificate; status: Status }) {
  const appearance = statusAppearance(certificate.status);
  const actions = statusActions(certificate.status);
  const preparing = status.pendingAction?.certificateId === certificate.id ? status.pendingAction.action : null;
  return (
    <View className="staff-cert">
      <View className="staff-detail__head">
        <Text className="staff-detail__title">{certificate.typeName}</Text>
        <Text
          className="staff-badge"
          style={{
            color: appearance.colours.text,
            background: appearance.colours.background,
            borderColor: appearance.colours.border,
          }}
        >
          {`${appearance.symbol} ${certificate.statusLabel}`}
        </Text>
      </View>
      <Text className="staff-cert__line">{`持证人：${certificate.holderNameMasked}`}</Text>
      <Text className="staff-cert__line">{`证号：${certificate.numberMasked}`}</Text>
      <Text className="staff-muted">{`${carriers[certificate.carrier].label} · ${formatValidity(certificate.validUntil)} · ${certificate.issuingAuthority}`}</Text>
      {certificate.statusReason ? <Text className="staff-muted">{`状态原因：${certificate.statusReason}`}</Text> : null}
      {actions.length === 0 ? <Text className="staff-muted">该状态的证照不能在此变更。</Text> : null}
      {actions.length > 0 && !preparing ? (
        <View className="staff-actions staff-actions--row">
          {actions.map((action) => (
            <Button
              key={action.target}
              type={action.danger ? 'danger' : 'primary'}
              fill="outline"
              size="normal"
              onClick={() => status.choose(certificate.id, action)}
            >
              {action.label}
            </Button>
          ))}
        </View>
      ) : null}
      {preparing ? (
        <View className="staff-cert__change">
          <Text className="staff-req__title">{`${preparing.label}：${preparing.effect}`}</Text>
          <Textarea
            className="staff-textarea"
            value={status.reason}
            placeholder={`${preparing.label}原因（将记录在案）`}
            maxlength={STATUS_REASON_MAX}
            autoHeight
            onInput={(event) => status.setReason(event.detail.value)}
          />
          <FormError message={status.actionError} />
          <View className="staff-actions staff-actions--row">
            <Button
              type={preparing.danger ? 'danger' : 'primary'}
              size="normal"
              loading={status.saving}
              onClick={() => void status.apply()}
            >
              {`确认${preparing.label}`}
            </Button>
            <Button type="default" size="normal" onClick={status.cancel}>
              取消
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
}

/** 证照状态: look a certificate up by its number and 暂停 / 吊销 / 恢复 it, with the reason on record. */
export function CertificateStatusView({ status }: { status: Status }) {
  return (
    <View>
      <Card title="查找证照">
        <TextField
          label="证照号码"
          value={status.number}
          onChange={status.setNumber}
          placeholder="输入完整证照号码"
          maxlength={64}
          error={status.searchError ?? undefined}
          hint="从业资格证为持证人身份证号；纸质证、IC卡证号码同样可查"
        />
        <Button type="primary" size="large" block loading={status.searching} onClick={() => void status.search()}>
          查找
        </Button>
      </Card>
      {status.results !== null ? (
        <Card title={`查找结果（${status.results.length}）`}>
          {status.results.length === 0 ? <EmptyState title="本辖区没有该号码的证照" hint="请核对号码后重试" /> : null}
          {status.results.map((certificate) => (
            <CertificateCard key={certificate.id} certificate={certificate} status={status} />
          ))}
        </Card>
      ) : null}
    </View>
  );
}
