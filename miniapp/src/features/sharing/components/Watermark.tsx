import { Text, View } from '@tarojs/components';
import { watermarkTiles } from '../watermark';

/**
 * Diagonal, repeated, semi-transparent lines over a certificate face. It sits above the face (so a
 * screenshot carries it) but lets taps and text selection through.
 */
export function Watermark({ lines, heightPx }: { lines: string[]; heightPx: number }) {
  const tiles = watermarkTiles(heightPx);
  return (
    <View className="watermark" aria-hidden="true">
      {Array.from({ length: tiles }, (_, index) => (
        <View key={index} className={index % 2 === 0 ? 'watermark__tile' : 'watermark__tile watermark__tile--shifted'}>
          {lines.map((line) => (
            <Text key={line} className="watermark__line">
              {line}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}
