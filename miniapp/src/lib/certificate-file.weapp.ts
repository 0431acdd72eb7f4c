import Taro from '@tarojs/taro';
import { appConfig } from '../config';
import { networkError } from './api-error';
import type * as Contract from './certificate-file';

export const canOpenOfd: typeof Contract.canOpenOfd = false;

/** Downloads to a temporary file and opens WeChat's document preview (PDF). */
export const openCertificateFile: typeof Contract.openCertificateFile = async (url, format) => {
  const downloaded = await Taro.downloadFile({ url }).catch((cause: unknown) => {
    throw networkError(cause);
  });
  if (downloaded.statusCode !== 200) throw networkError(new Error(`download ${downloaded.statusCode}`));
  await Taro.openDocument({
    filePath: downloaded.tempFilePath,
    fileType: format === 'pdf' ? 'pdf' : undefined,
    showMenu: true,
  } as Taro.openDocument.Option);
};

/** A file from a chat (the mini-program cannot browse the phone's files). */
export const pickCertificateFile: typeof Contract.pickCertificateFile = async () => {
  const chosen = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['ofd', 'pdf'] }).catch(() => null);
  const file = chosen?.tempFiles[0];
  if (!file) return null;
  const bytes = Taro.getFileSystemManager().readFileSync(file.path) as ArrayBuffer;
  return { name: file.name, bytes };
};

export const postFileBytes: typeof Contract.postFileBytes = async (path, bytes) => {
  try {
    const response = await Taro.request({
      url: appConfig.apiBase + path,
      method: 'POST',
      header: { 'Content-Type': 'application/octet-stream' },
      data: bytes,
      dataType: 'json',
    });
    return { status: response.statusCode, body: response.data as unknown };
  } catch (cause) {
    throw networkError(cause);
  }
};
