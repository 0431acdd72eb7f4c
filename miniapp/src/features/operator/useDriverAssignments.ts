import { useState } from 'react';
import { toApiError } from '../../lib/api-error';
import { toastSuccess } from '../../lib/feedback';
import type { FieldErrors } from '../../lib/validation';
import { useRemote } from '../../hooks/useRemote';
import { followErrorNavigation } from '../session/error-navigation';
import { useConfirmedRemoval } from './useConfirmedRemoval';
import { phoneInput } from '../sign-in/digits';
import { assignDriver, fetchDriverAssignments, fetchOperatorVehicles, unassignDriver } from './api';
import type { AssignmentView } from './assignment-view';

/** 随车人员: the operator's vehicles, who drives which, assigning by phone and ending an assignment. */
export function useDriverAssignments(operatorId: string) {
  const data = useRemote(
    async () => {
      const [vehicles, assignments] = await Promise.all([
        fetchOperatorVehicles(operatorId),
        fetchDriverAssignments(operatorId),
      ]);
      return { vehicles, assignments };
    },
    (error) => followErrorNavigation(error),
  );
  const [vehicleId, setVehicleId] = useState<string | null>(null);
  const [phone, setPhone] = useState('');
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [assigning, setAssigning] = useState(false);

  async function assign(): Promise<void> {
    if (assigning) return;
    const missing: FieldErrors = {};
    if (!vehicleId) missing.vehicleId = '请选择车辆';
    if (!/^1\d{10}$/.test(phone)) missing.phone = '请输入11位手机号';
    if (!vehicleId || Object.keys(missing).length > 0) {
      setFields(missing);
      return;
    }
    setFields({});
    setFormError(null);
    setAssigning(true);
    try {
      await assignDriver(operatorId, { vehicleId, phone });
      setPhone('');
      toastSuccess('已安排随车人员');
      await data.reload();
    } catch (cause) {
      const error = toApiError(cause);
      if (followErrorNavigation(error)) return;
      if (error.fields && Object.keys(error.fields).length > 0) setFields({ ...error.fields });
      else setFormError(error.message);
    } finally {
      setAssigning(false);
    }
  }

  const ending = useConfirmedRemoval<AssignmentView>({
    dialog: (assignment) => ({
      title: '解除随车',
      content: `确定解除“${assignment.who}”与${assignment.plate}的随车安排吗？解除后对方已下载的亮证码立即失效。`,
      confirmText: '解除',
    }),
    remove: (assignment) => unassignDriver(operatorId, assignment.id),
    success: '已解除随车安排',
    reload: () => data.reload(),
    onError: setFormError,
  });

  return {
    data,
    vehicleId,
    setVehicleId,
    phone,
    setPhone: (value: string) => setPhone(phoneInput(value)),
    fields,
    formError,
    assigning,
    assign,
    endingId: ending.removingId,
    end: ending.removeItem,
  };
}
