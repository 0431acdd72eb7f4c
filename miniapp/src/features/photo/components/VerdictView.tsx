import { Image, Text, View } from '@tarojs/components';
import type { PhotoCheck } from '@roadcert/shared';
import { Card } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { apiUrl } from '../../../lib/api-url';
import { back } from '../../../lib/router';
import { checkLabels, toVerdictView } from '../checks';
import type { PhotoCapture, PhotoPhase } from '../usePhotoCapture';

/** A failed check says why and what to do; a passed one is one short line. */
function CheckRow({ check }: { check: PhotoCheck }) {
  if (check.passed) {
    return (
      <View className="photo-check photo-check--passed" role="listitem">
        <Text className="photo-check__mark" aria-hidden="true">
          ✓
        </Text>
        <Text className="photo-check__label">{`${checkLabels[check.check]}：合格`}</Text>
      </View>
    );
  }
  return (
    <View className="photo-check photo-check--failed" role="listitem">
      <Text className="photo-check__mark" aria-hidden="true">
        ✗
      </Text>
      <View className="photo-check__body">
        <Text className="photo-check__label">{`${checkLabels[check.check]}：不合格`}</Text>
        <Text className="photo-check__message">{check.message}</Text>
      </View>
    </View>
  );
}

function CheckList({ checks }: { checks: PhotoCheck[] }) {
  return (
    <View className="photo-checks" role="list">
      {checks.map((check) => (
        <CheckRow key={check.check} check={check} />
      ))}
    </View>
  );
}

/** The processed photo as stored, 照片合格, and each check passed. */
export function AcceptedView({
  capture,
  phase,
}: {
  capture: PhotoCapture;
  phase: Extract<PhotoPhase, { kind: 'accepted' }>;
}) {
  const { photo, verdict } = phase.result;
  return (
    <Card>
      <View className="photo-verdict photo-verdict--accepted" role="status">
        <Text className="photo-verdict__title">✓ 照片合格</Text>
        <Text className="photo-verdict__hint">{`已裁剪为${photo.width}×${photo.height}像素的证件照并保存。`}</Text>
      </View>
      <View className="photo__result">
        <Image
          className="photo__result-image"
          src={apiUrl(photo.image.url)}
          mode="aspectFit"
          ariaLabel="处理后的证件照"
        />
      </View>
      <View className="photo__actions">
        <Button type="primary" size="large" block onClick={() => void back()}>
          完成
        </Button>
        <Button size="large" block onClick={capture.retake}>
          重新拍摄
        </Button>
      </View>
      <Text className="photo__subhead">质量检查</Text>
      <CheckList checks={verdict.checks} />
    </Card>
  );
}

/** Every failed check's reason first, with retake right under it; then what already passed. */
export function RejectedView({
  capture,
  phase,
}: {
  capture: PhotoCapture;
  phase: Extract<PhotoPhase, { kind: 'rejected' }>;
}) {
  const { failed, passed } = toVerdictView(phase.verdict);
  return (
    <Card>
      <View className="photo-verdict photo-verdict--rejected" role="alert">
        <Text className="photo-verdict__title">照片不合格</Text>
        <Text className="photo-verdict__hint">照片未保存。请按下面的提示调整后重新拍摄：</Text>
      </View>
      <CheckList checks={failed} />
      <View className="photo__actions">
        <Button type="primary" size="large" block onClick={capture.retake}>
          重新拍摄
        </Button>
        <Button size="large" block onClick={capture.adjust}>
          调整裁剪范围
        </Button>
      </View>
      {passed.length > 0 ? <Text className="photo__subhead">已通过的检查</Text> : null}
      <CheckList checks={passed} />
    </Card>
  );
}
