import { Text, Textarea, View } from '@tarojs/components';
import { Card, FormError } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { REJECT_REASON_MAX, RETURN_REASON_MAX, type ReturnableField } from '../return-reasons';
import type { useStaffReview } from '../useStaffReview';

type Review = ReturnType<typeof useStaffReview>;

/** 退回补正: tick the fields to fix, a reason under each ticked one. */
export function ReturnPanel({ review, fields }: { review: Review; fields: ReturnableField[] }) {
  const { state, errors, toggle, setReason, submit } = review.returnForm;
  return (
    <Card title="退回补正">
      <Text className="staff-muted">勾选需要申请人补正的内容，并逐项写明原因。申请人将在对应项目下看到原因。</Text>
      {fields.map((field) => {
        const on = state.selected.includes(field.key);
        return (
          <View key={field.key} className={on ? 'staff-return staff-return--on' : 'staff-return'}>
            <View className="staff-return__pick" role="checkbox" aria-checked={on} onClick={() => toggle(field.key)}>
              <View className={on ? 'rc-check__box rc-check__box--on' : 'rc-check__box'}>{on ? '✓' : ''}</View>
              <Text>{field.label}</Text>
            </View>
            {on ? (
              <View>
                <Textarea
                  className={errors[field.key] ? 'staff-textarea staff-textarea--error' : 'staff-textarea'}
                  value={state.reasons[field.key] ?? ''}
                  placeholder={`${field.label}的退回原因`}
                  maxlength={RETURN_REASON_MAX}
                  autoHeight
                  onInput={(event) => setReason(field.key, event.detail.value)}
                />
                {errors[field.key] ? (
                  <View className="rc-field__error" role="alert">
                    {errors[field.key]}
                  </View>
                ) : null}
              </View>
            ) : null}
          </View>
        );
      })}
      <FormError message={review.error} />
      <Button type="primary" size="large" block loading={review.pending === 'return'} onClick={() => void submit()}>
        {`确认退回（${state.selected.length}项）`}
      </Button>
    </Card>
  );
}

/** 不予许可: one reason the holder reads; final. */
export function RejectPanel({ review }: { review: Review }) {
  return (
    <Card title="不予许可">
      <Text className="staff-muted">请写明不予许可的理由和依据。此决定为最终决定。</Text>
      <Textarea
        className="staff-textarea"
        value={review.rejectForm.reason}
        placeholder="不予许可的理由"
        maxlength={REJECT_REASON_MAX}
        autoHeight
        onInput={(event) => review.rejectForm.setReason(event.detail.value)}
      />
      <FormError message={review.error} />
      <Button
        type="danger"
        size="large"
        block
        loading={review.pending === 'reject'}
        onClick={() => void review.rejectForm.submit()}
      >
        确认不予许可
      </Button>
    </Card>
  );
}
