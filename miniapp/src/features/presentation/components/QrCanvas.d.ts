/**
 * The QR drawn on a canvas from its text. Per platform: QrCanvas.h5.tsx (a browser canvas) and
 * QrCanvas.weapp.tsx (WeChat canvas 2d). The size comes from the `qr-canvas` class; the drawing
 * follows the rendered size and the device's pixel ratio.
 */
export interface QrCanvasProps {
  text: string;
  /** Colour of the dark modules: black when valid, red when not. */
  colour: string;
  /** Read aloud instead of the picture. */
  label: string;
}
export declare function QrCanvas(props: QrCanvasProps): JSX.Element;
