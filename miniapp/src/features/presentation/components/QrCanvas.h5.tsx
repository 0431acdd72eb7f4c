import { useEffect, useMemo, useRef } from 'react';
import { drawQr } from '../qr-draw';
import { qrMatrix } from '../qr-matrix';
import type * as Contract from './QrCanvas';
import './qr-canvas.scss';

export const QrCanvas: typeof Contract.QrCanvas = ({ text, colour, label }) => {
  const ref = useRef<HTMLCanvasElement>(null);
  const matrix = useMemo(() => qrMatrix(text), [text]);

  useEffect(() => {
    const canvas = ref.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    // 288 design px when not laid out yet (a page still hidden during its transition).
    const cssWidth = canvas.clientWidth || canvas.getBoundingClientRect().width || 288;
    const pixels = Math.round(cssWidth * (window.devicePixelRatio || 1));
    canvas.width = pixels;
    canvas.height = pixels;
    drawQr(context, matrix, { pixels, colour });
  }, [matrix, colour]);

  return <canvas ref={ref} className="qr-canvas" role="img" aria-label={label} data-qr-version={matrix.version} />;
};
