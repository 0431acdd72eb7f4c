/**
 * 扫码核验. Per platform: ScanView.weapp.tsx (the camera via Taro.scanCode, online check or
 * offline from the cached key and status lists) and ScanView.h5.tsx (browsers cannot scan here:
 * the verify page's paste/enter-code form).
 */
export declare function ScanView(): JSX.Element;
