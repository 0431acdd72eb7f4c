import {
  certificateTypeByCode,
  certificateTypes,
  stockCommonColumns,
  type CertificateTypeCode,
  type CertificateTypeDefinition,
  type StockCommonColumnKey,
} from '@roadcert/shared';
import { AppError } from '../../errors';

/**
 * The column layout of a stock file (docs/stock-import.md): the common columns by their Chinese
 * label, then each type's extension fields by their registry label. One file may mix types;
 * an extension label is resolved per row against that row's type (经营范围 is `businessScope`
 * for D008 and `businessScopeText` for D079).
 */

const commonByLabel = new Map<string, StockCommonColumnKey>(stockCommonColumns.map((c) => [c.label, c.key]));
const extensionLabels = new Set(certificateTypes.flatMap((t) => t.fields.map((f) => f.label)));

/** Where each column of a file's header sits. */
export type HeaderLayout = {
  common: Partial<Record<StockCommonColumnKey, number>>;
  /** Extension label → column index. */
  extension: Map<string, number>;
  labels: readonly string[];
};

/** Reads the header line; a file without the required common columns is refused whole. */
export function readHeader(cells: readonly string[]): HeaderLayout {
  const layout: HeaderLayout = { common: {}, extension: new Map(), labels: cells };
  cells.forEach((raw, i) => {
    const label = raw.trim();
    const key = commonByLabel.get(label);
    if (key) layout.common[key] = i;
    else if (extensionLabels.has(label)) layout.extension.set(label, i);
    // Unknown columns (the source system's own) are ignored.
  });
  const missing = stockCommonColumns.filter((c) => c.required && layout.common[c.key] === undefined);
  if (missing.length > 0)
    throw new AppError('IMPORT_FILE_INVALID', {
      message: `导入文件缺少列：${missing.map((c) => c.label).join('、')}（请使用下载的模板）`,
    });
  return layout;
}

/** The header of one type's template: common columns, then the type's extension fields. */
export function templateHeader(type: CertificateTypeDefinition): string[] {
  return [...stockCommonColumns.map((c) => c.label), ...type.fields.map((f) => f.label)];
}

const EXAMPLE_COMMON: Record<'PERSON' | 'OPERATOR', Record<string, string>> = {
  PERSON: { holderKind: '个人', holderName: '测试张三', holderIdNumber: '440105197801013532' },
  OPERATOR: { holderKind: '业户', holderName: '测试广州顺达物流有限公司', holderIdNumber: '91440101MA5CXT3K9G' },
};

/** Example extension values per type (synthetic; a steward replaces them). */
const EXAMPLE_EXTENSION: Record<CertificateTypeCode, Record<string, string>> = {
  D008: {
    businessScope: '021,022',
    address: '广东省广州市白云区太和镇物流园路8号',
    economicType: '159',
    legalRepresentative: '测试黄建国',
    branchFlag: '1',
  },
  D016: {
    businessScope: '031',
    hazardousGoodsClasses: '第3类',
    address: '广东省广州市黄埔区港前路1号',
    economicType: '159',
    legalRepresentative: '测试黄建国',
    branchFlag: '1',
  },
  D074: {
    address: '广东省广州市天河区体育西路1号',
    legalRepresentative: '测试黄建国',
    serviceArea: '广州市',
    branchFlag: '1',
  },
  D079: {
    businessScopeText: '放射性物品道路运输（第二类）',
    address: '广东省广州市番禺区市桥路1号',
    economicType: '159',
    legalRepresentative: '测试黄建国',
  },
  D013: {
    plateNumber: '粤A3K7Q2',
    plateColour: '2',
    operatingLicenceNumber: '粤交运管许可穗字440100151081号',
    vehicleType: 'H11',
    capacity: '18吨',
    dimensions: '11980×2550×3980',
    businessScope: '021',
    economicType: '159',
    address: '广东省广州市白云区太和镇物流园路8号',
    firstIssuedDate: '2025-03-01',
    reviewValidUntil: '2027-03-31',
  },
  D073: {
    plateNumber: '粤AD12345',
    plateColour: '94',
    operatingLicenceNumber: 'WYC440100001',
    vehicleType: 'K33',
    brandModel: '比亚迪秦',
    seats: '5',
    serviceArea: '广州市',
    firstIssuedDate: '2025-03-01',
  },
  D071: { qualificationCategories: '02001', licenceClasses: 'B2', firstIssuedDate: '2001-08-15', sex: '1' },
  D075: {
    qualificationCategories: '09002',
    licenceClasses: 'C1',
    firstIssuedDate: '2014-06-11',
    serviceCompany: '广州市白云出租汽车公司',
    serviceArea: '广州市',
  },
  D072: {
    qualificationCategories: '09003',
    licenceClasses: 'C1',
    firstIssuedDate: '2014-06-11',
    serviceArea: '广州市',
  },
};

const EXAMPLE_NUMBER: Record<CertificateTypeCode, string> = {
  D008: '粤交运管许可穗字440100151081号',
  D016: '粤交运管许可穗字440100151082号',
  D074: 'WYC440100001',
  D079: 'FS440100001',
  D013: '粤交运管穗字440100165716号',
  D073: 'WYCYS440100001',
  D071: '440105197801013532',
  D075: '440105197801013532',
  D072: '440105197801013532',
};

/** CSV cell: quoted when it holds a separator, a quote or a line break. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The downloadable template: UTF-8 with BOM (Excel), header plus one synthetic example row. */
export function templateCsv(code: CertificateTypeCode): string {
  const type = certificateTypeByCode[code];
  const common: Record<StockCommonColumnKey, string> = {
    typeCode: type.code,
    number: EXAMPLE_NUMBER[code],
    carrier: '纸质',
    status: '10',
    issuedOn: '2025-12-01',
    validFrom: '2025-12-01',
    validUntil: `${2025 + type.validity.years}-11-30`,
    issuingAuthority: '广州市交通运输局',
    issuingAuthorityCode: '1144010000695581XU',
    areaCode: '440100',
    holderKind: '',
    holderName: '',
    holderIdNumber: '',
    sourceUpdatedAt: '2025-12-01 09:30:00',
    ...EXAMPLE_COMMON[type.holderKind],
  };
  const row = [
    ...stockCommonColumns.map((c) => common[c.key]),
    ...type.fields.map((f) => EXAMPLE_EXTENSION[code][f.key] ?? ''),
  ];
  return `\uFEFF${templateHeader(type).map(csvCell).join(',')}\r\n${row.map(csvCell).join(',')}\r\n`;
}
