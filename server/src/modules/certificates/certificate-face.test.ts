import { describe, expect, it } from 'vitest';
import { certificateTypeByCode } from '@roadcert/shared';
import { faceDetails, idDerivedKeys } from './certificate-face';

const vehicle = {
  plateNumber: '粤A12345',
  plateColour: '2',
  vehicleTypeCode: 'H11',
  capacity: '10吨',
  lengthMm: 9000,
  widthMm: 2500,
  heightMm: 3200,
};
const valueOf = (details: { label: string; value: string }[], label: string) =>
  details.find((d) => d.label === label)?.value;

describe('faceDetails', () => {
  it('shows bundled code lists by their labels, several joined with 、', () => {
    const details = faceDetails(
      certificateTypeByCode.D008.typeCode,
      { businessScope: ['021', '022'], economicType: '159', branchFlag: '2' },
      null,
    );
    expect(valueOf(details, '经营范围')).toBe('道路普通货物运输、货物专用运输');
    expect(valueOf(details, '分支机构标识')).toBe('分支机构');
    // GB/T 12402 is not bundled (codeLists.economicType.values is null): the code is all there is.
    expect(valueOf(details, '经济类型')).toBe('159');
  });

  it('labels vehicle facts the certificate lacks, from the vehicle record', () => {
    const details = faceDetails(certificateTypeByCode.D013.typeCode, {}, vehicle);
    expect(valueOf(details, '车牌颜色')).toBe('黄色');
    expect(valueOf(details, '车辆尺寸')).toBe('9000×2500×3200毫米');
  });

  it('leaves out 性别 (registry key sex) when asked via idDerivedKeys', () => {
    const typeCode = certificateTypeByCode.D071.typeCode;
    expect(idDerivedKeys(typeCode)).toEqual(['sex']);
    expect(valueOf(faceDetails(typeCode, { sex: '1' }, null), '性别')).toBe('男');
    expect(valueOf(faceDetails(typeCode, { sex: '1' }, null, idDerivedKeys(typeCode)), '性别')).toBeUndefined();
  });
});
