import { Image, Text, View } from '@tarojs/components';
import { apiUrl } from '../../../lib/api-url';
import type { FaceRow } from '../face-rows';
import './verify.scss';

/** The certificate as far as the viewer may see it (the photo only in the wider views). */
export function FaceRows({ rows, note, photoUrl }: { rows: FaceRow[]; note?: string; photoUrl?: string | null }) {
  if (rows.length === 0) return null;
  return (
    <View className="verify-face">
      {photoUrl ? (
        <Image className="verify-face__photo" src={apiUrl(photoUrl)} mode="aspectFill" ariaLabel="持证人照片" />
      ) : null}
      {rows.map((row) => (
        <View key={row.label} className="verify-face__row">
          <Text className="verify-face__label">{row.label}</Text>
          <Text className="verify-face__value">{row.value}</Text>
        </View>
      ))}
      {note ? <Text className="verify-face__note">{note}</Text> : null}
    </View>
  );
}
