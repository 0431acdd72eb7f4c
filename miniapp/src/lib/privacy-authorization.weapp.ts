import type * as Contract from './privacy-authorization';
import { onNeedPrivacyAuthorization, type PrivacyResolve } from './wechat.weapp';

/** id of the popup's `open-type="agreePrivacyAuthorization"` button; WeChat checks it was tapped. */
export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree';

let pending: PrivacyResolve | null = null;
let installed = false;
const listeners = new Set<() => void>();

function notify(): void {
  listeners.forEach((listener) => listener());
}

/**
 * Called once at launch. When a privacy API or component (phone number, face check…) needs the
 * person's authorisation, WeChat holds it pending and hands us `resolve`; the popup on the
 * current page shows the request and answers through `answerPrivacyRequest`.
 */
export const installPrivacyAuthorization: typeof Contract.installPrivacyAuthorization = () => {
  if (installed) return;
  installed = true;
  onNeedPrivacyAuthorization((resolve) => {
    pending?.({ event: 'disagree' }); // a newer request replaces an unanswered one
    pending = resolve;
    notify();
  });
};

export function hasPendingPrivacyRequest(): boolean {
  return pending !== null;
}

export function subscribePrivacyRequests(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells WeChat the popup is on screen (it asks for this before agree/disagree). */
export function reportPrivacyPopupShown(): void {
  pending?.({ event: 'exposureAuthorization' });
}

/** The person's answer; the pending API then continues (agree) or fails (disagree). */
export function answerPrivacyRequest(agreed: boolean): void {
  const resolve = pending;
  pending = null;
  resolve?.(agreed ? { event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID } : { event: 'disagree' });
  notify();
}
