import { errorCodes, realNameBindSchema } from '@roadcert/shared';
import { useState } from 'react';
import { isApiError, type ApiError } from '../../lib/api-error';
import { platformFaceVerification } from '../../lib/face-verify';
import { validateForm, type FieldErrors } from '../../lib/validation';
import type { Account } from '../account/api';
import { ensureConsent, grantConsent } from '../consent/api';
import { CONSENT_NOT_TICKED } from '../consent/components/ConsentCheck';
import { hasCurrentConsent } from '../consent/consent-state';
import { completeFaceVerification, startFaceVerification } from './api';
import { forgetIdentity, recallIdentity } from './identity-memory';

export type FacePhase =
  | { kind: 'idle' }
  | { kind: 'starting' }
  /** The server's local stand-in: the person picks the outcome (通过 / 不通过). */
  | { kind: 'stand-in'; verificationId: string }
  /** WeChat needs name + ID number again (bound in an earlier session; not kept on the device). */
  | { kind: 'identity'; verificationId: string }
  | { kind: 'checking' };

export const UNSUPPORTED_HERE = '网页版暂不支持人脸核验，请在微信小程序“道路运输电子证照”中完成';

function messageOf(error: unknown): string {
  if (isApiError(error)) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return '人脸核验未完成，请重试';
}

/**
 * 人脸核验 with the separate face-data consent. The server decides the provider: its local
 * stand-in (labelled, the person chooses the outcome) or WeChat 人脸核身 on the mini-program,
 * whose verifyResult the server checks with WeChat — the client's word is never the result.
 */
export function useFaceVerification(account: Account, onVerified: () => void, onError: (error: ApiError) => boolean) {
  const [phase, setPhase] = useState<FacePhase>({ kind: 'idle' });
  const [consented, setConsented] = useState(false);
  const [serverWantsConsent, setServerWantsConsent] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');

  const needsConsent = serverWantsConsent || !hasCurrentConsent(account.consents, 'FACE_DATA');

  function fail(error: unknown): void {
    setPhase({ kind: 'idle' });
    if (isApiError(error)) {
      if (onError(error)) return;
      if (error.code === 'CONSENT_REQUIRED') {
        setServerWantsConsent(true);
        setConsented(false);
      }
    }
    setMessage(messageOf(error));
  }

  function finish(result: { passed: boolean }): void {
    if (result.passed) {
      forgetIdentity();
      onVerified();
      return;
    }
    setPhase({ kind: 'idle' });
    setMessage(errorCodes.FACE_VERIFICATION_FAILED.message);
  }

  async function runWechat(verificationId: string, identity: { name: string; idNumber: string }): Promise<void> {
    setPhase({ kind: 'checking' });
    try {
      const verifyResult = await platformFaceVerification.run(identity);
      finish(await completeFaceVerification(verificationId, { verifyResult }));
    } catch (error) {
      fail(error);
    }
  }

  async function start(): Promise<void> {
    if (phase.kind !== 'idle') return;
    setMessage(null);
    if (needsConsent && !consented) {
      setFields({ consent: CONSENT_NOT_TICKED });
      return;
    }
    setFields({});
    setPhase({ kind: 'starting' });
    try {
      if (serverWantsConsent) await grantConsent('FACE_DATA');
      else await ensureConsent(account, 'FACE_DATA');
      const started = await startFaceVerification();
      if (started.standIn) {
        setPhase({ kind: 'stand-in', verificationId: started.verificationId });
        return;
      }
      if (!platformFaceVerification.available) {
        setPhase({ kind: 'idle' });
        setMessage(UNSUPPORTED_HERE);
        return;
      }
      const identity = recallIdentity();
      if (identity) await runWechat(started.verificationId, identity);
      else setPhase({ kind: 'identity', verificationId: started.verificationId });
    } catch (error) {
      fail(error);
    }
  }

  async function answerStandIn(outcome: 'pass' | 'fail'): Promise<void> {
    if (phase.kind !== 'stand-in') return;
    const { verificationId } = phase;
    setPhase({ kind: 'checking' });
    try {
      finish(await completeFaceVerification(verificationId, { standInOutcome: outcome }));
    } catch (error) {
      fail(error);
    }
  }

  async function submitIdentity(): Promise<void> {
    if (phase.kind !== 'identity') return;
    const checked = validateForm(realNameBindSchema, { name, idNumber });
    if (!checked.ok) {
      setFields(checked.fields);
      return;
    }
    setFields({});
    await runWechat(phase.verificationId, checked.value);
  }

  return {
    phase,
    message,
    fields,
    needsConsent,
    consented,
    setConsented,
    name,
    setName,
    idNumber,
    setIdNumber,
    start,
    answerStandIn,
    submitIdentity,
  };
}
