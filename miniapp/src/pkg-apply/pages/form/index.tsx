import { PageShell } from '../../../components/PageShell';
import { ApplicationFormView } from '../../../features/applications/components/ApplicationFormView';
import { useApplicationForm } from '../../../features/applications/useApplicationForm';
import { useReloadOnReturn } from '../../../lib/page';
import { useRouteParams } from '../../../lib/router';

/** 填写申请 `?id=`: the steps of the form; back from the photo page, the accepted photo is attached. */
export default function ApplyFormPage() {
  const { id } = useRouteParams();
  const form = useApplicationForm(id);
  useReloadOnReturn(form.receivePhoto);
  return (
    <PageShell>
      <ApplicationFormView form={form} />
    </PageShell>
  );
}
