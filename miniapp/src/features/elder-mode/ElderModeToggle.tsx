import { View } from '@tarojs/components';
import { useElderMode } from './ElderModeProvider';
import './elder-mode.scss';

/** The prominent 长辈版 entry the MIIT guideline asks for on the home page. */
export function ElderModeToggle() {
  const { enabled, toggle } = useElderMode();
  return (
    <View
      className="elder-toggle"
      role="button"
      aria-pressed={enabled}
      aria-label={enabled ? '切换为标准版' : '切换为长辈版，字体更大'}
      onClick={toggle}
    >
      {enabled ? '标准版' : '长辈版'}
    </View>
  );
}
