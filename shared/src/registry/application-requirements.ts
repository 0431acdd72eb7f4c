import type { ApplicationKind } from '../domain/applications';
import { getCertificateType } from './certificate-types';
import { certificateTypeCodes, type CertificateTypeCode } from './type-codes';

/**
 * 一次性告知: the complete list of documents, photo, conditions and fees per certificate
 * type and application kind, told to the applicant once before they start. Items not yet
 * confirmed against the regulation or the province say so (`confirmed: false`).
 * docs/applications.md.
 */

export type RequirementItem = {
  text: string;
  /** False where the item is our reading, not yet confirmed against the regulation/province. */
  confirmed: boolean;
};

export type ApplicationRequirements = {
  typeCode: CertificateTypeCode;
  kind: ApplicationKind;
  documents: RequirementItem[];
  photo: RequirementItem | null;
  conditions: RequirementItem[];
  fees: RequirementItem[];
  /** Physical certificates are never asked for (实体证照免提交). */
  notes: string[];
};

const ok = (text: string): RequirementItem => ({ text, confirmed: true });
const tbc = (text: string): RequirementItem => ({ text, confirmed: false });
const NO_FEE = ok('不收取费用');
const PORTRAIT = ok('近期免冠白底证件照（在“证件照”中拍摄或上传）');
const NOTES = ['已有信息自动带出，只需核对或更正（信息免填报）', '无需提交实体证照（实体证照免提交）'];

type RequirementTable = Record<ApplicationKind, Omit<ApplicationRequirements, 'typeCode' | 'kind' | 'notes'>>;

/** 从业资格证 (道路运输从业人员从业资格证, 交通运输部令2022年第38号 as amended). */
const D071: RequirementTable = {
  INITIAL: {
    documents: [
      ok('身份证明（实名认证后自动带出）'),
      ok('机动车驾驶证（自动核验）'),
      ok('从业资格考试合格证明（自动核验）'),
      tbc('无重大以上交通责任事故记录证明（客运类，部分地区由系统核查）'),
    ],
    photo: PORTRAIT,
    conditions: [
      ok('取得相应的机动车驾驶证'),
      ok('年龄不超过60周岁'),
      ok('3年内无重大以上交通责任事故'),
      ok('客运：取得相应机动车驾驶证1年以上；货运：具有相应驾驶证'),
      tbc('危险货物运输等类别另需相应培训考试合格'),
    ],
    fees: [NO_FEE],
  },
  CONVERSION: {
    documents: [ok('原纸质或IC卡从业资格证信息（系统自动带出，无需提交实体证）')],
    photo: PORTRAIT,
    conditions: [ok('原证在有效期内且状态为有效'), ok('换领后原证标记为“已换发”')],
    fees: [NO_FEE],
  },
  REPLACEMENT: {
    documents: [ok('原从业资格证信息（系统自动带出）')],
    photo: PORTRAIT,
    conditions: [ok('原证在有效期内')],
    fees: [NO_FEE],
  },
  REISSUE: {
    documents: [ok('遗失或损毁情况说明（在线填写）')],
    photo: PORTRAIT,
    conditions: [ok('原证在有效期内')],
    fees: [NO_FEE],
  },
  CHANGE: {
    documents: [ok('变更事项证明（如驾驶证准驾车型变更，系统自动核验）')],
    photo: null,
    conditions: [ok('原证有效'), ok('变更后的准驾车型须与从业资格类别相符')],
    fees: [NO_FEE],
  },
  RENEWAL: {
    documents: [ok('原从业资格证信息（系统自动带出）'), tbc('继续教育完成记录（部分地区要求）')],
    photo: PORTRAIT,
    conditions: [
      ok('有效期届满前30日内申请延续'),
      ok('超过有效期180日未申请延续的，不予延续，须重新申领'),
      ok('诚信考核等级非不合格'),
    ],
    fees: [NO_FEE],
  },
};

/** 道路运输证 (operator's vehicle). */
const D013: RequirementTable = {
  INITIAL: {
    documents: [
      ok('机动车行驶证（系统自动核验）'),
      ok('车辆技术等级评定/综合性能检测报告'),
      tbc('卫星定位装置安装证明（重型载货汽车、半挂牵引车）'),
      ok('道路运输经营许可证（自动带出）'),
    ],
    photo: null,
    conditions: [
      ok('申请人持有有效的道路运输经营许可证'),
      ok('车辆技术性能符合国家标准'),
      tbc('车辆外廓尺寸、轴荷和质量符合GB 1589'),
    ],
    fees: [NO_FEE],
  },
  CONVERSION: {
    documents: [ok('原纸质或IC卡道路运输证信息（系统自动带出）')],
    photo: null,
    conditions: [ok('原证有效'), ok('车辆未过户、未报废')],
    fees: [NO_FEE],
  },
  REPLACEMENT: {
    documents: [ok('原道路运输证信息（系统自动带出）')],
    photo: null,
    conditions: [ok('原证有效')],
    fees: [NO_FEE],
  },
  REISSUE: {
    documents: [ok('遗失或损毁情况说明（在线填写）')],
    photo: null,
    conditions: [ok('原证有效')],
    fees: [NO_FEE],
  },
  CHANGE: {
    documents: [ok('变更事项证明（如车辆技术参数、经营范围变更）')],
    photo: null,
    conditions: [ok('原证有效'), ok('经营许可证的经营范围涵盖变更后内容')],
    fees: [NO_FEE],
  },
  RENEWAL: {
    documents: [tbc('车辆年度审验记录')],
    photo: null,
    conditions: [tbc('按省级规定办理年审或换证')],
    fees: [NO_FEE],
  },
};

/** A reasonable generic list for the types whose specifics are not yet written down (all unconfirmed). */
function generic(personal: boolean): RequirementTable {
  const photo = personal ? PORTRAIT : null;
  return {
    INITIAL: {
      documents: [tbc('申请人身份或主体资格证明（自动带出）'), tbc('按该证照办理规定需提交的材料')],
      photo,
      conditions: [tbc('符合该证照的许可条件')],
      fees: [tbc('不收取费用')],
    },
    CONVERSION: {
      documents: [tbc('原纸质或IC卡证照信息（系统自动带出）')],
      photo,
      conditions: [ok('原证有效')],
      fees: [tbc('不收取费用')],
    },
    REPLACEMENT: {
      documents: [tbc('原证照信息（系统自动带出）')],
      photo,
      conditions: [tbc('原证有效')],
      fees: [tbc('不收取费用')],
    },
    REISSUE: {
      documents: [tbc('遗失或损毁情况说明')],
      photo,
      conditions: [tbc('原证有效')],
      fees: [tbc('不收取费用')],
    },
    CHANGE: { documents: [tbc('变更事项证明')], photo, conditions: [tbc('原证有效')], fees: [tbc('不收取费用')] },
    RENEWAL: {
      documents: [tbc('原证照信息（系统自动带出）')],
      photo,
      conditions: [tbc('在有效期届满前按规定申请延续')],
      fees: [tbc('不收取费用')],
    },
  };
}

const PERSONAL_TYPES: readonly CertificateTypeCode[] = ['D071', 'D075', 'D072'];

export const applicationRequirementTables: Record<CertificateTypeCode, RequirementTable> = Object.fromEntries(
  certificateTypeCodes.map((code) => [
    code,
    code === 'D071' ? D071 : code === 'D013' ? D013 : generic(PERSONAL_TYPES.includes(code)),
  ]),
) as Record<CertificateTypeCode, RequirementTable>;

/** The complete list of requirements for one type and kind (一次性告知). */
export function applicationRequirements(typeCode: CertificateTypeCode, kind: ApplicationKind): ApplicationRequirements {
  return { typeCode, kind, ...applicationRequirementTables[typeCode][kind], notes: NOTES };
}

/** 从业资格证 cannot be renewed more than this many days after expiry (只能重新申领). */
export const QUALIFICATION_RENEWAL_LAPSE_DAYS = 180;

/**
 * Whether submitting needs a portrait attached to the application: the type has a photo
 * spec, the kind's 一次性告知 lists a photo, and there is no current portrait to carry
 * over — a base certificate's portrait counts except for 申领 (INITIAL), which asks for
 * a recent photo. docs/applications.md, "Photo".
 */
export function applicationNeedsPhoto(
  typeCode: CertificateTypeCode,
  kind: ApplicationKind,
  baseHasPortrait: boolean,
): boolean {
  if (getCertificateType(typeCode)?.photo == null) return false;
  if (applicationRequirements(typeCode, kind).photo === null) return false;
  return kind === 'INITIAL' || !baseHasPortrait;
}

/** The message for the missing portrait (field key `photoId`). */
export const APPLICATION_PHOTO_MISSING_MESSAGE = '请上传近期免冠白底证件照';
