import type { PickedImage } from './picked-image';

/** Where the photo comes from: the (front) camera or the album / file system. */
export type ImageSource = 'camera' | 'album';

/** Which camera opens: the front one for a portrait (default), the back one for a document (佐证材料). */
export type CameraFacing = 'front' | 'back';

/**
 * Lets the person take or choose one photo, at original quality (the server does the
 * processing). Resolves null when they cancel; rejects with a Chinese message when the
 * camera or album cannot be used. Per platform: image-picker.weapp.ts, image-picker.h5.ts.
 */
export declare function pickImage(source: ImageSource, camera?: CameraFacing): Promise<PickedImage | null>;

/** Frees what the picker holds for an image no longer shown (H5 object URLs). */
export declare function releaseImage(image: PickedImage): void;
