import type { PickedImage } from './picked-image';

/** Where the photo comes from: the (front) camera or the album / file system. */
export type ImageSource = 'camera' | 'album';

/**
 * Lets the person take or choose one photo, at original quality (the server does the
 * processing). Resolves null when they cancel; rejects with a Chinese message when the
 * camera or album cannot be used. Per platform: image-picker.weapp.ts, image-picker.h5.ts.
 */
export declare function pickImage(source: ImageSource): Promise<PickedImage | null>;

/** Frees what the picker holds for an image no longer shown (H5 object URLs). */
export declare function releaseImage(image: PickedImage): void;
