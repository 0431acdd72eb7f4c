import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { useElderMode } from '../features/elder-mode/ElderModeProvider';
import './page-shell.scss';

/**
 * Root of every page: sets the type scale (CSS variables) and switches it to 长辈版 when chosen,
 * so pages and NutUI components inside follow without knowing about the mode.
 */
export function PageShell({ children }: PropsWithChildren) {
  const { enabled } = useElderMode();
  return <View className={enabled ? 'rc-page rc-page--elder' : 'rc-page'}>{children}</View>;
}
