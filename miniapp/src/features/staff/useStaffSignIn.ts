import { useState } from 'react';
import { toApiError } from '../../lib/api-error';
import { relaunch } from '../../lib/router';
import { staffLogin, staffVerify } from './api';
import { codeStepProblem, passwordStepProblem, signInOutcome, type StaffSignInStep } from './sign-in-state';

/** 工作人员登录: password step, then the authenticator code; on success the review queue. */
export function useStaffSignIn() {
  const [step, setStep] = useState<StaffSignInStep>('password');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [challengeId, setChallengeId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  function fail(cause: unknown, at: StaffSignInStep) {
    const outcome = signInOutcome(toApiError(cause), at);
    setError(outcome.message);
    setCode('');
    if (outcome.step === 'password') {
      setChallengeId(null);
      setPassword('');
    }
    setStep(outcome.step);
  }

  async function submitPassword() {
    const problem = passwordStepProblem(username, password);
    if (problem) return setError(problem);
    setPending(true);
    setError(null);
    try {
      setChallengeId(await staffLogin(username, password));
      setStep('code');
    } catch (cause) {
      fail(cause, 'password');
    } finally {
      setPending(false);
    }
  }

  async function submitCode() {
    const problem = codeStepProblem(code);
    if (problem) return setError(problem);
    if (!challengeId) return setStep('password');
    setPending(true);
    setError(null);
    try {
      await staffVerify(challengeId, code);
      await relaunch('staffQueue');
    } catch (cause) {
      fail(cause, 'code');
    } finally {
      setPending(false);
    }
  }

  function backToPassword() {
    setStep('password');
    setChallengeId(null);
    setCode('');
    setError(null);
  }

  return {
    step,
    username,
    setUsername,
    password,
    setPassword,
    code,
    setCode: (value: string) => setCode(value.replace(/\D/g, '').slice(0, 6)),
    error,
    pending,
    submitPassword,
    submitCode,
    backToPassword,
  };
}
