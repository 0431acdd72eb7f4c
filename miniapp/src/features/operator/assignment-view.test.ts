import { describe, expect, it } from 'vitest';
import { sortAssignments, toAssignmentView } from './assignment-view';

const base = {
  id: 'a1',
  vehicleId: 'v1',
  plateNumber: '粤A3K7Q2',
  driverPhoneMasked: '139****0001',
  driverNameMasked: '陈*',
  assignedAt: '2026-12-01T08:00:00.000Z',
  revokedAt: null,
};

describe('随车人员 list', () => {
  it('names the driver by masked name and phone, and marks ended assignments', () => {
    expect(toAssignmentView(base)).toMatchObject({ plate: '粤A3K7Q2', who: '陈* · 139****0001', ended: false });
    expect(toAssignmentView({ ...base, revokedAt: '2026-12-02T08:00:00.000Z' }).ended).toBe(true);
  });

  it('lists live assignments first, by plate', () => {
    const sorted = sortAssignments([
      { ...base, id: 'ended', plateNumber: '粤A0000', revokedAt: '2026-12-02T08:00:00.000Z' },
      { ...base, id: 'b', plateNumber: '粤A6M2X9' },
      { ...base, id: 'a', plateNumber: '粤A3K7Q2' },
    ]);
    expect(sorted.map((a) => a.id)).toEqual(['a', 'b', 'ended']);
  });
});
