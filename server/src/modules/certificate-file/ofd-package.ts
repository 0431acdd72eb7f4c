import { zipSync, type Zippable } from 'fflate';
import type { FaceLayout, FaceText } from './face-layout';
import { PAGE } from './face-layout';
import { OFD_NS, XML_HEAD, xmlText } from './xml';
import { signOfdPackage, type FileSigner } from './ofd-signature';

/**
 * The OFD package (GB/T 33190): OFD.xml with the GB/T 36903 metadata as CustomDatas,
 * Doc_0/Document.xml, PublicRes (fonts, colour space), DocumentRes (the portrait), one page,
 * the signed certificate data as an attachment, and the signature (ofd-signature.ts).
 */

export const DATA_ATTACHMENT = 'Doc_0/Attachs/CertificateData.json';

export type OfdInput = {
  layout: FaceLayout;
  /** GB/T 36903 metadata, in order: name → value (CustomData). */
  metadata: [string, string][];
  title: string;
  /** The signed certificate data (sorted-key JSON), carried as an attachment. */
  dataJson: string;
  portraitJpeg: Buffer | null;
  generatedAt: Date;
};

const colours: Record<FaceText['colour'], string> = {
  ink: '0 0 0',
  muted: '90 98 112',
  title: '31 78 156',
  watermark: '200 60 60',
};

const n = (x: number) => String(Math.round(x * 1000) / 1000);
const ofdDate = (d: Date) => d.toISOString().slice(0, 10);

function ofdXml(input: OfdInput) {
  const custom = input.metadata
    .map(([name, value]) => `<ofd:CustomData Name="${xmlText(name)}">${xmlText(value)}</ofd:CustomData>`)
    .join('');
  return `${XML_HEAD}<ofd:OFD xmlns:ofd="${OFD_NS}" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>${xmlText(
    input.metadata.find(([k]) => k === '电子证照标识')?.[1] ?? '',
  )}</ofd:DocID><ofd:Title>${xmlText(input.title)}</ofd:Title><ofd:Author>RoadCert</ofd:Author><ofd:Creator>RoadCert</ofd:Creator><ofd:CreationDate>${ofdDate(
    input.generatedAt,
  )}</ofd:CreationDate><ofd:CustomDatas>${custom}</ofd:CustomDatas></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot><ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures></ofd:DocBody></ofd:OFD>`;
}

const documentXml = (maxId: number) =>
  `${XML_HEAD}<ofd:Document xmlns:ofd="${OFD_NS}"><ofd:CommonData><ofd:MaxUnitID>${maxId}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 ${PAGE.widthMm} ${PAGE.heightMm}</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes></ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages><ofd:Attachments>Attachs/Attachments.xml</ofd:Attachments></ofd:Document>`;

// Standard font references (GB/T 33190 §11.1: a reader substitutes a system font by name);
// not embedded, to keep the package small — the PDF carries the embedded subset.
const publicResXml = `${XML_HEAD}<ofd:Res xmlns:ofd="${OFD_NS}" BaseLoc="Res"><ofd:ColorSpaces><ofd:ColorSpace ID="2" Type="RGB" BitsPerComponent="8"/></ofd:ColorSpaces><ofd:Fonts><ofd:Font ID="3" FontName="黑体" FamilyName="黑体"/><ofd:Font ID="4" FontName="黑体" FamilyName="黑体" Bold="true"/></ofd:Fonts></ofd:Res>`;

const documentResXml = (hasPortrait: boolean) =>
  `${XML_HEAD}<ofd:Res xmlns:ofd="${OFD_NS}" BaseLoc="Res">${
    hasPortrait
      ? '<ofd:MultiMedias><ofd:MultiMedia ID="5" Type="Image" Format="JPEG"><ofd:MediaFile>portrait.jpg</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias>'
      : ''
  }</ofd:Res>`;

const attachmentsXml = (at: Date, size: number) =>
  `${XML_HEAD}<ofd:Attachments xmlns:ofd="${OFD_NS}"><ofd:Attachment ID="6" Name="CertificateData" Format="json" CreationDate="${ofdDate(
    at,
  )}" Size="${n(size / 1024)}" Visible="false" Usage="none"><ofd:FileLoc>CertificateData.json</ofd:FileLoc></ofd:Attachment></ofd:Attachments>`;

function contentXml(layout: FaceLayout) {
  let id = 10;
  const parts: string[] = [];
  const { frame } = layout;
  parts.push(
    `<ofd:PathObject ID="${id++}" Boundary="0 0 ${PAGE.widthMm} ${PAGE.heightMm}" LineWidth="0.6" Stroke="true" Fill="false"><ofd:StrokeColor Value="31 78 156"/><ofd:AbbreviatedData>M ${n(frame.x)} ${n(frame.y)} L ${n(frame.x + frame.width)} ${n(frame.y)} L ${n(frame.x + frame.width)} ${n(frame.y + frame.height)} L ${n(frame.x)} ${n(frame.y + frame.height)} C</ofd:AbbreviatedData></ofd:PathObject>`,
  );
  for (const t of layout.texts) {
    const width = t.advances.reduce((s, a) => s + a, 0);
    const box = `${n(t.x)} ${n(t.y - t.size)} ${n(width + t.size)} ${n(t.size * 1.4)}`;
    const ctm = t.rotate
      ? ` CTM="${n(Math.cos((t.rotate * Math.PI) / 180))} ${n(-Math.sin((t.rotate * Math.PI) / 180))} ${n(Math.sin((t.rotate * Math.PI) / 180))} ${n(Math.cos((t.rotate * Math.PI) / 180))} 0 0"`
      : '';
    const alpha = t.colour === 'watermark' ? ' Alpha="60"' : '';
    const delta = t.advances.slice(0, -1).map(n).join(' ');
    parts.push(
      `<ofd:TextObject ID="${id++}" Boundary="${box}" Font="${t.bold ? 4 : 3}" Size="${n(t.size)}"${ctm}${alpha}><ofd:FillColor Value="${colours[t.colour]}"/><ofd:TextCode X="0" Y="${n(t.size)}"${delta ? ` DeltaX="${delta}"` : ''}>${xmlText(t.text)}</ofd:TextCode></ofd:TextObject>`,
    );
  }
  if (layout.portrait) {
    const p = layout.portrait;
    parts.push(
      `<ofd:ImageObject ID="${id++}" Boundary="${n(p.x)} ${n(p.y)} ${n(p.width)} ${n(p.height)}" CTM="${n(p.width)} 0 0 ${n(p.height)} 0 0" ResourceID="5"/>`,
    );
  }
  const { origin, module, size, runs } = layout.code;
  const side = size;
  const path = runs
    .map(([c, r, w]) => {
      const [x0, x1, y0, y1] = [n(c * module), n((c + w) * module), n(r * module), n((r + 1) * module)];
      return `M ${x0} ${y0} L ${x1} ${y0} L ${x1} ${y1} L ${x0} ${y1} C`;
    })
    .join(' ');
  parts.push(
    `<ofd:PathObject ID="${id++}" Boundary="${n(origin.x)} ${n(origin.y)} ${n(side * module)} ${n(side * module)}" Stroke="false" Fill="true"><ofd:FillColor Value="0 0 0"/><ofd:AbbreviatedData>${path}</ofd:AbbreviatedData></ofd:PathObject>`,
  );
  const xml = `${XML_HEAD}<ofd:Page xmlns:ofd="${OFD_NS}"><ofd:Content><ofd:Layer ID="9" Type="Body">${parts.join('')}</ofd:Layer></ofd:Content></ofd:Page>`;
  return { xml, maxId: id };
}

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

/** The signed OFD package's bytes. */
export function buildOfd(input: OfdInput, signer: FileSigner): Buffer {
  const content = contentXml(input.layout);
  const data = utf8(input.dataJson);
  const files: Record<string, Uint8Array> = {
    'OFD.xml': utf8(ofdXml(input)),
    'Doc_0/Document.xml': utf8(documentXml(content.maxId)),
    'Doc_0/PublicRes.xml': utf8(publicResXml),
    'Doc_0/DocumentRes.xml': utf8(documentResXml(input.portraitJpeg !== null)),
    'Doc_0/Pages/Page_0/Content.xml': utf8(content.xml),
    'Doc_0/Attachs/Attachments.xml': utf8(attachmentsXml(input.generatedAt, data.length)),
    [DATA_ATTACHMENT]: data,
  };
  if (input.portraitJpeg) files['Doc_0/Res/portrait.jpg'] = new Uint8Array(input.portraitJpeg);
  Object.assign(files, signOfdPackage(files, signer, input.generatedAt));

  const mtime = input.generatedAt;
  const zippable: Zippable = {};
  for (const [name, bytes] of Object.entries(files))
    zippable[name] = [bytes, { level: name.endsWith('.jpg') || name.endsWith('.dat') ? 0 : 1, mtime }];
  return Buffer.from(zipSync(zippable));
}
