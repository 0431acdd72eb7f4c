import { photoUploadLimits } from '@roadcert/shared';
import type { PickedImage } from '../../lib/picked-image';
import { uploadFile } from '../../lib/upload';
import { interpretPhotoResponse, type PhotoOutcome } from '../photo/photo-response';

/** A photo of the source document (佐证材料): the photo pipeline without crop or portrait checks. */
export async function uploadEvidence(image: PickedImage): Promise<PhotoOutcome> {
  const response = await uploadFile({
    path: '/api/v1/me/photos',
    fileField: photoUploadLimits.fileField,
    file: image,
    fields: { purpose: 'EVIDENCE' },
  });
  return interpretPhotoResponse(response);
}
