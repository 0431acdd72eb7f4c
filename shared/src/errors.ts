/**
 * Stable error codes shared by server and clients. Programs switch on `code`;
 * people read `message` (Chinese). Never match on message text.
 */
export const errorCodes = {
  VALIDATION_FAILED: { status: 400, message: '提交的信息有误，请检查后重试' },
  MALFORMED_JSON: { status: 400, message: '请求格式不正确' },
  // Input no text column can hold (U+0000, bytes that are not UTF-8): refused at the edge (server/src/http/input-rules.ts).
  BAD_REQUEST: { status: 400, message: '请求包含无效字符，请检查后重试' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  TOKEN_INVALID: { status: 401, message: '登录状态无效，请重新登录' },
  TOKEN_EXPIRED: { status: 401, message: '登录已过期，请重新登录' },
  FORBIDDEN: { status: 403, message: '没有权限进行此操作' },
  NOT_FOUND: { status: 404, message: '未找到相关信息' },
  CONFLICT: { status: 409, message: '数据已存在或已被修改，请刷新后重试' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的内容类型' },
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请稍后再试' },
  SMS_RATE_LIMITED: { status: 429, message: '验证码发送过于频繁，请稍后再试' },
  SMS_CODE_INVALID: { status: 400, message: '验证码错误，请重新输入' },
  SMS_CODE_EXPIRED: { status: 400, message: '验证码已失效，请重新获取' },
  SMS_CODE_LOCKED: { status: 429, message: '验证码错误次数过多，请稍后再试' },
  WECHAT_LOGIN_FAILED: { status: 400, message: '微信登录失败，请重试' },
  // WeChat message push (docs/reminders.md): signature, timestamp or nonce missing, wrong or stale.
  WECHAT_PUSH_SIGNATURE_INVALID: { status: 401, message: '消息推送签名无效' },
  UPSTREAM_UNAVAILABLE: { status: 503, message: '外部服务暂不可用，请稍后再试' },
  STAFF_LOGIN_FAILED: { status: 401, message: '用户名或密码错误' },
  STAFF_LOCKED: { status: 423, message: '登录失败次数过多，账号已临时锁定，请稍后再试' },
  SECOND_FACTOR_INVALID: { status: 401, message: '动态验证码错误' },
  SESSION_IDLE_TIMEOUT: { status: 401, message: '长时间未操作，请重新登录' },
  CONSENT_REQUIRED: { status: 403, message: '请先阅读并同意相关授权' },
  REAL_NAME_REQUIRED: { status: 403, message: '请先完成实名认证' },
  REAL_NAME_MISMATCH: { status: 400, message: '姓名与身份证号码不匹配，或未查询到您的持证信息' },
  REAL_NAME_LOCKED: { status: 429, message: '实名认证失败次数过多，请24小时后再试' },
  FACE_VERIFICATION_REQUIRED: { status: 403, message: '请先完成人脸核验' },
  FACE_VERIFICATION_FAILED: { status: 400, message: '人脸核验未通过，请在光线充足处正对屏幕重试' },
  NOT_ACTIVATABLE: { status: 409, message: '该证照当前不能激活' },
  // Photos (docs/photos.md): guards answer before anything is stored; PHOTO_REJECTED
  // carries the quality verdict (every check, measured value, threshold, reason).
  PHOTO_MISSING: { status: 400, message: '请选择要上传的照片' },
  PHOTO_TOO_LARGE: { status: 413, message: '照片不能超过10MB，请压缩后重新上传' },
  PHOTO_UNSUPPORTED_FORMAT: { status: 415, message: '仅支持JPG、PNG、WebP或AVIF格式的照片' },
  PHOTO_CORRUPT: { status: 400, message: '照片文件已损坏或不完整，请重新拍摄或选择' },
  PHOTO_TOO_MANY_PIXELS: { status: 400, message: '照片像素过多（超过5000万像素），请选择普通照片' },
  PHOTO_ANIMATED: { status: 400, message: '不支持动图，请上传静态照片' },
  PHOTO_BAD_ASPECT: { status: 400, message: '照片长宽比例异常（超过4:1），请上传正常拍摄的照片' },
  PHOTO_BAD_CROP: { status: 400, message: '裁剪框比例不符合证件照要求，请重新调整' },
  PHOTO_REJECTED: { status: 422, message: '照片未通过质量检查，请按提示重新拍摄' },
  PHOTO_IN_USE: { status: 409, message: '照片已用于办理中的业务或证照，不能删除' },
  PHOTO_BUSY: { status: 503, message: '照片处理繁忙，请稍后再试' },
  FILE_LINK_INVALID: { status: 403, message: '文件链接无效' },
  FILE_LINK_EXPIRED: { status: 403, message: '文件链接已过期，请刷新页面后重试' },
  // Applications (docs/applications.md).
  APPLICATION_STATE_INVALID: { status: 409, message: '申请当前状态不允许此操作，请刷新后重试' },
  APPLICATION_NOT_ALLOWED: { status: 409, message: '该证照当前不能办理此项业务' },
  RENEWAL_NOT_ALLOWED: { status: 409, message: '从业资格证超过有效期180日未延续，不能延续，请重新申领' },
  PHOTO_NOT_ATTACHABLE: { status: 409, message: '该照片不能用于此申请，请重新拍摄或上传证件照' },
  // Presentation (docs/presentation-token.md).
  NOT_PRESENTABLE: { status: 409, message: '该证照当前不能亮证' },
  // Lookup, partner API, 加注件 (docs/verification.md).
  PARTNER_KEY_INVALID: { status: 401, message: 'API密钥无效或已停用' },
  PARTNER_SCOPE_MISSING: { status: 403, message: '该API密钥未获授权使用此功能' },
  SHARE_EXPIRED: { status: 410, message: '该分享链接已过期' },
  SHARE_REVOKED: { status: 410, message: '该分享链接已被持证人撤销' },
  // Data completeness and compliance (docs/compliance.md, docs/stock-import.md).
  COMPLIANCE_BLOCKED: { status: 422, message: '证照数据未通过合规校验，请先补正后再办理' },
  TASK_STATE_INVALID: { status: 409, message: '该补充事项当前状态不允许此操作，请刷新后重试' },
  EVIDENCE_REQUIRED: { status: 400, message: '请上传佐证材料照片' },
  IMPORT_FILE_INVALID: { status: 400, message: '导入文件格式不正确，请使用下载的模板' },
  IMPORT_RUNNING: { status: 409, message: '该文件正在导入中，请稍后查看结果' },
  // A blind-index key rotation runs (several keys configured): imports wait for the re-index job.
  IMPORT_PAUSED: { status: 409, message: '索引密钥轮换进行中，存量导入暂停，请在重建索引完成后再导入' },
  // 证照文件 (docs/certificate-file.md): an uploaded OFD/PDF that cannot be checked at all.
  CERTIFICATE_FILE_TOO_LARGE: { status: 413, message: '证照文件不能超过2MB' },
  CERTIFICATE_FILE_TYPE: { status: 415, message: '请上传 OFD 或 PDF 格式的证照文件' },
  CERTIFICATE_FILE_INVALID: { status: 400, message: '证照文件结构不合规，无法核验' },
  NOT_READY: { status: 503, message: '服务暂不可用，请稍后再试' },
  // The database cannot be reached (restart, failover, network): retry after Retry-After seconds.
  DATABASE_UNAVAILABLE: { status: 503, message: '数据服务暂时不可用，请稍后再试' },
  INTERNAL: { status: 500, message: '系统繁忙，请稍后再试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCodes;

export const errorCodeList = Object.keys(errorCodes) as ErrorCode[];
