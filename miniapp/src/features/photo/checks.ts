import type { PhotoCheck, PhotoCheckName, PhotoVerdict } from '@roadcert/shared';

/** Short names of the quality checks for the verdict list. */
export const checkLabels: Record<PhotoCheckName, string> = {
  RESOLUTION: '分辨率',
  BRIGHTNESS: '亮度',
  SHARPNESS: '清晰对焦',
  BACKGROUND_LIGHT: '背景颜色',
  BACKGROUND_PLAIN: '背景干净',
  CENTRED: '人像居中',
};

export interface VerdictView {
  failed: PhotoCheck[];
  passed: PhotoCheck[];
}

/** Failed checks first (each with the server's reason), in the server's order. */
export function toVerdictView(verdict: PhotoVerdict): VerdictView {
  return {
    failed: verdict.checks.filter((check) => !check.passed),
    passed: verdict.checks.filter((check) => check.passed),
  };
}
