import type fontkit from '@pdf-lib/fontkit';
import {
  degrees,
  PDFArray,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFString,
  rgb,
  StandardFonts,
  type PDFFont,
} from 'pdf-lib';
import { sm3 } from '@roadcert/shared/presentation';
import type { FaceLayout, FaceText } from './face-layout';
import { PAGE } from './face-layout';
import { faceFont, fontRuns, parsedFaceFont } from './face-font';
import type { FileSigner } from './ofd-signature';

/**
 * The PDF beside the OFD: the same face, in Source Han Sans embedded as a subset, and an
 * SM2/SM3 signature in the way PDF signs (ISO 32000 §12.8): a /Sig dictionary whose
 * /ByteRange covers the whole file but the /Contents hole, which holds the DER signature
 * over SM3 of those bytes. /Filter and /SubFilter are our own names (RoadCert.SM2 /
 * roadcert.sm2-sm3.v1), so ordinary PDF viewers show the face but do not validate the
 * signature; our verifier does. The signed certificate data and the signer's public key are
 * in the same dictionary, inside the signed range.
 */

const MM = 72 / 25.4;
const pageHeight = PAGE.heightMm * MM;
/** Room for a DER SM2 signature (≤ 72 bytes) in hex, padded with zeros. */
const CONTENTS_HEX_LENGTH = 192;
const BYTE_RANGE_PLACEHOLDER = [0, 9_999_999_999, 9_999_999_999, 9_999_999_999];

// pdf-lib parses the font on every embed: handed the face font's one parsed object instead
// (face-font.ts parsedFaceFont), whatever bytes it is given (always faceFont()).
const cachedFontkit = { create: () => parsedFaceFont() } as unknown as typeof fontkit;

const colours: Record<FaceText['colour'], ReturnType<typeof rgb>> = {
  ink: rgb(0, 0, 0),
  muted: rgb(90 / 255, 98 / 255, 112 / 255),
  title: rgb(31 / 255, 78 / 255, 156 / 255),
  watermark: rgb(200 / 255, 60 / 255, 60 / 255),
};

export type PdfInput = {
  layout: FaceLayout;
  title: string;
  subject: string;
  dataJson: string;
  portraitJpeg: Buffer | null;
  generatedAt: Date;
};

function drawFace(
  doc: PDFDocument,
  fonts: { cjk: PDFFont; latin: PDFFont },
  input: PdfInput,
  portrait: Awaited<ReturnType<PDFDocument['embedJpg']>> | null,
) {
  const page = doc.addPage([PAGE.widthMm * MM, pageHeight]);
  const { layout } = input;
  const f = layout.frame;
  page.drawRectangle({
    x: f.x * MM,
    y: pageHeight - (f.y + f.height) * MM,
    width: f.width * MM,
    height: f.height * MM,
    borderColor: colours.title,
    borderWidth: 1.7,
  });
  for (const t of layout.texts) {
    // Runs of one font each, placed by the layout's advances (the same the OFD uses).
    let offset = 0;
    let index = 0;
    const angle = ((t.rotate ?? 0) * Math.PI) / 180;
    for (const run of fontRuns(t.text)) {
      page.drawText(run.text, {
        x: (t.x + offset * Math.cos(angle)) * MM,
        y: pageHeight - (t.y - offset * Math.sin(angle)) * MM,
        size: t.size * MM,
        font: run.cjk ? fonts.cjk : fonts.latin,
        color: colours[t.colour],
        opacity: t.colour === 'watermark' ? 0.25 : 1,
        rotate: t.rotate ? degrees(t.rotate) : undefined,
      });
      const length = Array.from(run.text).length;
      offset += t.advances.slice(index, index + length).reduce((s, a) => s + a, 0);
      index += length;
    }
  }
  if (portrait && layout.portrait) {
    const p = layout.portrait;
    page.drawImage(portrait, {
      x: p.x * MM,
      y: pageHeight - (p.y + p.height) * MM,
      width: p.width * MM,
      height: p.height * MM,
    });
  }
  const { origin, module, runs } = layout.code;
  const path = runs.map(([c, r, w]) => `M${c} ${r}h${w}v1h-${w}z`).join('');
  page.drawSvgPath(path, {
    x: origin.x * MM,
    y: pageHeight - origin.y * MM,
    scale: module * MM,
    color: rgb(0, 0, 0),
    borderWidth: 0,
  });
}

/** Adds the signature dictionary with its placeholders, reachable from the catalogue (/AcroForm). */
function addSignatureDictionary(doc: PDFDocument, signer: FileSigner, input: PdfInput) {
  const { context } = doc;
  const byteRange = PDFArray.withContext(context);
  for (const v of BYTE_RANGE_PLACEHOLDER) byteRange.push(PDFNumber.of(v));
  const sig = context.obj({
    Type: 'Sig',
    Filter: 'RoadCert.SM2',
    SubFilter: 'roadcert.sm2-sm3.v1',
    ByteRange: byteRange,
    Contents: PDFHexString.of('0'.repeat(CONTENTS_HEX_LENGTH)),
    M: PDFString.fromDate(input.generatedAt),
    Name: PDFString.of(signer.kid),
    RoadCertKey: PDFHexString.of(Buffer.from(signer.publicKeySpki).toString('hex')),
    RoadCertData: PDFHexString.of(Buffer.from(input.dataJson, 'utf8').toString('hex')),
  });
  const sigRef = context.register(sig);
  const page = doc.getPage(0);
  const widget = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      Rect: [0, 0, 0, 0],
      V: sigRef,
      T: PDFString.of('RoadCertSignature'),
      F: 4,
      P: page.ref,
    }),
  );
  page.node.set(PDFName.of('Annots'), context.obj([widget]));
  doc.catalog.set(PDFName.of('AcroForm'), context.obj({ Fields: [widget], SigFlags: 3 }));
}

/** Fills in /ByteRange and /Contents of the saved file. */
function sealSignature(bytes: Uint8Array, signer: FileSigner): Buffer {
  const pdf = Buffer.from(bytes);
  const placeholder = `/Contents <${'0'.repeat(CONTENTS_HEX_LENGTH)}>`;
  const at = pdf.lastIndexOf(placeholder);
  if (at < 0) throw new Error('signature placeholder not found');
  const holeStart = at + '/Contents '.length;
  const holeEnd = holeStart + CONTENTS_HEX_LENGTH + 2;
  const rangeText = `[ ${BYTE_RANGE_PLACEHOLDER.join(' ')} ]`;
  const rangeAt = pdf.lastIndexOf(`/ByteRange ${rangeText}`);
  if (rangeAt < 0) throw new Error('byte range placeholder not found');
  const ranges = `[ 0 ${holeStart} ${holeEnd} ${pdf.length - holeEnd} ]`;
  pdf.write(ranges.padEnd(rangeText.length, ' '), rangeAt + '/ByteRange '.length, 'latin1');
  const signed = Buffer.concat([pdf.subarray(0, holeStart), pdf.subarray(holeEnd)]);
  const signature = Buffer.from(signer.sign(sm3(signed))).toString('hex');
  if (signature.length > CONTENTS_HEX_LENGTH) throw new Error('signature longer than its room');
  pdf.write(signature.padEnd(CONTENTS_HEX_LENGTH, '0'), holeStart + 1, 'latin1');
  return pdf;
}

export async function buildPdf(input: PdfInput, signer: FileSigner): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(cachedFontkit);
  const fonts = {
    cjk: await doc.embedFont(faceFont(), { subset: true }),
    latin: await doc.embedFont(StandardFonts.Helvetica),
  };
  const portrait = input.portraitJpeg ? await doc.embedJpg(input.portraitJpeg) : null;
  doc.setTitle(input.title);
  doc.setSubject(input.subject);
  doc.setProducer('RoadCert');
  doc.setCreator('RoadCert');
  doc.setCreationDate(input.generatedAt);
  doc.setModificationDate(input.generatedAt);
  drawFace(doc, fonts, input, portrait);
  addSignatureDictionary(doc, signer, input);
  return sealSignature(await doc.save({ useObjectStreams: false }), signer);
}
