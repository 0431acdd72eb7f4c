import { describe, expect, it } from 'vitest';
import { validateSocialCreditCode } from '@roadcert/shared';
import { ConfigError, loadConfig } from '../config';
import { productionEnv } from '../test/production-env';
import { demoAuthorities } from '../seed/seed';
import { embeddedIssuingAuthorities, issuingAuthorityFor, parseIssuingAuthorities } from './issuing-authorities';

const gz = { name: '广州市交通运输局', uscc: '1144010000695581XU' };

describe('ROADCERT_ISSUING_AUTHORITIES', () => {
  it('embedded default = the seed’s authorities, with valid USCCs', () => {
    expect(embeddedIssuingAuthorities).toEqual({
      [demoAuthorities.guangzhou.area.slice(0, 4)]: {
        name: demoAuthorities.guangzhou.name,
        uscc: demoAuthorities.guangzhou.code,
      },
      [demoAuthorities.shenzhen.area.slice(0, 4)]: {
        name: demoAuthorities.shenzhen.name,
        uscc: demoAuthorities.shenzhen.code,
      },
    });
    for (const a of Object.values(embeddedIssuingAuthorities))
      expect(validateSocialCreditCode(a.uscc)).toEqual({ ok: true, value: a.uscc });
  });

  it('picks the longest configured prefix of the area code', () => {
    const map = {
      '44': { name: '广东省交通运输厅', uscc: gz.uscc },
      '4401': gz,
      '440106': { name: '天河区', uscc: gz.uscc },
    };
    expect(issuingAuthorityFor(map, '440106')?.name).toBe('天河区');
    expect(issuingAuthorityFor(map, '440111')).toBe(gz);
    expect(issuingAuthorityFor(map, '440300')?.name).toBe('广东省交通运输厅');
    expect(issuingAuthorityFor(map, '310000')).toBeNull();
  });

  it('parses a valid map (USCC normalised) and refuses bad JSON, prefixes and check digits', () => {
    expect(
      parseIssuingAuthorities(JSON.stringify({ '4401': { name: gz.name, uscc: ' 1144010000695581xu ' } })),
    ).toEqual({ ok: true, value: { '4401': gz } });
    expect(parseIssuingAuthorities('{4401:')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('JSON object'),
    });
    expect(parseIssuingAuthorities('{}')).toMatchObject({ ok: false });
    expect(parseIssuingAuthorities(JSON.stringify({ '441': gz }))).toMatchObject({
      ok: false,
      problem: expect.stringContaining('2, 4 or 6 digits'),
    });
    const badCheck = parseIssuingAuthorities(JSON.stringify({ '4401': { name: gz.name, uscc: '1144010000695581XA' } }));
    expect(badCheck).toMatchObject({ ok: false, problem: expect.stringContaining('4401.uscc') });
  });

  it('is validated by loadConfig: embedded default, production none, a bad value names the variable', () => {
    expect(loadConfig({}).issuingAuthorities).toEqual(embeddedIssuingAuthorities);
    expect(loadConfig(productionEnv).issuingAuthorities).toEqual({}); // the demo authorities are made up
    expect(loadConfig({ ROADCERT_ISSUING_AUTHORITIES: JSON.stringify({ '4401': gz }) }).issuingAuthorities).toEqual({
      '4401': gz,
    });
    let error: unknown;
    try {
      loadConfig({
        ROADCERT_ISSUING_AUTHORITIES: JSON.stringify({ '4401': { name: gz.name, uscc: '91440101MA5CXT3K9X' } }),
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringMatching(/^ROADCERT_ISSUING_AUTHORITIES: 4401\.uscc: /),
    ]);
  });
});
