import { Text, View } from '@tarojs/components';
import { Card } from '../../../components/Form';
import { ElderModeToggle } from '../../elder-mode/ElderModeToggle';
import { LookupEntry } from '../../lookup/components/LookupEntry';
import { ScanEntry } from './ScanEntry';
import { SignInMethods } from './SignInMethods';
import './sign-in.scss';

/** 登录: the platform's sign-in methods in a card. */
export function SignInView() {
  return (
    <View className="sign-in">
      <View className="sign-in__intro">
        <View className="sign-in__titles">
          <Text className="sign-in__title">登录</Text>
          <Text className="sign-in__subtitle">道路运输电子证照自助服务</Text>
        </View>
        <ElderModeToggle />
      </View>
      <Card>
        <SignInMethods />
      </Card>
      <LookupEntry>
        <ScanEntry />
      </LookupEntry>
    </View>
  );
}
