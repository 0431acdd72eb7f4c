import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

/**
 * The built mini-program (dist/weapp) run in a Node `vm` context that offers only what
 * WeChat's logic layer (AppService) offers, to catch what the H5 portal and the unit tests
 * never can: a web global (`window`, `document`, `fetch`, `TextEncoder`, `crypto`, `URL`…)
 * that some library in the bundle reaches for at run time. On a phone such a call throws a
 * ReferenceError or TypeError and the page is blank or the button dead.
 *
 * What the context holds, each with the WeChat document that says it is there:
 * - the ECMAScript built-ins of the JavaScript engine (`vm` gives a fresh set: Object, Promise,
 *   Uint8Array, Intl, JSON…; no host objects) —
 *   https://developers.weixin.qq.com/miniprogram/dev/framework/runtime/js-support.html
 *   ("小程序中的 JavaScript 是由 ECMAScript 以及小程序框架和小程序 API 来实现的 … 没有 BOM / DOM")
 * - `App`, `getApp` — framework/app-service/app.html, reference/api/App.html, getApp.html
 * - `Page`, `getCurrentPages` — reference/api/Page.html, getCurrentPages.html
 * - `Component`, `Behavior` — reference/api/Component.html, Behavior.html
 * - `require`, `module`, `exports`, `requirePlugin`, `requireMiniProgram` —
 *   framework/app-service/module.html, reference/api/require.html … requireMiniProgram.html
 * - `console` — api/base/debug/console.html
 * - `setTimeout`, `clearTimeout`, `setInterval`, `clearInterval` — api/base/timer/*.html
 * - `WXWebAssembly` — framework/performance/wasm.html (not `WebAssembly`; removed below)
 * - `wx` — api/ (each API the code calls is implemented by the caller's stand-in)
 * All under https://developers.weixin.qq.com/miniprogram/dev/. Nothing else: no `global`,
 * `window`, `document`, `navigator`, `location`, `fetch`, `XMLHttpRequest`, `TextEncoder`,
 * `TextDecoder`, `crypto`, `URL`, `URLSearchParams`, `atob`, `btoa`, `queueMicrotask`,
 * `structuredClone`, `setImmediate`, `Buffer`, `process`.
 */
export interface WxStandIn {
  /** The APIs the test implements, by name (`request`, `getStorageSync`, `scanCode`…). */
  apis: Record<string, (...args: never[]) => unknown>;
}

export interface WeappRuntime {
  /** Every `wx.<name>` the bundle read that neither the stand-in implements nor the bundle set itself (feature probes included). */
  missingWx: Set<string>;
  /** Calls of implemented wx APIs, in order. */
  calls: { api: string; args: unknown[] }[];
  /** A JSON value made inside the context, as WeChat hands parsed JSON to the page (`wx.request`). */
  json: (value: unknown) => unknown;
  launch: (options?: { path?: string; query?: Record<string, string> }) => void;
  openPage: (route: string, query?: Record<string, string>) => WeappPage;
}

export interface WeappPage {
  route: string;
  /** The page's render tree as the view layer would receive it (setData applied). */
  data: Record<string, unknown>;
  /** Every text node's value, in tree order. */
  texts: () => string[];
  /** Taps the element that holds `text`, as the view layer delivers a tap (bubbling). */
  tap: (text: string) => void;
  unload: () => void;
}

/** The engine's own built-ins that WeChat's logic layer does not offer under these names. */
const NOT_IN_WECHAT = ['WebAssembly', 'SharedArrayBuffer', 'Atomics'];

type Json = Record<string, unknown>;

/** Applies one setData key (`root.cn.[0].cn.[2].v`, `a.b[3]`) to the data object. */
function setPath(data: Json, key: string, value: unknown): void {
  const parts = key
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((part) => part !== '');
  let node: Json = data;
  parts.slice(0, -1).forEach((part, i) => {
    const next = node[part];
    if (typeof next !== 'object' || next === null) node[part] = /^\d+$/.test(parts[i + 1]!) ? [] : {};
    node = node[part] as Json;
  });
  node[parts.at(-1)!] = value;
}

/** Text values (`v`) and the element ids above each (innermost first), in tree order. */
function walk(node: unknown, ancestors: string[], out: { text: string; path: string[] }[]): void {
  if (Array.isArray(node)) {
    node.forEach((child) => walk(child, ancestors, out));
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Json;
  if (typeof record.v === 'string') {
    out.push({ text: record.v, path: ancestors });
    return;
  }
  const path = typeof record.sid === 'string' ? [record.sid, ...ancestors] : ancestors;
  for (const value of Object.values(record)) if (typeof value === 'object') walk(value, path, out);
}

export function startWeapp(dir: string, standIn: WxStandIn): WeappRuntime {
  if (!existsSync(path.join(dir, 'app.json'))) throw new Error(`${dir}/app.json is missing: build the weapp first`);
  const missingWx = new Set<string>();
  const calls: { api: string; args: unknown[] }[] = [];
  const wx = new Proxy<Json>(
    {},
    {
      get(target: Json, name) {
        if (typeof name !== 'string') return undefined;
        // What the bundle stores on wx itself (webpack's chunk list `wx.webpackJsonp`).
        if (Object.hasOwn(target, name)) return target[name];
        const api = Object.hasOwn(standIn.apis, name) ? standIn.apis[name] : undefined;
        if (!api) {
          // wx is a plain object: Object.prototype's methods (hasOwnProperty…) are there.
          if (name in target) return Reflect.get(target, name);
          missingWx.add(name);
          return undefined;
        }
        return (...args: never[]) => {
          calls.push({ api: name, args });
          return api(...args);
        };
      },
      has(target: Json, name) {
        return typeof name === 'string' && (name in target || Object.hasOwn(standIn.apis, name));
      },
      set(target: Json, name, value) {
        if (typeof name === 'string') missingWx.delete(name);
        return Reflect.set(target, name, value);
      },
      // Taro lists wx's APIs with Object.keys(wx) to wrap them (processApis).
      ownKeys(target: Json) {
        return [...new Set([...Reflect.ownKeys(target), ...Object.keys(standIn.apis)])];
      },
      getOwnPropertyDescriptor(target: Json, name) {
        if (Object.hasOwn(target, name)) return Reflect.getOwnPropertyDescriptor(target, name);
        if (typeof name !== 'string' || !Object.hasOwn(standIn.apis, name)) return undefined;
        return { configurable: true, enumerable: true, writable: false, value: this.get!(target, name, target) };
      },
    },
  );

  let appConfig: Json | null = null;
  const pageConfigs = new Map<string, Json>();
  const pageStack: Json[] = [];
  let registering: string | null = null;

  const sandbox: Json = {
    wx,
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    App: (config: Json) => {
      appConfig = config;
    },
    getApp: () => appConfig,
    Page: (config: Json) => {
      if (registering === null) throw new Error('Page() outside a page file');
      pageConfigs.set(registering, config);
    },
    getCurrentPages: () => [...pageStack],
    // Taro registers its recursive template wrapper (`comp`) and custom wrappers this way; the
    // view layer would instantiate them, the logic of this test never needs them.
    Component: () => undefined,
    Behavior: (definition: unknown) => definition,
    requirePlugin: () => {
      throw new Error('no plugins in this mini-program');
    },
    requireMiniProgram: () => {
      throw new Error('only inside a plugin');
    },
    WXWebAssembly: undefined,
  };
  const context = vm.createContext(sandbox, { name: 'weapp AppService' });
  for (const name of NOT_IN_WECHAT) vm.runInContext(`delete globalThis.${name}`, context);

  const cache = new Map<string, { exports: unknown }>();
  const load = (file: string): unknown => {
    const resolved = file.endsWith('.js') ? file : `${file}.js`;
    const cached = cache.get(resolved);
    if (cached) return cached.exports;
    const module = { exports: {} as unknown };
    cache.set(resolved, module);
    const source = readFileSync(resolved, 'utf8');
    const wrapper = vm.runInContext(`(function (require, module, exports) {${source}\n})`, context, {
      filename: path.relative(dir, resolved),
    }) as (require: (p: string) => unknown, module: { exports: unknown }, exports: unknown) => void;
    const localRequire = (p: string) => load(path.resolve(path.dirname(resolved), p));
    wrapper(localRequire, module, module.exports);
    return module.exports;
  };

  const launch: WeappRuntime['launch'] = (options = {}) => {
    load(path.join(dir, 'app.js'));
    if (!appConfig) throw new Error('app.js did not call App()');
    const app = appConfig as { onLaunch?: (o: unknown) => void; onShow?: (o: unknown) => void; onError?: unknown };
    const launchOptions = { path: options.path ?? 'pages/index/index', query: options.query ?? {}, scene: 1011 };
    app.onLaunch?.call(app, launchOptions);
    app.onShow?.call(app, launchOptions);
  };

  const openPage: WeappRuntime['openPage'] = (route, query = {}) => {
    registering = route;
    try {
      load(path.join(dir, `${route}.js`));
    } finally {
      registering = null;
    }
    const config = pageConfigs.get(route);
    if (!config) throw new Error(`${route}.js did not call Page()`);
    const data: Json = structuredClone((config.data as Json | undefined) ?? {});
    const instance = Object.create(config) as Json;
    Object.assign(instance, {
      route,
      __route__: route,
      options: query,
      data,
      setData(update: Json, callback?: () => void) {
        for (const [key, value] of Object.entries(update)) setPath(data, key, structuredClone(value));
        if (callback) setTimeout(callback, 0);
      },
    });
    pageStack.push(instance);
    const call = (name: string, ...args: unknown[]) => {
      const fn = instance[name];
      if (typeof fn === 'function') (fn as (...a: unknown[]) => unknown).apply(instance, args);
    };
    call('onLoad', query);
    call('onShow');
    call('onReady');

    const found = () => {
      const out: { text: string; path: string[] }[] = [];
      walk(data, [], out);
      return out;
    };
    return {
      route,
      data,
      texts: () => found().map((entry) => entry.text),
      tap: (text) => {
        const hit = found().find((entry) => entry.text.includes(text));
        if (!hit?.path.length) throw new Error(`nothing to tap holds "${text}"`);
        // Taro's templates bind the tap on every element; the view layer delivers it to each
        // one on the way up, innermost first, with the innermost as the target.
        const target = { id: hit.path[0], dataset: { sid: hit.path[0] } };
        for (const id of hit.path)
          call('eh', {
            type: 'tap',
            timeStamp: Date.now(),
            target,
            currentTarget: { id, dataset: { sid: id } },
            detail: { x: 1, y: 1 },
          });
      },
      unload: () => {
        call('onUnload');
        pageStack.splice(pageStack.indexOf(instance), 1);
      },
    };
  };

  const parseInside = vm.runInContext('JSON.parse', context) as (text: string) => unknown;
  const json = (value: unknown) => parseInside(JSON.stringify(value));
  return { missingWx, calls, json, launch, openPage };
}
