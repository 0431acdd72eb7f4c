import { Text, View } from '@tarojs/components';
import './demo-banner.scss';

/** Shown on every signed-in screen while sign-in is the demo stand-in (holder.demo). */
export function DemoBanner() {
  return (
    <View className="demo-banner" role="note">
      <Text className="demo-banner__text">演示登录（实名认证功能开发中，仅供演示）</Text>
    </View>
  );
}
