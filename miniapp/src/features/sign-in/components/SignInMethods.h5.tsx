import type { TokenPair } from '@roadcert/shared';
import { enterApp, startSession } from '../complete-sign-in';
import type * as Contract from './SignInMethods';
import { SmsSignInForm } from './SmsSignInForm';

async function signedIn(pair: TokenPair): Promise<void> {
  await startSession(pair);
  await enterApp();
}

/** Portal: phone number + SMS code. */
export const SignInMethods: typeof Contract.SignInMethods = () => <SmsSignInForm onSignedIn={signedIn} />;
