import { createHash } from 'node:crypto';
import {
  editableApplicationStates,
  getCertificateType,
  personPortraitPhotoSpec,
  photoUploadFieldsSchema,
  type PhotoResult,
  type PhotoSpec,
} from '@roadcert/shared';
import { AppError } from '../../errors';
import { refuseUnstorable } from '../../http/input-rules';
import type { Logger } from '../../lib/logger';
import type { PipelineOutcome } from '../../adapters/image';
import { auditActor, type AuthState } from '../account';
import { photoObjectKeys } from './photo-keys';
import type { PhotosModule } from './photos.module';
import { presentPhoto, type StoredVerdict } from './photos.presenter';
import type { PhotoUpload } from './read-upload';

/**
 * 上传照片: validate the fields, check the application is the caller's (else 404) and,
 * for a portrait, still editable (the upload replaces the application's portrait), run
 * the pipeline, and keep the photo only if it passed. A rejected photo is stored nowhere:
 * the verdict goes back to the client (422) and that is all. An accepted one writes its
 * two objects first, then its row (with the audit record) in one transaction; if the row
 * cannot be written the objects are deleted again, so a failure at any step leaves
 * nothing behind.
 */
export async function uploadPhoto(
  deps: PhotosModule,
  state: AuthState,
  holderId: string,
  upload: PhotoUpload,
  log: Logger,
): Promise<PhotoResult> {
  // The multipart text fields get the same input rule as JSON bodies (route.ts reads no multipart).
  refuseUnstorable(upload.fields, 'body');
  const fields = photoUploadFieldsSchema.parse(upload.fields);
  const application = fields.applicationId
    ? await deps.data.repos.photos.ownApplication(holderId, fields.applicationId)
    : null;
  if (fields.applicationId && !application) {
    await deps.audit.record({
      ...auditActor(state),
      action: 'photo.application_denied',
      subjectType: 'application',
      subjectId: fields.applicationId,
      outcome: 'DENIED',
      detail: { reason: 'not_own_application' },
    });
    throw new AppError('NOT_FOUND');
  }
  // A portrait sent with an application becomes its one portrait, so only while the holder may still edit it.
  if (application && fields.purpose === 'PORTRAIT' && !editableApplicationStates.includes(application.state))
    throw new AppError('APPLICATION_STATE_INVALID');
  const typeCode = fields.typeCode ?? application?.typeCode ?? null;

  const started = performance.now();
  const outcome =
    fields.purpose === 'PORTRAIT'
      ? await deps.images.process(upload.file, {
          purpose: 'PORTRAIT',
          spec: specFor(typeCode),
          ...(fields.cropBox ? { cropBox: fields.cropBox } : {}),
        })
      : await deps.images.process(upload.file, { purpose: 'EVIDENCE' });
  const failed = outcome.verdict.checks.filter((c) => !c.passed);
  // No personal data: format, failed check names with their figures (for re-calibration), time.
  log.info(
    {
      purpose: fields.purpose,
      format: outcome.format,
      accepted: outcome.verdict.accepted,
      failed: failed.map((c) => `${c.check}=${c.measured}`),
      ms: Math.round(performance.now() - started),
    },
    'photo processed',
  );
  if (!outcome.verdict.accepted) {
    throw new AppError('PHOTO_REJECTED', {
      message: failed[0]?.message,
      fields: Object.fromEntries(failed.map((c) => [c.check, c.message])),
      verdict: outcome.verdict,
    });
  }

  const row = await store(
    deps,
    state,
    holderId,
    { applicationId: application?.id ?? null, purpose: fields.purpose, typeCode },
    upload.file,
    outcome,
    log,
  );
  return presentPhoto(row, deps.storage, deps.config.storage.urlTtlSeconds);
}

function specFor(typeCode: string | null): PhotoSpec {
  if (!typeCode) return personPortraitPhotoSpec;
  const spec = getCertificateType(typeCode)?.photo;
  if (!spec) throw new AppError('VALIDATION_FAILED', { fields: { typeCode: '该证照类型不需要照片' } });
  return spec;
}

async function store(
  deps: PhotosModule,
  state: AuthState,
  holderId: string,
  meta: { applicationId: string | null; purpose: 'PORTRAIT' | 'EVIDENCE'; typeCode: string | null },
  source: Buffer,
  outcome: PipelineOutcome,
  log: Logger,
) {
  const original = outcome.original!;
  const result = outcome.processed ?? original;
  const keys = photoObjectKeys(holderId);
  const objects = [
    { key: keys.original, bytes: original.bytes },
    ...(outcome.processed ? [{ key: keys.processed, bytes: outcome.processed.bytes }] : []),
  ];
  const removeObjects = async () => {
    const results = await Promise.allSettled(objects.map((o) => deps.storage.delete(o.key)));
    const left = objects.filter((_, i) => results[i]!.status === 'rejected').map((o) => o.key);
    if (left.length > 0)
      log.error({ keys: left }, 'photo objects left behind after a failed upload; delete them by hand');
  };

  const written = await Promise.allSettled(
    objects.map((o) => deps.storage.put(o.key, o.bytes, { contentType: 'image/jpeg' })),
  );
  if (written.some((w) => w.status === 'rejected')) {
    await removeObjects();
    throw new AppError('UPSTREAM_UNAVAILABLE', {
      message: '照片保存失败，请稍后重试',
      cause: written.find((w) => w.status === 'rejected'),
    });
  }

  const verdict: StoredVerdict & typeof outcome.verdict = {
    ...outcome.verdict,
    typeCode: meta.typeCode,
    format: outcome.format,
    source: outcome.source,
  };
  try {
    return await deps.data.transaction(async (r) => {
      const row = await r.photos.create({
        holderId,
        applicationId: meta.applicationId,
        purpose: meta.purpose,
        originalKey: keys.original,
        processedKey: outcome.processed ? keys.processed : null,
        width: result.width,
        height: result.height,
        bytes: result.bytes.length,
        sha256: createHash('sha256').update(source).digest('hex'),
        verdict,
      });
      if (meta.applicationId && meta.purpose === 'PORTRAIT') await r.photos.attachPortrait(meta.applicationId, row.id);
      await deps.audit.record(
        {
          ...auditActor(state),
          action: 'photo.upload',
          subjectType: 'photo',
          subjectId: row.id,
          outcome: 'OK',
          detail: { purpose: meta.purpose, format: outcome.format, typeCode: meta.typeCode },
        },
        r.tx,
      );
      return row;
    });
  } catch (err) {
    await removeObjects();
    throw err;
  }
}
