import { Image, Text, View } from '@tarojs/components';
import { Card, FormError } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { ErrorState, LoadingCards } from '../../../components/StateViews';
import { formatDateTime } from '../../../lib/format';
import type { ReviewDetail } from '../api';
import { returnableFields } from '../return-reasons';
import { compareRows, reviewActions, timelineRows } from '../review-view';
import type { useStaffReview } from '../useStaffReview';
import { summariseCompliance } from '../../applications/compliance-view';
import { ComplianceCard } from '../../applications/components/ComplianceCard';
import { ComparisonCard } from './ComparisonCard';
import { RejectPanel, ReturnPanel } from './DecisionPanels';
import { RequirementsCard } from './RequirementsCard';

type Review = ReturnType<typeof useStaffReview>;

function Header({ shown }: { shown: ReviewDetail }) {
  const { detail } = shown;
  return (
    <Card>
      <View className="staff-detail__head">
        <Text className="staff-detail__holder">{detail.holderName}</Text>
        <Text className={`staff-state staff-state--${detail.state.toLowerCase()}`}>{detail.stateLabel}</Text>
      </View>
      <Text className="staff-detail__title">{`${detail.typeName} · ${detail.kindLabel}`}</Text>
      <Text className="staff-muted">{`提交时间：${detail.submittedAt ? formatDateTime(detail.submittedAt) : '未提交'}　行政区划：${detail.areaCode}`}</Text>
      {detail.state === 'ISSUED' ? (
        <View className="staff-outcome staff-outcome--ok" role="status">
          <Text>{`已发证：电子证照已签发${detail.baseCertificateId ? '，原证已标记为“已换发”' : ''}。持证人激活后即可亮证。`}</Text>
        </View>
      ) : null}
      {detail.state === 'RETURNED' && detail.returnReasons ? (
        <View className="staff-outcome" role="status">
          <Text className="staff-outcome__title">已退回补正，等待申请人重新提交：</Text>
          {Object.entries(detail.returnReasons).map(([key, reason]) => (
            <Text
              key={key}
              className="staff-outcome__line"
            >{`· ${returnableFields(detail).find((field) => field.key === key)?.label ?? key}：${reason}`}</Text>
          ))}
        </View>
      ) : null}
      {detail.state === 'REJECTED' && detail.rejectReason ? (
        <View className="staff-outcome staff-outcome--bad" role="status">
          <Text>{`不予许可：${detail.rejectReason}`}</Text>
        </View>
      ) : null}
    </Card>
  );
}

function PhotoCard({ shown }: { shown: ReviewDetail }) {
  if (!shown.photo) return null;
  return (
    <Card title="证件照">
      <View className="staff-photo">
        <Image className="staff-photo__image" src={shown.photo.url} mode="aspectFit" ariaLabel="申请人提交的证件照" />
        {shown.photo.originalUrl ? (
          <View className="staff-photo__original">
            <Image
              className="staff-photo__image staff-photo__image--small"
              src={shown.photo.originalUrl}
              mode="aspectFit"
              ariaLabel="原始照片"
            />
            <Text className="staff-muted">原始照片</Text>
          </View>
        ) : null}
      </View>
    </Card>
  );
}

function FactsCard({ shown }: { shown: ReviewDetail }) {
  const { facts } = compareRows(shown.detail);
  if (facts.length === 0) return null;
  return (
    <Card title="申请人与原证">
      {facts.map((fact) => (
        <View key={fact.key} className="staff-fact">
          <Text className="staff-fact__label">{fact.label}</Text>
          <Text className="staff-fact__value">{fact.value}</Text>
        </View>
      ))}
    </Card>
  );
}

function TimelineCard({ shown }: { shown: ReviewDetail }) {
  return (
    <Card title="办理记录">
      {timelineRows(shown.detail.timeline, new Date()).map((row, index) => (
        <View key={index} className="staff-timeline">
          <Text className="staff-timeline__what">{`${row.label} · ${row.actor}`}</Text>
          <Text className="staff-muted">{row.at}</Text>
          {row.note ? <Text className="staff-timeline__note">{row.note}</Text> : null}
        </View>
      ))}
    </Card>
  );
}

function ActionsCard({ review, shown }: { review: Review; shown: ReviewDetail }) {
  const actions = reviewActions(shown.detail.state);
  if (!actions.startReview && !actions.decide) return null;
  return (
    <Card title="审核操作">
      {review.panel === 'none' ? <FormError message={review.error} /> : null}
      <View className="staff-actions">
        {actions.startReview ? (
          <Button
            type="primary"
            fill="outline"
            size="large"
            loading={review.pending === 'start'}
            onClick={() => void review.begin()}
          >
            开始审核
          </Button>
        ) : null}
        <Button
          type="primary"
          size="large"
          loading={review.pending === 'approve'}
          onClick={() => void review.approve()}
        >
          批准发证
        </Button>
        <Button type="default" size="large" onClick={() => review.openPanel('return')}>
          退回补正
        </Button>
        <Button type="danger" fill="outline" size="large" onClick={() => review.openPanel('reject')}>
          不予许可
        </Button>
      </View>
    </Card>
  );
}

/** 审核详情: what was asked, against what is on record, with the decisions the state allows. */
export function ReviewView({ review }: { review: Review }) {
  const { state, shown } = review;
  if (!shown) {
    if (state.status === 'error')
      return <ErrorState message={state.error.message} onRetry={() => void review.reload()} />;
    return <LoadingCards count={3} />;
  }
  return (
    <View className="staff-detail">
      <Header shown={shown} />
      <View className="staff-detail__columns">
        <View className="staff-detail__column">
          <ComparisonCard comparison={compareRows(shown.detail)} returned={shown.detail.state === 'RETURNED'} />
          <FactsCard shown={shown} />
          <PhotoCard shown={shown} />
        </View>
        <View className="staff-detail__column">
          {/* Next to the actions, where the reviewer is looking when it happens. */}
          {review.notice ? (
            <View className="staff-notice" role="alert">
              <Text>{review.notice}</Text>
            </View>
          ) : null}
          {/* The same rules the holder saw before submitting: a blocking one cannot be issued silently. */}
          <ComplianceCard
            summary={summariseCompliance(shown.detail.compliance, [])}
            refused={[]}
            blockingTitle="未通过合规校验（须更正后才能发证）："
          />
          <ActionsCard review={review} shown={shown} />
          {review.panel === 'return' ? <ReturnPanel review={review} fields={returnableFields(shown.detail)} /> : null}
          {review.panel === 'reject' ? <RejectPanel review={review} /> : null}
          <RequirementsCard requirements={shown.detail.requirements} />
          <TimelineCard shown={shown} />
        </View>
      </View>
    </View>
  );
}
