import type { CertificateTypeCode, StockImportView } from '@roadcert/shared';
import { useEffect, useRef, useState } from 'react';
import { useRemote } from '../../hooks/useRemote';
import { toApiError } from '../../lib/api-error';
import { pickStaffFile } from '../../lib/staff-files';
import { followStaffSignIn } from '../staff/staff-navigation';
import { downloadErrorReport, downloadTemplate, fetchStockImport, fetchStockImports, uploadStockFile } from './api';
import { fileProblem, isRunning, STOCK_FILE_ACCEPT } from './import-view';

const POLL_MS = 2000;

export type UploadPhase =
  { kind: 'idle' } | { kind: 'chosen'; file: File } | { kind: 'uploading'; file: File; progress: number };

/**
 * 存量导入: choose a file, upload it with progress, then follow the import the server started
 * (polled until it is done), with its error report; the past imports; the per-type template.
 */
export function useStockImport() {
  const history = useRemote(fetchStockImports, followStaffSignIn);
  const [phase, setPhase] = useState<UploadPhase>({ kind: 'idle' });
  const [current, setCurrent] = useState<StockImportView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [templateType, setTemplateType] = useState<CertificateTypeCode>('D071');
  const [downloading, setDownloading] = useState<string | null>(null);
  const reloadHistory = useRef(history.reload);
  reloadHistory.current = history.reload;

  // Follow the import until the server says it is done, then refresh the list.
  const followId = current && isRunning(current) ? current.id : null;
  useEffect(() => {
    if (!followId) return;
    const timer = setInterval(() => {
      fetchStockImport(followId)
        .then((view) => {
          setCurrent(view);
          if (!isRunning(view)) void reloadHistory.current();
        })
        .catch((cause: unknown) => {
          followStaffSignIn(toApiError(cause));
        });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [followId]);

  function fail(cause: unknown, prefix: string): void {
    const apiError = toApiError(cause);
    if (!followStaffSignIn(apiError)) setError(`${prefix}${apiError.message}`);
  }

  async function choose(): Promise<void> {
    if (phase.kind === 'uploading') return;
    const file = await pickStaffFile(STOCK_FILE_ACCEPT);
    if (!file) return;
    const problem = fileProblem(file);
    setError(problem);
    setPhase(problem ? { kind: 'idle' } : { kind: 'chosen', file });
  }

  async function upload(): Promise<void> {
    if (phase.kind !== 'chosen') return;
    const { file } = phase;
    setError(null);
    setPhase({ kind: 'uploading', file, progress: 0 });
    try {
      const view = await uploadStockFile(file, (progress) => setPhase({ kind: 'uploading', file, progress }));
      setCurrent(view);
      setPhase({ kind: 'idle' });
      void history.reload();
    } catch (cause) {
      setPhase({ kind: 'chosen', file });
      fail(cause, '上传失败：');
    }
  }

  async function download(key: string, call: () => Promise<void>): Promise<void> {
    if (downloading) return;
    setDownloading(key);
    setError(null);
    try {
      await call();
    } catch (cause) {
      fail(cause, '下载失败：');
    } finally {
      setDownloading(null);
    }
  }

  return {
    history,
    phase,
    current,
    error,
    templateType,
    downloading,
    setTemplateType,
    choose,
    upload,
    show: (view: StockImportView) => setCurrent(view),
    downloadErrors: (view: StockImportView) => download(`errors:${view.id}`, () => downloadErrorReport(view)),
    downloadTemplate: () => download('template', () => downloadTemplate(templateType)),
  };
}

export type StockImport = ReturnType<typeof useStockImport>;
