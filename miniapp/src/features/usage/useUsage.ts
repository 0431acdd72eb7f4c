import type { CertificateSummary } from '@roadcert/shared';
import { useEffect, useRef, useState } from 'react';
import { useRemote } from '../../hooks/useRemote';
import { followErrorNavigation } from '../session/error-navigation';
import { fetchCertificatesForUsage, fetchUsage } from './api';
import { toUsageEntries, type UsageEntry } from './usage-view';

export const ALL_CERTIFICATES = 'all';

export interface UsageData {
  certificates: CertificateSummary[];
  entries: UsageEntry[];
  /** True when there are more records than the list shows. */
  truncated: boolean;
}

export function certificateLabel(certificate: CertificateSummary): string {
  return certificate.plateNumber ? `${certificate.typeName} ${certificate.plateNumber}` : certificate.typeName;
}

/** One call either way: the API answers for one certificate or, without an id, for all of them. */
async function loadUsage(selected: string): Promise<UsageData> {
  const all = selected === ALL_CERTIFICATES;
  const [certificates, page] = await Promise.all([fetchCertificatesForUsage(), fetchUsage(all ? undefined : selected)]);
  const names = all
    ? new Map(certificates.map((certificate) => [certificate.id, certificateLabel(certificate)]))
    : null;
  return { certificates, entries: toUsageEntries(page.items, names), truncated: page.total > page.items.length };
}

/** 用证记录 of one certificate (from its page) or of all of them (from 我的). */
export function useUsage(initialCertificateId: string | undefined) {
  const [selected, setSelected] = useState(initialCertificateId ?? ALL_CERTIFICATES);
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const usage = useRemote(
    () => loadUsage(selectedRef.current),
    (error) => followErrorNavigation(error),
  );

  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void usage.reload();
  }, [selected, usage.reload]);

  return { usage, selected, select: setSelected };
}
