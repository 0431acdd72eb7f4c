import { z } from 'zod';
import { certificateTypeCodeSchema } from '../registry/type-codes';

/**
 * Photos (照片在线处理): what the client may send and what it gets back. The server
 * decides a file's format by its content, never by its name or declared MIME type;
 * `mimeTypes` is only a hint for the picker (`accept=`). See docs/photos.md.
 */
export const photoUploadLimits = {
  /** Upload size, enforced while streaming: byte maxBytes + 1 aborts with PHOTO_TOO_LARGE. */
  maxBytes: 10 * 1024 * 1024,
  /** Decoded size; more is refused from the header before decoding (PHOTO_TOO_MANY_PIXELS). */
  maxPixels: 50_000_000,
  /** Longer side / shorter side; more is PHOTO_BAD_ASPECT. */
  maxAspectRatio: 4,
  /** Content formats accepted. HEIC (HEVC) is refused: the server's decoder has no HEVC. */
  formats: ['jpeg', 'png', 'webp', 'avif'] as const,
  mimeTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/avif'] as const,
  /** Name of the multipart file part. */
  fileField: 'file',
} as const;

export type PhotoFormat = (typeof photoUploadLimits.formats)[number];

/**
 * The PHOTO_UNSUPPORTED_FORMAT message for HEIC (the iPhone default): the server sends it
 * for HEVC-coded HEIF content, the client's precheck for a declared image/heic or image/heif.
 * One text, so both say the same thing.
 */
export const HEIC_UNSUPPORTED_MESSAGE =
  '暂不支持HEIC格式的照片（苹果手机默认格式），请在相机设置中选择“兼容性最佳”，或将照片转为JPG后上传';

/** 证件照 for a certificate, or 佐证材料 (a picture of a document: no portrait checks). */
export const photoPurposeList = ['PORTRAIT', 'EVIDENCE'] as const;
export type PhotoPurpose = (typeof photoPurposeList)[number];

/** How far a user's crop box may stray from the spec's aspect ratio (relative) before PHOTO_BAD_CROP. */
export const cropAspectTolerance = 0.03;

const unit = z.number().min(0).max(1);
const edgeSlack = 1e-6;

/**
 * A crop frame the user adjusted on the phone: normalised to the image as displayed
 * (after EXIF orientation), origin top-left. Its aspect, in pixels, must match the
 * photo spec within `cropAspectTolerance`; the server then trims it to the exact ratio.
 */
export const cropBoxSchema = z
  .object({ x: unit, y: unit, width: unit.gt(0), height: unit.gt(0) })
  .refine((b) => b.x + b.width <= 1 + edgeSlack, { message: '裁剪框超出照片范围', path: ['width'] })
  .refine((b) => b.y + b.height <= 1 + edgeSlack, { message: '裁剪框超出照片范围', path: ['height'] });
export type CropBox = z.infer<typeof cropBoxSchema>;

/**
 * The quality checks, in the order they are reported: most important first, so the first
 * failed one is the reason a refused photo is given (docs/photos.md). Too few pixels cannot
 * be fixed by anything else; a busy background also spoils finding the person and the
 * background's lightness, so it comes before both; a background a little too dark is the
 * mildest (any plain light wall fixes it).
 */
export const photoCheckList = [
  'RESOLUTION',
  'BACKGROUND_PLAIN',
  'CENTRED',
  'SHARPNESS',
  'BRIGHTNESS',
  'BACKGROUND_LIGHT',
] as const;
export type PhotoCheckName = (typeof photoCheckList)[number];

/** One check: what was measured, the allowed range, and a Chinese sentence saying what to do. */
export const photoCheckSchema = z.object({
  check: z.enum(photoCheckList),
  passed: z.boolean(),
  measured: z.number(),
  threshold: z.object({ min: z.number().nullable(), max: z.number().nullable() }),
  message: z.string().describe('Chinese; on failure, the reason and how to fix it'),
});
export type PhotoCheck = z.infer<typeof photoCheckSchema>;

export const photoVerdictSchema = z.object({
  accepted: z.boolean(),
  /** The crop that was applied (automatic or the user's, trimmed to the exact ratio); null for EVIDENCE. */
  crop: cropBoxSchema.nullable(),
  checks: z.array(photoCheckSchema),
});
export type PhotoVerdict = z.infer<typeof photoVerdictSchema>;

/** A short-lived signed link; treat it as a bearer token (do not log or share it). */
export const signedLinkSchema = z.object({
  url: z.string(),
  expiresAt: z.string().describe('ISO 8601 timestamp'),
});
export type SignedLink = z.infer<typeof signedLinkSchema>;

export const photoSchema = z.object({
  id: z.string(),
  purpose: z.enum(photoPurposeList),
  /** Certificate type whose photo spec was applied (PORTRAIT). */
  typeCode: z.string().nullable(),
  applicationId: z.string().nullable(),
  /** The stored result: for PORTRAIT the spec-sized JPEG, for EVIDENCE the cleaned copy. */
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  createdAt: z.string(),
  image: signedLinkSchema,
  /** The cleaned original (oriented, sRGB, no metadata, long side capped) kept for staff review. */
  original: signedLinkSchema,
});
export type Photo = z.infer<typeof photoSchema>;

/** Upload (201) and read: the photo and the verdict it passed. */
export const photoResultSchema = z.object({ verdict: photoVerdictSchema, photo: photoSchema });
export type PhotoResult = z.infer<typeof photoResultSchema>;

/** Text fields of the multipart upload, after parsing (cropBox arrives as a JSON string). */
export const photoUploadFieldsSchema = z.object({
  purpose: z.enum(photoPurposeList).default('PORTRAIT'),
  typeCode: certificateTypeCodeSchema.optional(),
  cropBox: z
    .string()
    .max(300)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: '裁剪框格式不正确' });
        return z.NEVER;
      }
    })
    .pipe(cropBoxSchema)
    .optional(),
  applicationId: z.uuid().optional(),
});
export type PhotoUploadFields = z.infer<typeof photoUploadFieldsSchema>;

/** The multipart request as OpenAPI shows it (the file part plus the text fields). */
export const photoUploadFormSchema = z.object({
  file: z.string().describe('The image (binary); JPEG, PNG, WebP or AVIF, at most 10 MB'),
  purpose: z.enum(photoPurposeList).optional(),
  typeCode: certificateTypeCodeSchema
    .optional()
    .describe('Certificate type whose photo spec applies (default: the person portrait spec)'),
  cropBox: z.string().optional().describe('JSON {x,y,width,height}, normalised to the displayed image'),
  applicationId: z.string().optional().describe("One of the caller's applications"),
});
