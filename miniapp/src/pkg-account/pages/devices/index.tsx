import { PageShell } from '../../../components/PageShell';
import { DevicesView } from '../../../features/devices/components/DevicesView';
import { useDevices } from '../../../features/devices/useDevices';
import { usePullDownRefresh } from '../../../lib/page';

export default function DevicesPage() {
  const devices = useDevices();
  usePullDownRefresh(devices.sessions.reload);
  return (
    <PageShell>
      <DevicesView devices={devices} />
    </PageShell>
  );
}
