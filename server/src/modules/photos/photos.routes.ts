import { z } from 'zod';
import { photoResultSchema, photoUploadFormSchema } from '@roadcert/shared';
import type { createRouteTable } from '../../http/route';
import { currentHolderId } from '../account';
import { deletePhoto } from './delete-photo';
import { findOwnPhoto } from './photo-access';
import { createPhotosModule, type PhotosDeps } from './photos.module';
import { presentPhoto } from './photos.presenter';
import { readPhotoUpload } from './read-upload';
import { uploadPhoto } from './upload-photo';

const idParams = z.object({ id: z.string().max(100) });

export function photoRoutes({ route }: ReturnType<typeof createRouteTable>, deps: PhotosDeps) {
  const services = createPhotosModule(deps);

  route({
    method: 'post',
    path: '/api/v1/me/photos',
    summary:
      'Upload a photo (multipart, ≤ 10 MB): checked, cropped to the spec, stored privately; 422 PHOTO_REJECTED with the verdict otherwise',
    tags: ['photos'],
    access: 'holder',
    rawBody: {
      contentType: 'multipart/form-data',
      schema: photoUploadFormSchema,
      description: 'One file part `file`; optional text fields purpose, typeCode, cropBox (JSON), applicationId',
    },
    status: 201,
    response: photoResultSchema,
    handler: async (ctx) => {
      const holderId = currentHolderId(ctx.state);
      const upload = await readPhotoUpload(ctx);
      return uploadPhoto(services, ctx.state, holderId, upload, ctx.state.log);
    },
  });

  route({
    method: 'get',
    path: '/api/v1/me/photos/:id',
    summary: "One of the caller's photos with fresh signed links (any other id: 404, audited)",
    tags: ['photos'],
    access: 'holder',
    params: idParams,
    response: photoResultSchema,
    handler: async (ctx, { params }) =>
      presentPhoto(
        await findOwnPhoto({ photos: services.data.repos.photos, audit: services.audit }, ctx.state, params.id),
        services.storage,
        services.config.storage.urlTtlSeconds,
      ),
  });

  route({
    method: 'delete',
    path: '/api/v1/me/photos/:id',
    summary: 'Delete one of the caller’s photos: its objects, then the row (404 for any other id)',
    tags: ['photos'],
    access: 'holder',
    params: idParams,
    status: 204,
    response: z.null(),
    handler: async (ctx, { params }) => {
      await deletePhoto(services, ctx.state, params.id);
      return null;
    },
  });
}
