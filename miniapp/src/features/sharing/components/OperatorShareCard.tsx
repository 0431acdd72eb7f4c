import { Text } from '@tarojs/components';
import { Card } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { navigate } from '../../../lib/router';
import './sharing.scss';

/** On the operator page: share the 经营许可证 and every vehicle's 道路运输证 with a shipper in one link. */
export function OperatorShareCard({ name }: { name: string }) {
  return (
    <Card title="分享企业证照">
      <Text className="share-form__lead">{`把${name}的经营许可证和车辆道路运输证，一次分享给货主、平台或保险公司：带事由和有效期水印，可随时撤销。`}</Text>
      <Button
        type="primary"
        fill="outline"
        size="large"
        block
        onClick={() => void navigate('shareCreate', { operator: name })}
      >
        分享企业证照
      </Button>
    </Card>
  );
}
