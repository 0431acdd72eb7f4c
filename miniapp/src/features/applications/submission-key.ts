/**
 * Idempotency keys for 提交. One key per submission attempt: a double tap, or a retry after the
 * network dropped the answer, sends the same key, so the server answers the same submission
 * instead of making a second one. Only a definite answer (accepted, or refused with a reason)
 * ends the attempt; the next tap then starts a new one (a resubmission after a return needs one).
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 24 random characters from [A-Za-z0-9] (≈ 143 bits), within the contract's 8–64 `[A-Za-z0-9_-]`. */
export function newSubmissionKey(random: () => number = Math.random): string {
  let key = '';
  for (let index = 0; index < 24; index += 1) key += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return key;
}

export interface SubmissionKeys {
  /** The key of the attempt in progress, starting one if there is none. */
  current(): string;
  /** The server answered (either way): the next tap is a new attempt. */
  settled(): void;
}

export function createSubmissionKeys(generate: () => string = newSubmissionKey): SubmissionKeys {
  let key: string | null = null;
  return {
    current() {
      key ??= generate();
      return key;
    },
    settled() {
      key = null;
    },
  };
}
