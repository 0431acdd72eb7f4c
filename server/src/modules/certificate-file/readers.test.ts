import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../../../e2e/harness';
import { fileSignerOf } from './file-signer';
import { sampleSigningKey, samplePortrait, sampleSource } from '../../test/certificate-file-fixtures';
import { generateCertificateFile, type CertificateFile } from './generate-file';

/**
 * Independent readers, not ours: the OFD opened by ofd.js (DLTech21's reader: its own zip
 * and XML parsing, rendering to DOM) in headless Chromium, and the PDF's text extracted by
 * Mozilla's pdf.js. Both must show the face's fields; ofd.js must also draw the portrait.
 * Set CERTIFICATE_FILE_SCREENSHOT=dir to keep a picture of each.
 */

const shots = process.env.CERTIFICATE_FILE_SCREENSHOT;
let file: CertificateFile;
let browser: Browser;
let server: Server;
let origin: string;

beforeAll(async () => {
  file = await generateCertificateFile(sampleSource(await samplePortrait()), fileSignerOf(sampleSigningKey()));
  const reader = await build({
    stdin: {
      contents:
        "import { parseOfdDocument, renderOfd } from 'ofd.js/lib/ofd.umd.min.js'; window.ofdReader = { parseOfdDocument, renderOfd };",
      resolveDir: import.meta.dirname,
      loader: 'js',
    },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    logLevel: 'silent',
  });
  const js = reader.outputFiles[0]!.text;
  const pdfjsBuild = (name: string) => readFileSync(createRequire(import.meta.url).resolve(`pdfjs-dist/build/${name}`));
  const modules: Record<string, Buffer> = {
    '/pdf.mjs': pdfjsBuild('pdf.min.mjs'),
    '/pdf.worker.mjs': pdfjsBuild('pdf.worker.min.mjs'),
  };
  // Served from a local origin (the reader fetches nothing, but pages from setContent have none).
  server = createServer((req, res) => {
    if (req.url === '/reader.js') res.setHeader('content-type', 'text/javascript').end(js);
    else if (modules[req.url!]) res.setHeader('content-type', 'text/javascript').end(modules[req.url!]);
    else if (req.url === '/sample.ofd') res.setHeader('content-type', 'application/ofd').end(file.ofd);
    else
      res
        .setHeader('content-type', 'text/html')
        .end('<!doctype html><div id="root"></div><script src="/reader.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('the OFD in ofd.js (headless Chromium)', () => {
  it('opens and shows the title, the fields, the identifier, the portrait and the 2-D code', async () => {
    const page = await browser.newPage({ viewport: { width: 860, height: 620 } });
    await page.goto(`${origin}/`);
    // Browser-side code as text: the server's TypeScript has no DOM types.
    const shown = (await page.evaluate(`new Promise((resolve) => {
      window.ofdReader.parseOfdDocument({
        ofd: '/sample.ofd',
        success(docs) {
          const root = document.getElementById('root');
          for (const div of window.ofdReader.renderOfd(820, docs[0])) root.appendChild(div);
          // Images are drawn when they have loaded: wait for the portrait (5 s at most).
          const started = Date.now();
          const check = () => {
            const images = root.querySelectorAll('img, image, canvas').length;
            if (images === 0 && Date.now() - started < 5000) return setTimeout(check, 100);
            resolve({ text: root.innerText, images, paths: root.querySelectorAll('svg path').length });
          };
          check();
        },
        fail: (e) => resolve({ error: String(e) }),
      });
    })`)) as { text: string; images: number; paths: number } | { error: string };
    if (shots) await page.screenshot({ path: `${shots}/certificate-file-ofd.png` });
    await page.close();
    expect(shown).not.toHaveProperty('error');
    const { text, images, paths } = shown as { text: string; images: number; paths: number };
    const flat = text.replace(/\s+/g, '');
    for (const expected of [
      '道路运输从业人员从业资格证',
      '王强',
      '440103198507150032',
      '经营性道路货物运输驾驶员',
      '准驾车型',
      '2030年02月28日',
      '广州市交通运输局',
      '1.2.156.3005.2.11100000000019713D071',
    ])
      expect(flat).toContain(expected);
    expect(images).toBe(1); // the portrait
    expect(paths).toBeGreaterThanOrEqual(2); // the frame and the 2-D code
  });
});

describe('the PDF in pdf.js', () => {
  it("extracts the face's text", async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(file.pdf), isEvalSupported: false }).promise;
    expect(doc.numPages).toBe(1);
    const content = await (await doc.getPage(1)).getTextContent();
    const text = content.items.map((i) => ('str' in i ? i.str : '')).join('');
    for (const expected of [
      '道路运输从业人员从业资格证',
      '王强',
      '440103198507150032',
      '经营性道路货物运输驾驶员',
      '广州市交通运输局',
    ])
      expect(text).toContain(expected);
    await doc.destroy();
  });

  it('renders in pdf.js in Chromium with the embedded font (no missing glyphs)', async () => {
    const page = await browser.newPage({ viewport: { width: 860, height: 620 } });
    await page.goto(`${origin}/`);
    await page.addScriptTag({ type: 'module', content: "import * as lib from '/pdf.mjs'; window.pdfjsLib = lib;" });
    await page.waitForFunction("'pdfjsLib' in window");
    const drawn = (await page.evaluate(`(async () => {
      const lib = window.pdfjsLib;
      lib.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
      const bytes = Uint8Array.from(atob('${file.pdf.toString('base64')}'), (c) => c.charCodeAt(0));
      const doc = await lib.getDocument({ data: bytes }).promise;
      const pdfPage = await doc.getPage(1);
      const viewport = pdfPage.getViewport({ scale: 1.4 });
      const canvas = document.createElement('canvas');
      canvas.width = viewport.width;
      canvas.height = viewport.height;
      document.body.appendChild(canvas);
      await pdfPage.render({ canvasContext: canvas.getContext('2d'), viewport }).promise;
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      const isDark = (i) => pixels[i + 3] > 0 && pixels[i] < 100;
      let dark = 0;
      for (let i = 0; i < pixels.length; i += 4) if (isDark(i)) dark++;
      // The title's band alone (baseline 25 mm, 6.4 mm high, between the frame's sides): only
      // the CJK title's glyphs can darken it — the frame and the QR code lie outside.
      const px = (mm) => Math.round(mm * (72 / 25.4) * 1.4);
      let title = 0;
      for (let y = px(25 - 6.4); y < px(26); y++)
        for (let x = px(30); x < px(180); x++) if (isDark((y * canvas.width + x) * 4)) title++;
      return { dark, title };
    })()`)) as { dark: number; title: number };
    if (shots) await page.screenshot({ path: `${shots}/certificate-file-pdf.png`, fullPage: true });
    await page.close();
    expect(drawn.dark).toBeGreaterThan(5000);
    expect(drawn.title).toBeGreaterThan(300);
  });
});
