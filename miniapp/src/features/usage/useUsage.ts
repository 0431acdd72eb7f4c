import type { CertificateSummary } from '@roadcert/shared';
import { useEffect, useRef, useState } from 'react';
import { useRemote } from '../../hooks/useRemote';
import { followErrorNavigation } from '../session/error-navigation';
import { fetchCertificatesForUsage, fetchUsage, usagePageSize } from './api';
import type { UsageEntry } from './usage-view';

export const ALL_CERTIFICATES = 'all';

export interface UsageData {
  certificates: CertificateSummary[];
  entries: UsageEntry[];
  /** True when some certificate has more records than the list shows. */
  truncated: boolean;
  /** Certificates whose records could not be read this time (全部 only; shown as a note). */
  unreadable: number;
}

export function certificateLabel(certificate: CertificateSummary): string {
  return certificate.plateNumber ? `${certificate.typeName} ${certificate.plateNumber}` : certificate.typeName;
}

/**
 * The API answers per certificate, so 全部 asks for each certificate's latest records and merges
 * them (a holder has a handful; an operator's fleet a few dozen).
 */
async function loadUsage(selected: string): Promise<UsageData> {
  const certificates = await fetchCertificatesForUsage();
  const wanted = selected === ALL_CERTIFICATES ? certificates : certificates.filter((certificate) => certificate.id === selected);
  const settled = await Promise.allSettled(wanted.map(async (certificate) => ({ certificate, page: await fetchUsage(certificate.id) })));
  const pages = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  // One unreadable certificate should not hide the others' records; all of them failing is an error.
  const failure = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure && pages.length === 0) throw failure.reason;
  const label = (certificate: CertificateSummary) => (selected === ALL_CERTIFICATES ? certificateLabel(certificate) : null);
  return {
    certificates,
    entries: pages.flatMap(({ certificate, page }) => page.items.map((item) => ({ item, certificate: label(certificate) }))),
    truncated: pages.some(({ page }) => page.total > usagePageSize),
    unreadable: settled.length - pages.length,
  };
}

/** 用证记录 of one certificate (from its page) or of all of them (from 我的). */
export function useUsage(initialCertificateId: string | undefined) {
  const [selected, setSelected] = useState(initialCertificateId ?? ALL_CERTIFICATES);
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const usage = useRemote(() => loadUsage(selectedRef.current), (error) => followErrorNavigation(error));

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
