/**
 * Stable error codes shared by server and clients. Programs switch on `code`;
 * people read `message` (Chinese). Never match on message text.
 */
export const errorCodes = {
  VALIDATION_FAILED: { status: 400, message: '提交的信息有误，请检查后重试' },
  MALFORMED_JSON: { status: 400, message: '请求格式不正确' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  TOKEN_INVALID: { status: 401, message: '登录状态无效，请重新登录' },
  TOKEN_EXPIRED: { status: 401, message: '登录已过期，请重新登录' },
  FORBIDDEN: { status: 403, message: '没有权限进行此操作' },
  NOT_FOUND: { status: 404, message: '未找到相关信息' },
  CONFLICT: { status: 409, message: '数据已存在或已被修改，请刷新后重试' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的内容类型' },
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请稍后再试' },
  DEMO_LOGIN_DISABLED: { status: 403, message: '演示登录未开启' },
  NOT_READY: { status: 503, message: '服务暂不可用，请稍后再试' },
  INTERNAL: { status: 500, message: '系统繁忙，请稍后再试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCodes;

export const errorCodeList = Object.keys(errorCodes) as ErrorCode[];
