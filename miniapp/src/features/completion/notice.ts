/** 有 N 项信息待补充, or null when nothing waits for the holder. (Main package: the wallet shows it.) */
export function pendingNotice(actionable: number): string | null {
  return actionable > 0 ? `有 ${actionable} 项信息待补充` : null;
}
