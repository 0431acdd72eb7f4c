/**
 * Whether the device has a network, now and as it changes. Per platform: network.weapp.ts
 * (WeChat's network type and status events), network.h5.ts (the browser's navigator.onLine and
 * online/offline events — Taro's H5 shim never reports "none").
 */

/** `onChange` is called once with the current state, then on every change. Returns the function that stops watching. */
export declare function watchNetwork(onChange: (online: boolean) => void): () => void;
