import { Text, View } from '@tarojs/components';
import { certificateTypes, stockImportLimits, type StockImportView as ImportView } from '@roadcert/shared';
import { Card, FormError } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { ErrorState, LoadingCards } from '../../../components/StateViews';
import { formatDateTime } from '../../../lib/format';
import { FilterChips } from '../../staff/components/FilterChips';
import { formatBytes, importCounts, importSummary, isRunning, progressLabel } from '../import-view';
import type { StockImport } from '../useStockImport';
import './stock-import.scss';

const templateOptions = certificateTypes.map((type) => ({ value: type.code, label: type.shortName }));

function UploadCard({ stock }: { stock: StockImport }) {
  const { phase } = stock;
  const file = phase.kind === 'idle' ? null : phase.file;
  return (
    <Card title="导入存量证照">
      <Text className="staff-muted">{`支持 CSV（UTF-8）和 XLSX，单个文件不超过 ${formatBytes(stockImportLimits.maxBytes)}。同一文件重复导入不会重复写入；较新的记录按证照编号和类型更新。`}</Text>
      <View className="stock-file">
        <Text className="stock-file__name">{file ? `${file.name}（${formatBytes(file.size)}）` : '未选择文件'}</Text>
        <Button size="large" disabled={phase.kind === 'uploading'} onClick={() => void stock.choose()}>
          {file ? '重新选择' : '选择文件'}
        </Button>
      </View>
      {phase.kind === 'uploading' ? (
        <View
          className="stock-progress"
          role="progressbar"
          aria-valuenow={Math.round(phase.progress * 100)}
          aria-valuemin={0}
          aria-valuemax={100}
        >
          <View className="stock-progress__bar" style={{ width: progressLabel(phase.progress) }} />
          <Text className="stock-progress__label">{`上传中 ${progressLabel(phase.progress)}`}</Text>
        </View>
      ) : null}
      <FormError message={stock.error} />
      <Button
        type="primary"
        size="large"
        block
        disabled={phase.kind !== 'chosen'}
        loading={phase.kind === 'uploading'}
        onClick={() => void stock.upload()}
      >
        开始导入
      </Button>
    </Card>
  );
}

function CurrentCard({ stock, view }: { stock: StockImport; view: ImportView }) {
  return (
    <Card
      title="导入结果"
      extra={<Text className={`stock-state stock-state--${view.state.toLowerCase()}`}>{view.stateLabel}</Text>}
    >
      <Text className="stock-current__file">{view.fileName}</Text>
      {view.synthetic ? <Text className="stock-synthetic">合成数据（仅供测试和演示）</Text> : null}
      {isRunning(view) ? <Text className="staff-muted">正在导入，结果会自动刷新…</Text> : null}
      {view.error ? <FormError message={view.error} /> : null}
      <View className="stock-counts">
        {importCounts(view).map((row) => (
          <View key={row.key} className="stock-counts__item">
            <Text className={`stock-counts__value stock-counts__value--${row.tone}`}>{row.value}</Text>
            <Text className="stock-counts__label">{row.label}</Text>
          </View>
        ))}
      </View>
      <Text className="stock-current__time">{`开始：${formatDateTime(view.startedAt)}`}</Text>
      {view.finishedAt ? (
        <Text className="stock-current__time">{`完成：${formatDateTime(view.finishedAt)}`}</Text>
      ) : null}
      {view.failed > 0 ? (
        <View className="stock-current__actions">
          <Button
            size="large"
            block
            loading={stock.downloading === `errors:${view.id}`}
            onClick={() => void stock.downloadErrors(view)}
          >
            {`下载错误报告（${view.failed} 行）`}
          </Button>
        </View>
      ) : null}
    </Card>
  );
}

function TemplateCard({ stock }: { stock: StockImport }) {
  return (
    <Card title="导入模板">
      <Text className="staff-muted">每类证照的列不同：先选择证照类型，再下载对应模板。</Text>
      <FilterChips
        label="证照类型"
        options={templateOptions}
        value={stock.templateType}
        onChange={stock.setTemplateType}
      />
      <Button
        size="large"
        block
        loading={stock.downloading === 'template'}
        onClick={() => void stock.downloadTemplate()}
      >
        {`下载${templateOptions.find((option) => option.value === stock.templateType)?.label ?? ''}模板（CSV）`}
      </Button>
    </Card>
  );
}

function HistoryCard({ stock }: { stock: StockImport }) {
  const { state, reload } = stock.history;
  return (
    <Card title="导入记录">
      {state.status === 'loading' ? <LoadingCards count={1} /> : null}
      {state.status === 'error' ? <ErrorState message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' && state.data.length === 0 ? <Text className="staff-muted">暂无导入记录。</Text> : null}
      {state.status === 'ready'
        ? state.data.map((view) => (
            <View key={view.id} className="staff-row" role="button" onClick={() => stock.show(view)}>
              <View className="staff-row__main">
                <Text className="staff-row__holder">{view.fileName}</Text>
                <Text className="staff-row__kind">{importSummary(view)}</Text>
                <Text className="staff-muted">{formatDateTime(view.startedAt, new Date())}</Text>
              </View>
              <Text className="staff-row__arrow" aria-hidden="true">
                ›
              </Text>
            </View>
          ))
        : null}
    </Card>
  );
}

/** 存量导入: upload, the import's progress and counts with its error report, the templates, the history. */
export function StockImportView({ stock }: { stock: StockImport }) {
  return (
    <View>
      <UploadCard stock={stock} />
      {stock.current ? <CurrentCard stock={stock} view={stock.current} /> : null}
      <TemplateCard stock={stock} />
      <HistoryCard stock={stock} />
    </View>
  );
}
