/**
 * The screen while a certificate QR is shown (亮证): as bright as it goes, kept on, and hidden
 * from screenshots and recordings where the platform allows. Per platform: screen.weapp.ts
 * (WeChat APIs), screen.h5.ts (Screen Wake Lock where the browser has it; brightness and capture
 * hiding do not exist in browsers).
 */

/** Raises brightness, keeps the screen on, hides it from capture. Returns the function that puts everything back. */
export declare function holdScreenForPresentation(): () => void;

/** Calls `onCapture` when the person takes a screenshot (WeChat only). Returns the function that stops listening. */
export declare function watchScreenCapture(onCapture: () => void): () => void;
