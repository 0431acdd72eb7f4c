import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { useElderMode } from '../features/elder-mode/ElderModeProvider';
import { PrivacyAuthorizationPopup } from './PrivacyAuthorizationPopup';
import './page-shell.scss';

/**
 * Root of every page: sets the type scale (CSS variables) and switches it to 长辈版 when chosen,
 * so pages and NutUI components inside follow without knowing about the mode. Also hosts WeChat's
 * privacy authorisation popup, which must be on whichever page is showing.
 */
export function PageShell({ children }: PropsWithChildren) {
  const { enabled } = useElderMode();
  return (
    <View className={enabled ? 'rc-page rc-page--elder' : 'rc-page'}>
      {children}
      <PrivacyAuthorizationPopup />
    </View>
  );
}
