/**
 * Handing a link to a chat. Mini-program: WeChat's 转发 to a friend (a page of this mini-program,
 * registered with useShareAppMessage); browser: the system share sheet where there is one
 * (navigator.share). Per platform: share-message.weapp.ts, share-message.h5.ts.
 */
export interface ShareMessage {
  title: string;
  /** Mini-program page with its query, e.g. `/pkg-verify/pages/share/index?s=…`. */
  path: string;
  /** The https link, for browsers. */
  link: string;
}

/** How this platform sends a message: WeChat's share button, the browser's share sheet, or not at all. */
export declare function shareMessageSupport(): 'wechat-button' | 'system-sheet' | 'none';

/** Mini-program: what 转发 sends from the current page (null: the page's default). Browser: nothing. */
export declare function useShareMessage(message: ShareMessage | null): void;

/** Browser: opens the system share sheet; false when cancelled or unavailable. Mini-program: false. */
export declare function openShareSheet(message: ShareMessage): Promise<boolean>;
