import { Text, View } from '@tarojs/components';
import { Card, FormError } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import type { PhotoCapture } from '../usePhotoCapture';

const TIPS = [
  '站在白色或浅色的纯色墙前',
  '光线充足均匀，脸上没有阴影',
  '正对镜头，头部和肩膀在画面中间',
  '手机拿稳，对焦清晰后再拍',
];

/** 拍摄或选择: how to take a usable photo, then camera or album. */
export function ChooseStep({ capture }: { capture: PhotoCapture }) {
  const { spec, phase } = capture;
  return (
    <Card title="拍摄证件照">
      <Text className="photo__lead">{`照片会在线检查并裁剪为${spec.widthPx}×${spec.heightPx}像素、白色背景的证件照。`}</Text>
      <View className="photo__tips" role="list">
        {TIPS.map((tip) => (
          <View key={tip} className="photo__tip" role="listitem">
            {`· ${tip}`}
          </View>
        ))}
      </View>
      <FormError message={phase.kind === 'choose' ? phase.message : null} />
      <View className="photo__actions">
        <Button type="primary" size="large" block onClick={() => void capture.choose('camera')}>
          拍照
        </Button>
        <Button size="large" block onClick={() => void capture.choose('album')}>
          从相册选择
        </Button>
      </View>
    </Card>
  );
}
