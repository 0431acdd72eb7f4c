import { useState } from 'react';
import { toApiError } from '../../lib/api-error';
import { scanQrCode } from '../../lib/scan';
import { verifyOnline } from './api';
import { offlineVerify } from './offline-verify';
import { offlineOutcome, onlineOutcome, type CheckOutcome } from './scan-result';
import { tokenDigits } from './token-text';
import { useVerifierLists, type VerifierLists } from './useVerifierLists';

export type ScanState =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'done'; outcome: CheckOutcome }
  | { status: 'error'; message: string };

const NOT_A_TOKEN: CheckOutcome = {
  verdict: 'INVALID',
  reason: '这不是道路运输电子证照的二维码',
  rows: [],
  source: '扫码',
  caution: null,
};

/**
 * The mini-program scanner: the camera, then the service when the network is there (it knows
 * the current status), else the offline check against the cached lists.
 */
export function useScanner(): { lists: VerifierLists; state: ScanState; scan: () => void } {
  const lists = useVerifierLists();
  const [state, setState] = useState<ScanState>({ status: 'idle' });

  const checkOffline = (text: string): ScanState => {
    const check = offlineVerify(
      text,
      { keys: lists.keys?.list ?? null, status: lists.status?.list ?? null },
      Date.now(),
    );
    if (!check)
      return {
        status: 'error',
        message: '没有网络，本机也没有签发密钥列表，无法离线核验。请联网一次以下载密钥和状态清单',
      };
    return { status: 'done', outcome: offlineOutcome(check, lists.statusFreshness) };
  };

  const check = async (text: string): Promise<ScanState> => {
    const digits = tokenDigits(text);
    if (!digits) return { status: 'done', outcome: NOT_A_TOKEN };
    if (!lists.online) return checkOffline(text);
    try {
      return { status: 'done', outcome: onlineOutcome(await verifyOnline(digits, 'QR_MINIAPP')) };
    } catch (cause) {
      // No answer from the service: the offline check still says what the lists can tell.
      if (toApiError(cause).code === 'NETWORK') return checkOffline(text);
      return { status: 'error', message: toApiError(cause).message };
    }
  };

  const scan = () => {
    void (async () => {
      let text: string | null;
      try {
        text = await scanQrCode();
      } catch {
        setState({ status: 'error', message: '无法打开相机扫码，请检查相机权限后重试' });
        return;
      }
      if (text === null) return;
      setState({ status: 'checking' });
      setState(await check(text));
    })();
  };

  return { lists, state, scan };
}
