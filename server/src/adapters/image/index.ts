import type { Config } from '../../config';
import { createSharpPipeline } from './sharp-pipeline';
import type { ImagePipeline } from './image-pipeline';

export type { ImagePipeline, PipelineOutcome, PipelineRequest, EncodedImage } from './image-pipeline';

/** The one place the image pipeline is built (from validated configuration). */
export function createImagePipeline(config: Pick<Config, 'photos'>): ImagePipeline {
  return createSharpPipeline({ concurrency: config.photos.concurrency });
}
