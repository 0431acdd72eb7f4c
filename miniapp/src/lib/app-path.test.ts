import { describe, expect, it } from 'vitest';
import { appPathUrl, parseAppPath } from './app-path';

describe('parseAppPath', () => {
  it('reads a page of the route table with its query, decoded', () => {
    expect(parseAppPath('pkg-apply/pages/start/index?typeCode=D071&kind=RENEWAL&certificateId=0195a1b2-c3d4')).toEqual({
      route: 'pkg-apply/pages/start/index',
      query: { typeCode: 'D071', kind: 'RENEWAL', certificateId: '0195a1b2-c3d4' },
    });
    expect(parseAppPath('/pkg-account/pages/messages/index')).toEqual({
      route: 'pkg-account/pages/messages/index',
      query: {},
    });
    expect(parseAppPath('pkg-certificate/pages/detail/index?id=a%20b')?.query).toEqual({ id: 'a b' });
  });

  it('opens nothing that is not a page of this build', () => {
    expect(parseAppPath(null)).toBeNull();
    expect(parseAppPath('')).toBeNull();
    expect(parseAppPath('pkg-new/pages/unknown/index?x=1')).toBeNull();
    expect(parseAppPath('https://example.com/pages/index/index')).toBeNull();
    expect(parseAppPath('../pages/index/index')).toBeNull();
  });

  it("drops the keys Taro adds to a page's params", () => {
    expect(parseAppPath('pages/index/index?$taroTimestamp=1712&stamp=3&a=1')?.query).toEqual({ a: '1' });
  });

  it('round-trips through appPathUrl', () => {
    const path = { route: 'pkg-apply/pages/start/index', query: { typeCode: 'D071', note: '延续 & 换发' } };
    expect(appPathUrl(path)).toBe(
      '/pkg-apply/pages/start/index?typeCode=D071&note=%E5%BB%B6%E7%BB%AD%20%26%20%E6%8D%A2%E5%8F%91',
    );
    expect(parseAppPath(appPathUrl(path))).toEqual(path);
    expect(appPathUrl({ route: 'pages/index/index', query: {} })).toBe('/pages/index/index');
  });
});
