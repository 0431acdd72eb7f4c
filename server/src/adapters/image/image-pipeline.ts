import type { CropBox, PhotoFormat, PhotoSpec, PhotoVerdict } from '@roadcert/shared';

/** An encoded image ready to store: JPEG, sRGB, no metadata at all. */
export type EncodedImage = { bytes: Buffer; width: number; height: number };

export type PortraitRequest = { purpose: 'PORTRAIT'; spec: PhotoSpec; cropBox?: CropBox };
/** A picture of a document: cleaned and size-capped, no portrait checks or crop. */
export type EvidenceRequest = { purpose: 'EVIDENCE' };
export type PipelineRequest = PortraitRequest | EvidenceRequest;

export type PipelineOutcome = {
  /** Decided from the content (magic bytes, then the decoder's own reading). */
  format: PhotoFormat;
  /** Size as displayed (after EXIF orientation). */
  source: { width: number; height: number };
  verdict: PhotoVerdict;
  /** Only when accepted: the cleaned original (oriented, sRGB, no metadata, long side capped). */
  original?: EncodedImage;
  /** Only when an accepted PORTRAIT: the spec-sized photo under the spec's byte limit. */
  processed?: EncodedImage;
};

/**
 * Image processing behind an interface, so tests can swap it. Hostile or unusable input
 * (unsupported format, corrupt, too many pixels, animated, absurd aspect) throws an
 * AppError with a PHOTO_* code before any pixel work; a usable photo always yields a
 * verdict, and encoded outputs only when the verdict accepts it.
 */
export interface ImagePipeline {
  process(bytes: Buffer, request: PipelineRequest): Promise<PipelineOutcome>;
}
