import { navigate } from '../../../lib/router';
import type * as Contract from './ScanView';
import { ManualEntry } from './ManualEntry';

/** Browsers: scanning is the phone camera's job (it opens the verify page); here, paste or type the code. */
export const ScanView: typeof Contract.ScanView = () => (
  <ManualEntry title="核验电子证照" onSubmit={(digits) => void navigate('verify', { t: digits })} />
);
