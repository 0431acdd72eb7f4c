import { Text, View } from '@tarojs/components';
import { holderKinds, type HolderProfile } from '@roadcert/shared';
import { ElderModeToggle } from '../../elder-mode/ElderModeToggle';
import './holder-header.scss';

/** Who is signed in (masked name and kind), with the 长辈版 switch beside it. */
export function HolderHeader({ holder }: { holder: HolderProfile | null }) {
  return (
    <View className="holder-header">
      <View className="holder-header__who">
        <Text className="holder-header__greeting">{holder ? `您好，${holder.nameMasked}` : '您好'}</Text>
        {holder ? <Text className="holder-header__kind">{holderKinds[holder.kind].label}</Text> : null}
      </View>
      <ElderModeToggle />
    </View>
  );
}
