import { Text, View } from '@tarojs/components';
import { Card, FormError } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/StateViews';
import { sortDevices, toDeviceView, type DeviceView } from '../device-view';
import type { useDevices } from '../useDevices';
import './devices.scss';

function DeviceCard({ device, pending, onSignOut }: { device: DeviceView; pending: boolean; onSignOut: () => void }) {
  return (
    <View className={device.current ? 'device device--current' : 'device'}>
      <View className="device__head">
        <Text className="device__title">{device.title}</Text>
        {device.current ? <Text className="device__here">本机</Text> : null}
      </View>
      <Text className="device__meta">{`类型：${device.platform}`}</Text>
      <Text className="device__meta">{`登录时间：${device.signedInAt}`}</Text>
      <Text className="device__meta">{`最近使用：${device.lastSeen}`}</Text>
      <Button
        className="device__action"
        size="normal"
        fill="outline"
        type={device.current ? 'default' : 'danger'}
        loading={pending}
        onClick={onSignOut}
      >
        {device.current ? '退出本机登录' : '退出该设备'}
      </Button>
    </View>
  );
}

/** 我的设备: every signed-in device, this one marked, each with its sign-out. */
export function DevicesView({ devices }: { devices: ReturnType<typeof useDevices> }) {
  const { state, reload } = devices.sessions;
  if (state.status === 'loading') return <LoadingCards />;
  if (state.status === 'error') return <ErrorState message={state.error.message} onRetry={() => void reload()} />;
  const views = sortDevices(state.data).map((session) => toDeviceView(session, new Date()));
  return (
    <View>
      <Text className="devices__intro">以下设备正在登录您的账号。如有不认识的设备，请立即退出该设备。</Text>
      {devices.actionError ? (
        <View className="devices__error">
          <FormError message={devices.actionError} />
        </View>
      ) : null}
      {views.length === 0 ? <EmptyState title="暂无登录设备" /> : null}
      <Card>
        {views.map((device) => (
          <DeviceCard
            key={device.id}
            device={device}
            pending={devices.pendingId === device.id}
            onSignOut={() => void devices.signOutDevice(device)}
          />
        ))}
      </Card>
      <View className="devices__all">
        <Button
          type="danger"
          fill="outline"
          size="large"
          block
          loading={devices.pendingId === 'all'}
          onClick={() => void devices.signOutEverywhere()}
        >
          退出全部设备（包括本机）
        </Button>
      </View>
    </View>
  );
}
