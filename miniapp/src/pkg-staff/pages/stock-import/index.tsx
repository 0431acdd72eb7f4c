import { StaffShell } from '../../../features/staff/components/StaffShell';
import { StockImportView } from '../../../features/stock-import/components/StockImportView';
import { useStockImport } from '../../../features/stock-import/useStockImport';

/** 存量导入 (数据管理员): CSV / XLSX upload, progress, counts, error report, templates. */
export default function StaffStockImportPage() {
  const stock = useStockImport();
  return (
    <StaffShell section="stockImport">
      <StockImportView stock={stock} />
    </StaffShell>
  );
}
