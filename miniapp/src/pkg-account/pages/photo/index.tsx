import { PageShell } from '../../../components/PageShell';
import { PhotoView } from '../../../features/photo/components/PhotoView';
import { taskPhotoKey } from '../../../features/photo/photo-handoff';
import { usePhotoCapture } from '../../../features/photo/usePhotoCapture';
import { useRouteParams } from '../../../lib/router';

/** 证件照: take or choose, crop, online check; `?typeCode=` picks the certificate type's spec, `?applicationId=` hands the photo back to that application's form, `?taskId=` to that completion task. */
export default function PhotoPage() {
  const { typeCode, applicationId, taskId } = useRouteParams();
  const capture = usePhotoCapture(typeCode, applicationId, taskId ? taskPhotoKey(taskId) : undefined);
  return (
    <PageShell>
      <PhotoView capture={capture} />
    </PageShell>
  );
}
