import { Text, View } from '@tarojs/components';
import { Card, FormError, TextField } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { ErrorState, LoadingCards } from '../../../components/StateViews';
import { fieldError } from '../../../lib/validation';
import { sortAssignments, toAssignmentView } from '../assignment-view';
import { useDriverAssignments } from '../useDriverAssignments';
import './operator.scss';

type Assignments = ReturnType<typeof useDriverAssignments>;

function AssignForm({ assignments }: { assignments: Assignments }) {
  const { state } = assignments.data;
  const vehicles = state.status === 'ready' ? state.data.vehicles : [];
  return (
    <View className="operator__add">
      <Text className="operator__subtitle">安排随车人员</Text>
      <View className="rc-field">
        <Text className="rc-field__label">车辆</Text>
        <View className="role-choice" role="radiogroup" aria-label="车辆">
          {vehicles.map((vehicle) => (
            <View
              key={vehicle.id}
              className={
                assignments.vehicleId === vehicle.id
                  ? 'role-choice__option role-choice__option--on'
                  : 'role-choice__option'
              }
              role="radio"
              aria-checked={assignments.vehicleId === vehicle.id}
              onClick={() => assignments.setVehicleId(vehicle.id)}
            >
              <Text className="role-choice__label">{`${assignments.vehicleId === vehicle.id ? '● ' : '○ '}${vehicle.plateNumber}`}</Text>
            </View>
          ))}
        </View>
        {fieldError(assignments.fields, 'vehicleId') ? (
          <View className="rc-field__error" role="alert">
            <Text>{fieldError(assignments.fields, 'vehicleId')}</Text>
          </View>
        ) : null}
      </View>
      <TextField
        label="随车人员手机号"
        type="number"
        value={assignments.phone}
        onChange={assignments.setPhone}
        placeholder="对方登录本服务并已实名认证的手机号"
        maxlength={11}
        error={fieldError(assignments.fields, 'phone')}
      />
      <FormError message={assignments.formError} />
      <Button
        type="primary"
        size="large"
        block
        loading={assignments.assigning}
        onClick={() => void assignments.assign()}
      >
        安排随车
      </Button>
    </View>
  );
}

/**
 * 随车人员: who may present which vehicle's 道路运输证 from their own wallet. Ending an
 * assignment makes the driver's downloaded codes invalid at once.
 */
export function DriverAssignmentsCard({ operatorId }: { operatorId: string }) {
  const assignments = useDriverAssignments(operatorId);
  const { state, reload } = assignments.data;
  return (
    <Card title="随车人员">
      <Text className="operator__empty">
        随车人员可在自己的“我的证照”中出示所随车辆的道路运输证，不能查看或办理本企业其他证照。
      </Text>
      {state.status === 'loading' ? <LoadingCards count={1} /> : null}
      {state.status === 'error' ? <ErrorState message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ready'
        ? sortAssignments(state.data.assignments)
            .map((assignment) => toAssignmentView(assignment, new Date()))
            .map((assignment) => (
              <View key={assignment.id} className={assignment.ended ? 'member member--revoked' : 'member'}>
                <View className="member__head">
                  <Text className="member__who">{assignment.plate}</Text>
                  <Text className="member__role">{assignment.ended ? '已解除' : '随车中'}</Text>
                </View>
                <Text className="member__meta">{`随车人员：${assignment.who}`}</Text>
                <Text className="member__meta">{`安排时间：${assignment.assigned}`}</Text>
                {assignment.ended ? null : (
                  <Button
                    className="member__revoke"
                    size="normal"
                    type="danger"
                    fill="outline"
                    loading={assignments.endingId === assignment.id}
                    onClick={() => void assignments.end(assignment)}
                  >
                    解除随车
                  </Button>
                )}
              </View>
            ))
        : null}
      {state.status === 'ready' && !state.data.assignments.some((a) => a.revokedAt === null) ? (
        <Text className="operator__empty">尚未安排随车人员</Text>
      ) : null}
      <AssignForm assignments={assignments} />
    </Card>
  );
}
