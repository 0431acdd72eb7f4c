import { Image, Text, View } from '@tarojs/components';
import { applicationKindLabels, getCertificateType } from '@roadcert/shared';
import { Card, FormError } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { Step, Steps } from '../../../components/nutui-steps';
import { ErrorState, LoadingCards } from '../../../components/StateViews';
import { apiUrl } from '../../../lib/api-url';
import { summariseCompliance } from '../compliance-view';
import { displayValue, formStepLabels, formSteps, prefillRows, shownFields, type FormStep } from '../form-state';
import type { ApplicationForm } from '../useApplicationForm';
import { ComplianceCard } from './ComplianceCard';
import { Fact, FormFieldRow, PrefillFacts } from './FormFields';
import './applications.scss';

function FormSteps({ form }: { form: ApplicationForm }) {
  const at = formSteps.indexOf(form.step) + 1;
  return (
    <View className="apply-steps" aria-label={`第 ${at} / ${formSteps.length} 步：${formStepLabels[form.step]}`}>
      <Steps
        value={at}
        status="dynamic"
        layout="double"
        onStepClick={(value) => {
          const target = formSteps[value - 1];
          if (target) void form.goTo(target);
        }}
      >
        {formSteps.map((step, index) => (
          <Step key={step} value={index + 1} title={formStepLabels[step]} />
        ))}
      </Steps>
    </View>
  );
}

function ConfirmStep({ form }: { form: ApplicationForm }) {
  const fields = shownFields(form.fields, form.values).filter((field) => field.step === 'confirm');
  return (
    <>
      <Card title="已自动带出">
        <Text className="apply-note">来自实名认证信息和原证照，无需填写。</Text>
        <PrefillFacts rows={prefillRows(form.saved?.formData ?? {})} />
      </Card>
      {fields.length > 0 ? (
        <Card title="证照信息">
          <Text className="apply-note">请核对；与实际不符的，点“修改”更正。</Text>
          {fields.map((field) => (
            <FormFieldRow key={field.key} form={form} field={field} />
          ))}
        </Card>
      ) : null}
    </>
  );
}

function PhotoCard({ form }: { form: ApplicationForm }) {
  const spec = getCertificateType(form.saved?.typeCode ?? '')?.photo;
  return (
    <Card title={form.photoRequired ? '证件照（必须上传）' : '证件照'}>
      <View className="apply-photo">
        {form.photo ? (
          <Image
            className="apply-photo__image"
            src={apiUrl(form.photo.url)}
            mode="aspectFit"
            ariaLabel="已上传的证件照"
          />
        ) : (
          <View className="apply-photo__empty">未上传</View>
        )}
        <View className="apply-photo__side">
          <Text className="apply-photo__state">
            {form.photo
              ? '✓ 已上传，照片合格'
              : `白底免冠，在线检查并裁剪为${spec?.widthPx ?? 358}×${spec?.heightPx ?? 441}像素`}
          </Text>
          <Button
            type={form.photo ? 'default' : 'primary'}
            size="large"
            block
            disabled={form.busy !== null}
            onClick={form.takePhoto}
          >
            {form.photo ? '重新拍摄' : '拍摄或上传'}
          </Button>
        </View>
      </View>
      {!form.photo && !form.photoRequired ? (
        <Text className="apply-note apply-photo__note">将沿用原证照片，也可以上传近期照片。</Text>
      ) : null}
      {form.errors.photo ? (
        <View className="rc-field__error" role="alert">
          {form.errors.photo}
        </View>
      ) : null}
    </Card>
  );
}

function MaterialsStep({ form }: { form: ApplicationForm }) {
  const fields = form.fields.filter((field) => field.step === 'materials');
  return (
    <>
      {form.photoStep ? <PhotoCard form={form} /> : null}
      {fields.length > 0 ? (
        <Card title="补充材料">
          {fields.map((field) => (
            <FormFieldRow key={field.key} form={form} field={field} />
          ))}
        </Card>
      ) : null}
      {!form.photoStep && fields.length === 0 ? (
        <Card>
          <Text className="apply-lead">本业务无需上传照片或材料，也无需提交实体证照。</Text>
        </Card>
      ) : null}
    </>
  );
}

function ReviewStep({ form }: { form: ApplicationForm }) {
  const typeCode = form.saved?.typeCode ?? '';
  return (
    <Card title="请确认以下内容">
      {prefillRows(form.saved?.formData ?? {}).map((row) => (
        <Fact key={row.key} label={row.label} value={row.value} />
      ))}
      {shownFields(form.fields, form.values).map((field) => (
        <Fact
          key={field.key}
          label={field.label}
          value={displayValue(typeCode, field.key, (form.values[field.key] ?? '').trim())}
          error={form.errors[field.key] !== undefined}
        />
      ))}
      {form.photoStep ? (
        <Fact
          label="证件照"
          value={form.photo ? '已上传' : form.photoRequired ? '未上传' : '未上传（沿用原证照片）'}
          error={!form.photo && (form.photoRequired || form.errors.photo !== undefined)}
        />
      ) : null}
      {form.otherErrors.map((message) => (
        <FormError key={message} message={message} />
      ))}
    </Card>
  );
}

function Navigation({ form }: { form: ApplicationForm }) {
  const index = formSteps.indexOf(form.step);
  const previous: FormStep | undefined = formSteps[index - 1];
  const next: FormStep | undefined = formSteps[index + 1];
  return (
    <View className="apply-actions">
      <FormError message={form.notice} />
      {next ? (
        <Button type="primary" size="large" block loading={form.busy === 'saving'} onClick={() => void form.goTo(next)}>
          下一步
        </Button>
      ) : (
        <Button
          type="primary"
          size="large"
          block
          loading={form.busy === 'submitting'}
          disabled={form.busy === 'saving' || form.blocked}
          onClick={() => void form.submit()}
        >
          {form.saved?.state === 'RETURNED' ? '重新提交' : '提交申请'}
        </Button>
      )}
      {previous ? (
        <Button size="large" block disabled={form.busy !== null} onClick={() => void form.goTo(previous)}>
          上一步
        </Button>
      ) : null}
      <Text className="apply-actions__hint">每一步都会保存草稿，换设备登录后可以继续填写。</Text>
    </View>
  );
}

/** The application form: 核对信息 → 照片与材料 → 确认提交. */
export function ApplicationFormView({ form }: { form: ApplicationForm }) {
  const { remote, saved } = form;
  if (remote.state.status === 'error')
    return <ErrorState message={remote.state.error.message} onRetry={() => void remote.reload()} />;
  if (!saved) return <LoadingCards count={2} />;
  return (
    <View>
      <Card>
        <Text className="apply-title">{`${getCertificateType(saved.typeCode)?.shortName ?? saved.typeName} · ${applicationKindLabels[saved.kind]}`}</Text>
        {saved.state === 'RETURNED' ? (
          <Text className="apply-subtitle">已退回补正：请修改标红的内容后重新提交。</Text>
        ) : null}
      </Card>
      <FormSteps form={form} />
      {form.step === 'confirm' ? <ConfirmStep form={form} /> : null}
      {form.step === 'materials' ? <MaterialsStep form={form} /> : null}
      {form.step === 'review' ? <ReviewStep form={form} /> : null}
      {/* On every step, before the buttons: 赵磊's mismatch is seen while the field is still in reach. */}
      <ComplianceCard
        summary={summariseCompliance(saved.compliance, form.fields)}
        refused={form.refused}
        onFix={form.step === 'confirm' ? undefined : (step) => void form.goTo(step)}
      />
      <Navigation form={form} />
    </View>
  );
}
