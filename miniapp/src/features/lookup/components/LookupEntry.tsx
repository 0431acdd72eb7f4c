import type { PropsWithChildren } from 'react';
import { Cell, CellGroup } from '../../../components/Cells';
import { navigate } from '../../../lib/router';

/** 证照查询 for anyone, signed in or not: where the sign-in and verify pages point to it (children: more entries in the same group). */
export function LookupEntry({ children }: PropsWithChildren) {
  return (
    <CellGroup>
      <Cell
        label="证照查询"
        value="无需登录，凭证号和姓名查询"
        arrow
        onClick={() => void navigate('lookup')}
        ariaLabel="证照查询：无需登录，凭证号和姓名查询证照状态"
      />
      {children}
    </CellGroup>
  );
}
