import { View } from '@tarojs/components';
import type { TokenPair } from '@roadcert/shared';
import { navigate } from '../../../lib/router';
import { enterApp, startSession } from '../complete-sign-in';
import type * as Contract from './SignInMethods';
import { SmsSignInForm } from './SmsSignInForm';

async function signedIn(pair: TokenPair): Promise<void> {
  await startSession(pair);
  await enterApp();
}

/** Portal: phone number + SMS code; below it, a quiet way in for authority staff (the workbench is portal-only). */
export const SignInMethods: typeof Contract.SignInMethods = () => (
  <View>
    <SmsSignInForm onSignedIn={signedIn} />
    <View className="sign-in__staff-entry" role="link" onClick={() => void navigate('staffLogin')}>
      工作人员入口
    </View>
  </View>
);
