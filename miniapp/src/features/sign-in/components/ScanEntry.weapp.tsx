import { Cell } from '../../../components/Cells';
import { navigate } from '../../../lib/router';

/** 扫码核验 without signing in (see ScanEntry.d.ts). */
export function ScanEntry() {
  return (
    <Cell
      label="扫码核验"
      value="无需登录，扫描他人出示的电子证照"
      arrow
      onClick={() => void navigate('scan')}
      ariaLabel="扫码核验：无需登录，扫描他人出示的电子证照二维码"
    />
  );
}
