import { Text, View } from '@tarojs/components';
import { consentTexts, type ConsentKind } from '@roadcert/shared';
import './consent.scss';

/** One consent text as versioned in shared `consentTexts`: title, summary, version. */
export function ConsentText({ kind, compact }: { kind: ConsentKind; compact?: boolean }) {
  const text = consentTexts[kind];
  return (
    <View className={compact ? 'consent-text consent-text--compact' : 'consent-text'}>
      <Text className="consent-text__title">{`《${text.title}》`}</Text>
      <Text className="consent-text__summary">{text.summary}</Text>
      <Text className="consent-text__version">{`文本版本：${text.version}`}</Text>
    </View>
  );
}
