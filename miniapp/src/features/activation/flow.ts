import type { ApiErrorCode } from '../../lib/api-error';
import { isFaceVerified } from '../account/account';
import type { Account } from '../account/api';
import { hasCurrentConsent } from '../consent/consent-state';

/**
 * The identity flow behind 激活 (and 实名认证 on its own): the steps still missing are walked in
 * order — privacy consent → real-name binding (with the ID-number consent) → face verification
 * (with the face-data consent) → activation — and then it is done.
 */
export type FlowStep = 'privacy' | 'real-name' | 'face' | 'activate' | 'done';

export interface FlowGoal {
  /** A fresh face verification is needed (activation requires one). */
  face: boolean;
  /** A certificate is to be activated at the end. */
  activate: boolean;
}

export const STEP_LABELS: Record<Exclude<FlowStep, 'done'>, string> = {
  privacy: '隐私授权',
  'real-name': '实名认证',
  face: '人脸核验',
  activate: '激活证照',
};

/** The steps this goal goes through, for the progress bar. */
export function stepsFor(goal: FlowGoal): Exclude<FlowStep, 'done'>[] {
  const steps: Exclude<FlowStep, 'done'>[] = ['privacy', 'real-name'];
  if (goal.face) steps.push('face');
  if (goal.activate) steps.push('activate');
  return steps;
}

export interface FlowProgress {
  /** Set when the server said a step is missing that the account looked complete for. */
  forced: FlowStep | null;
  /** The certificate has been activated (by this flow, or before it began). */
  activated: boolean;
}

/** The first step not yet satisfied, judged from the account at `now`. */
export function nextStep(
  account: Pick<Account, 'consents' | 'holder' | 'faceVerifiedUntil'>,
  goal: FlowGoal,
  progress: FlowProgress,
  now: Date,
): FlowStep {
  if (progress.forced) return progress.forced;
  if (!hasCurrentConsent(account.consents, 'PRIVACY_POLICY')) return 'privacy';
  if (!account.holder) return 'real-name';
  if (goal.face && !isFaceVerified(account, now)) return 'face';
  if (goal.activate && !progress.activated) return 'activate';
  return 'done';
}

/**
 * The step an error sends the flow back to. A consent asked for during real-name or face is that
 * step's own consent (shown again there); asked for anywhere else it is the privacy policy.
 */
export function stepForError(code: ApiErrorCode, current: FlowStep): FlowStep | null {
  switch (code) {
    case 'REAL_NAME_REQUIRED':
      return 'real-name';
    case 'FACE_VERIFICATION_REQUIRED':
      return 'face';
    case 'CONSENT_REQUIRED':
      return current === 'real-name' || current === 'face' ? current : 'privacy';
    default:
      return null;
  }
}

export type StepState = 'done' | 'current' | 'todo';

/** Progress-bar state of each step when the flow stands at `current`. */
export function stepStates(steps: readonly Exclude<FlowStep, 'done'>[], current: FlowStep): StepState[] {
  if (current === 'done') return steps.map(() => 'done');
  const at = steps.indexOf(current);
  return steps.map((_, index) => (index < at ? 'done' : index === at ? 'current' : 'todo'));
}
