/**
 * What a person does in the portal, shared by every journey: find buttons, fields and text the
 * way they are shown, accept the privacy policy, sign in by SMS code, bind a real name, sign out.
 */
import jsQR from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { demoHolders } from '../server/src/seed/demo-holders';
import { expectTrue, launchBrowser, phonePage, screenshot } from './harness';

export type SeededKey = (typeof demoHolders)[number]['key'];
export const seeded = (key: SeededKey) => demoHolders.find((h) => h.key === key)!;

/** A new browser with a phone-sized page on the portal, the first-run privacy policy accepted. */
export async function openPortalOnPhone(url: string): Promise<{ browser: Browser; page: Page; s: Steps }> {
  const browser = await launchBrowser();
  const page = await phonePage(browser);
  const s = steps(page);
  await page.goto(url);
  await s.agreeToPrivacyPolicy();
  return { browser, page, s };
}

export type Steps = ReturnType<typeof steps>;

export function steps(page: Page) {
  /** NutUI buttons by their text; only visible ones (Taro H5 keeps earlier pages in the DOM, hidden). */
  const button = (text: string | RegExp) => page.locator('.nut-button:visible', { hasText: text }).first();
  /** Taro H5 renders <taro-input-core placeholder=…><input placeholder=…>: the inner one takes input. */
  const field = (placeholder: string) => page.locator(`input[placeholder="${placeholder}"]:visible`).first();
  const text = (content: string | RegExp) => page.getByText(content).filter({ visible: true }).first();
  const bodyText = async () => (await page.textContent('body')) ?? '';

  /** First run on a device: the privacy policy comes before sign-in. */
  async function agreeToPrivacyPolicy() {
    await button('同意并继续').waitFor({ timeout: 20_000 });
    await button('同意并继续').click();
    await field('请输入11位手机号').waitFor();
  }

  /**
   * Phone + SMS code the way a person does it locally: ask for a code, read it in the labelled
   * 本地模拟短信 panel (typing it in, or tapping 填入验证码), sign in. Returns the code used.
   */
  async function signInBySms(phone: string, how: 'type' | 'tap', shot?: string) {
    await field('请输入11位手机号').fill(phone);
    await button('获取验证码').click();
    await text('本地模拟短信（未真实发送）').waitFor({ timeout: 15_000 });
    const message = page.locator('.local-sms__text:visible').first();
    await message.waitFor({ timeout: 15_000 });
    const code = /验证码(\d{6})/.exec((await message.textContent()) ?? '')?.[1];
    expectTrue(code, 'no 6-digit code in the local SMS panel');
    if (how === 'type') await field('6位数字').fill(code);
    else await button('填入验证码').click();
    expectTrue((await field('6位数字').inputValue()) === code, 'the code field does not hold the code from the SMS');
    if (shot) await screenshot(page, shot);
    await button(/^登录$/).click();
    return code;
  }

  /** From the 去实名认证 prompt: name + ID number of a seeded person, ID-number consent, submit. */
  async function bindRealName(key: SeededKey) {
    const person = seeded(key);
    await button('去实名认证').waitFor({ timeout: 15_000 });
    await button('去实名认证').click();
    await field('请输入姓名').fill(person.name);
    await field('18位身份证号码').fill(person.identityCode);
    await text('我已阅读并同意《身份证号码处理授权》').click();
    await button('提交实名认证').click();
    await text('✓ 已实名认证').waitFor({ timeout: 15_000 });
    const masked = `${person.identityCode.slice(0, 4)}**********${person.identityCode.slice(-4)}`;
    expectTrue((await bodyText()).includes(masked), `the bound ID number is not shown masked (${masked})`);
    await button('完成').click();
  }

  /** 我的 → 退出登录 → confirm: back on the sign-in page (the privacy policy stays agreed on this device). */
  async function signOut() {
    await page
      .getByRole('button', { name: /^我的：/ })
      .filter({ visible: true })
      .first()
      .click();
    await button('退出登录').click();
    await page.locator('.taro-model__confirm').click();
    await field('请输入11位手机号').waitFor({ timeout: 15_000 });
  }

  /** From 我的证照: the first activated electronic certificate's page. */
  async function openActivatedCertificate() {
    const card = page
      .locator('.cert-card:visible')
      .filter({ has: page.locator('.cert-card__activated') })
      .first();
    await card.waitFor({ timeout: 20_000 });
    await card.locator('.cert-card__more').click();
  }

  return {
    button,
    field,
    text,
    bodyText,
    agreeToPrivacyPolicy,
    signInBySms,
    bindRealName,
    signOut,
    openActivatedCertificate,
  };
}

/** The QR as a camera reads it: the canvas's pixels through jsQR. */
export async function readQr(page: Page): Promise<{ text: string; version: number }> {
  const canvas = page.locator('canvas.qr-canvas:visible').first();
  await canvas.waitFor({ timeout: 20_000 });
  const dataUrl = await canvas.evaluate((element) =>
    (element as unknown as { toDataURL(type: string): string }).toDataURL('image/png'),
  );
  const png = PNG.sync.read(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
  const code = jsQR(
    new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
    png.width,
    png.height,
  );
  expectTrue(code, 'the QR on the holder screen does not decode');
  return { text: code.data, version: code.version };
}
