/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    /** The platform being built; code for other platforms is removed at compile time. */
    TARO_ENV: 'weapp' | 'h5';
    /**
     * API origin without a trailing slash. Empty on H5 (the Koa server serves the portal and
     * `/api` from one origin); `http://localhost:3000` by default on weapp. Set at build time
     * (shell or `.env*`); read only by `src/config.ts`.
     */
    TARO_APP_API_BASE?: string;
  }
}
