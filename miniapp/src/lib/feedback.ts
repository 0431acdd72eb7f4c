import Taro from '@tarojs/taro';

/** Asks before something that cannot be undone (signing a device out, revoking a member). */
export async function confirm(options: {
  title: string;
  content: string;
  confirmText?: string;
  danger?: boolean;
}): Promise<boolean> {
  try {
    const result = await Taro.showModal({
      title: options.title,
      content: options.content,
      confirmText: options.confirmText ?? '确定',
      cancelText: '取消',
      confirmColor: options.danger ? '#b3261e' : '#1f4e9c',
    });
    return result.confirm;
  } catch {
    return false;
  }
}

/** A short note that something worked; errors stay on the page instead, where they can be read. */
export function toastSuccess(title: string): void {
  void Taro.showToast({ title, icon: 'success', duration: 1800 }).catch(() => undefined);
}
