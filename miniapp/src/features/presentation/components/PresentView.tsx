import { Image, Text, View } from '@tarojs/components';
import type { PresentationFace } from '@roadcert/shared';
import { useState } from 'react';
import { Button } from '../../../components/nutui';
import { apiUrl } from '../../../lib/api-url';
import { formatClock, watermarkText } from '../clock';
import type { PresentationView as View_, QrState } from '../presentation-view';
import { QrCanvas } from './QrCanvas';
import './present.scss';

const VALID_COLOUR = '#000000';
const INVALID_COLOUR = '#c62828';

function QrArea({ qr, windowSeconds, onRetry }: { qr: QrState; windowSeconds: number; onRetry: () => void }) {
  if (qr.kind === 'loading') {
    return (
      <View className="present-qr__placeholder" aria-busy="true">
        <Text>正在获取二维码…</Text>
      </View>
    );
  }
  if (qr.kind === 'unavailable') {
    return (
      <View className="present-qr__placeholder" role="alert">
        <Text className="present-qr__message">{qr.reason}</Text>
        {qr.retry ? (
          <Button type="primary" size="large" onClick={onRetry}>
            重试
          </Button>
        ) : null}
      </View>
    );
  }
  if (qr.kind === 'invalid') {
    return (
      <View className="present-qr__invalid" role="alert">
        {qr.qrText ? (
          <QrCanvas text={qr.qrText} colour={INVALID_COLOUR} label="证照无效，二维码为红色" />
        ) : (
          <View className="present-qr__cross">✕</View>
        )}
        <Text className="present-qr__verdict">✕ 证照无效</Text>
        <Text className="present-qr__reason">{qr.reason}</Text>
      </View>
    );
  }
  const progress = Math.min(100, Math.round((qr.secondsLeft / Math.max(1, windowSeconds)) * 100));
  return (
    <View className="present-qr__live">
      <QrCanvas text={qr.qrText} colour={VALID_COLOUR} label="亮证二维码，供核验人员扫描" />
      <View className="present-qr__progress" aria-hidden="true">
        <View className="present-qr__progress-bar" style={{ width: `${progress}%` }} />
      </View>
      <Text className="present-qr__countdown" aria-live="polite">
        {qr.countdown}
      </Text>
    </View>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View className="present-face__row">
      <Text className="present-face__label">{label}</Text>
      <Text className="present-face__value">{value}</Text>
    </View>
  );
}

/** The photo, or a labelled blank when there is none or it cannot load (offline: signed links expire). */
function Portrait({ url }: { url: string | null }) {
  const [failed, setFailed] = useState(false);
  if (!url || failed) return <View className="present-face__photo present-face__photo--none">照片</View>;
  return (
    <Image
      className="present-face__photo"
      src={apiUrl(url)}
      mode="aspectFill"
      ariaLabel="持证人照片"
      onError={() => setFailed(true)}
    />
  );
}

/** The certificate face, under a watermark of the masked name and the live time. */
function Face({ face, watermark }: { face: PresentationFace; watermark: string }) {
  return (
    <View className="present-face">
      <View className="present-face__head">
        <Portrait url={face.photoUrl} />
        <View className="present-face__who">
          <Text className="present-face__name">{face.holderName}</Text>
          <Text className="present-face__type">{face.typeName}</Text>
        </View>
      </View>
      <Fact label="证号" value={face.numberMasked} />
      {face.plateNumber ? <Fact label="车牌" value={face.plateNumber} /> : null}
      {face.details.map((detail) => (
        <Fact key={detail.label} label={detail.label} value={detail.value} />
      ))}
      <Fact
        label="有效期"
        value={face.validUntil ? `${face.validFrom} 至 ${face.validUntil}` : `${face.validFrom} 起长期有效`}
      />
      <Fact label="发证机关" value={face.issuingAuthority} />
      <View className="present-face__watermark" aria-hidden="true">
        {Array.from({ length: 6 }, (_, index) => (
          <Text key={index} className="present-face__watermark-line">
            {`${watermark}    ${watermark}`}
          </Text>
        ))}
      </View>
    </View>
  );
}

interface PresentViewProps {
  view: View_;
  now: number;
  captured: boolean;
  onRetry: () => void;
}

/** 亮证: the live clock, the rotating QR (red with the reason when not valid) and the certificate face. */
export function PresentView({ view, now, captured, onRetry }: PresentViewProps) {
  const windowSeconds = view.windowSeconds ?? 30;
  const at = new Date(now);
  const tone = view.qr.kind === 'invalid' ? 'invalid' : 'valid';
  return (
    <View className={`present present--${tone}`}>
      <View className="present__bar">
        <Text className="present__clock">{formatClock(at)}</Text>
        <Text className={view.offline ? 'present__net present__net--offline' : 'present__net'}>
          {view.offline ? '离线' : '在线'}
        </Text>
      </View>
      {captured ? (
        <View className="present__notice" role="alert">
          截图的二维码很快失效，核验时请出示本页面
        </View>
      ) : null}
      <View className="present-qr">
        {view.face ? <Text className="present-qr__title">{view.face.typeName}</Text> : null}
        <QrArea qr={view.qr} windowSeconds={windowSeconds} onRetry={onRetry} />
      </View>
      {view.face ? <Face face={view.face} watermark={watermarkText(view.face.holderNameMasked, at)} /> : null}
      <View className="present__foot">
        <Text>
          {view.windowSeconds ? `二维码每${view.windowSeconds}秒自动刷新，截图无效` : '二维码自动刷新，截图无效'}
        </Text>
        {view.coverage ? <Text>{view.coverage}</Text> : null}
      </View>
    </View>
  );
}
