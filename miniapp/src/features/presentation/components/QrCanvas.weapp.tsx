import { Canvas, View } from '@tarojs/components';
import { useEffect, useMemo, useState } from 'react';
import { canvas2d } from '../../../lib/canvas-2d.weapp';
import { drawQr } from '../qr-draw';
import { qrMatrix } from '../qr-matrix';
import type * as Contract from './QrCanvas';
import './qr-canvas.scss';

let nextId = 0;

export const QrCanvas: typeof Contract.QrCanvas = ({ text, colour, label }) => {
  const [id] = useState(() => `rc-qr-${(nextId += 1)}`);
  const matrix = useMemo(() => qrMatrix(text), [text]);

  useEffect(() => {
    let cancelled = false;
    // The native canvas exists only after this render reached the view layer: ask until it does.
    const draw = async (attempt: number) => {
      const target = await canvas2d(`#${id}`);
      if (cancelled) return;
      if (!target) {
        if (attempt < 10) setTimeout(() => void draw(attempt + 1), 50);
        return;
      }
      drawQr(target.context, matrix, { pixels: target.canvas.width, colour });
    };
    void draw(0);
    return () => {
      cancelled = true;
    };
  }, [id, matrix, colour]);

  return (
    <View className="qr-canvas__frame" aria-label={label} role="img">
      <Canvas type="2d" id={id} className="qr-canvas" />
    </View>
  );
};
