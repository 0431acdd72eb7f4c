import { photoUploadLimits, type CropBox } from '@roadcert/shared';
import type { PickedImage } from '../../lib/picked-image';
import { uploadFile } from '../../lib/upload';
import { interpretPhotoResponse, type PhotoOutcome } from './photo-response';

export type { PhotoOutcome };

export const PHOTOS_PATH = '/api/v1/me/photos';

/** Uploads a portrait with the frame the person set; 201 and 422 PHOTO_REJECTED are outcomes, the rest ApiErrors. */
export async function uploadPortrait(
  image: PickedImage,
  options: { cropBox: CropBox; typeCode?: string; applicationId?: string },
): Promise<PhotoOutcome> {
  const fields: Record<string, string> = { purpose: 'PORTRAIT', cropBox: JSON.stringify(options.cropBox) };
  if (options.typeCode) fields.typeCode = options.typeCode;
  if (options.applicationId) fields.applicationId = options.applicationId;
  const response = await uploadFile({ path: PHOTOS_PATH, fileField: photoUploadLimits.fileField, file: image, fields });
  return interpretPhotoResponse(response);
}
