import { Image, Text, View } from '@tarojs/components';
import type { CommonEvent } from '@tarojs/components';
import { useRef } from 'react';
import { Card, FormError } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { measureWidth } from '../../../lib/measure';
import {
  canScale,
  framePercent,
  moveFrame,
  scaleFrame,
  screenToImage,
  stageWidthPercent,
  type CropFrame,
} from '../crop';
import type { PhotoCapture, PhotoPhase } from '../usePhotoCapture';

const STAGE_ID = 'rc-photo-stage';
const SCALE_STEP = 1.15;
/** A move button shifts the frame by this share of its width. */
const NUDGE_SHARE = 0.06;

const NUDGES = [
  { label: '左移', dx: -1, dy: 0 },
  { label: '右移', dx: 1, dy: 0 },
  { label: '上移', dx: 0, dy: -1 },
  { label: '下移', dx: 0, dy: 1 },
] as const;

type CropPhase = Extract<PhotoPhase, { kind: 'crop' }>;

interface Drag {
  x: number;
  y: number;
  frame: CropFrame;
  /** Rendered stage width, measured when the drag starts (0 until known). */
  stageWidth: number;
}

/** First finger of a touch event; Taro types View's touch handlers as plain events. */
function firstTouch(event: CommonEvent): { clientX: number; clientY: number } | undefined {
  const touches = (event as unknown as { touches?: ArrayLike<{ clientX: number; clientY: number }> }).touches;
  return touches?.[0];
}

/** Drag the frame with one finger; moves are taken from where the finger went down, so none is lost while measuring. */
function useFrameDrag(phase: CropPhase, setFrame: (frame: CropFrame) => void) {
  const drag = useRef<Drag | null>(null);
  const onTouchStart = (event: CommonEvent) => {
    const touch = firstTouch(event);
    if (!touch) return;
    const started: Drag = { x: touch.clientX, y: touch.clientY, frame: phase.frame, stageWidth: 0 };
    drag.current = started;
    void measureWidth(`#${STAGE_ID}`).then((width) => {
      started.stageWidth = width;
    });
  };
  const onTouchMove = (event: CommonEvent) => {
    const touch = firstTouch(event);
    const current = drag.current;
    if (!touch || !current || current.stageWidth <= 0) return;
    const dx = screenToImage(touch.clientX - current.x, current.stageWidth, phase.geometry);
    const dy = screenToImage(touch.clientY - current.y, current.stageWidth, phase.geometry);
    setFrame(moveFrame(current.frame, dx, dy, phase.geometry));
  };
  const onTouchEnd = () => {
    drag.current = null;
  };
  return { onTouchStart, onTouchMove, onTouchEnd, onTouchCancel: onTouchEnd };
}

/** 调整裁剪: the photo with the spec-shaped frame; drag to move, buttons to resize. */
export function CropStep({ capture, phase }: { capture: PhotoCapture; phase: CropPhase }) {
  const { image, geometry, frame, uploading } = phase;
  const touch = useFrameDrag(phase, capture.setFrame);
  const box = framePercent(frame, geometry);
  const stageWidth = stageWidthPercent(image);
  return (
    <Card title="调整裁剪范围">
      <Text className="photo__lead">拖动方框（或用下方按钮移动），让头部和肩膀位于框内中间。</Text>
      <View className="photo__stage-wrap">
        <View
          id={STAGE_ID}
          className="photo__stage"
          style={{ width: `${stageWidth}%`, paddingBottom: `${(stageWidth * image.height) / image.width}%` }}
          catchMove
          {...touch}
        >
          <Image className="photo__image" src={image.path} mode="scaleToFill" />
          <View
            className="photo__frame"
            aria-label="裁剪框"
            style={{ left: `${box.left}%`, top: `${box.top}%`, width: `${box.width}%`, height: `${box.height}%` }}
          >
            <View className="photo__guide" />
          </View>
        </View>
      </View>
      <View className="photo__zoom">
        <Button
          size="large"
          disabled={uploading || !canScale(frame, 1 / SCALE_STEP, geometry)}
          onClick={() => capture.setFrame(scaleFrame(frame, 1 / SCALE_STEP, geometry))}
        >
          缩小方框
        </Button>
        <Button
          size="large"
          disabled={uploading || !canScale(frame, SCALE_STEP, geometry)}
          onClick={() => capture.setFrame(scaleFrame(frame, SCALE_STEP, geometry))}
        >
          放大方框
        </Button>
      </View>
      {/* Buttons as well as dragging: for a mouse (desktop browsers), screen readers, and unsteady hands. */}
      <View className="photo__nudge">
        {NUDGES.map((nudge) => (
          <Button
            key={nudge.label}
            disabled={uploading}
            onClick={() =>
              capture.setFrame(
                moveFrame(frame, nudge.dx * frame.width * NUDGE_SHARE, nudge.dy * frame.width * NUDGE_SHARE, geometry),
              )
            }
          >
            {nudge.label}
          </Button>
        ))}
      </View>
      <FormError message={phase.message} />
      <View className="photo__actions">
        <Button type="primary" size="large" block loading={uploading} onClick={() => void capture.submit()}>
          {uploading ? '正在检查照片…' : '上传并检查'}
        </Button>
        <Button size="large" block disabled={uploading} onClick={capture.retake}>
          重新拍摄
        </Button>
      </View>
    </Card>
  );
}
