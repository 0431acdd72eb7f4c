import { noPenaltyRule } from '@roadcert/shared';
import { Text, View } from '@tarojs/components';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { Card, FormError, TextField } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { formatDateTime } from '../../../lib/format';
import { StatusBadge } from '../../certificates/components/StatusBadge';
import { lookupTypeOptions } from '../lookup-form';
import { toLookupResultView } from '../lookup-result';
import type { useLookup } from '../useLookup';
import '../../certificates/components/certificate-card.scss';
import './lookup.scss';

const typeChoices = lookupTypeOptions.map((option) => ({ value: option.code, label: option.label }));

function Result({ model }: { model: ReturnType<typeof useLookup> }) {
  if (!model.result) return null;
  const view = toLookupResultView(model.result);
  return (
    <View
      className={view.status ? `lookup-result lookup-result--${view.status.tone}` : 'lookup-result lookup-result--none'}
      role="status"
    >
      <Text className="lookup-result__headline">{view.headline}</Text>
      {view.status ? (
        <View className="lookup-result__status">
          <StatusBadge status={view.status} />
        </View>
      ) : null}
      {view.validity ? <Text className="lookup-result__validity">{view.validity}</Text> : null}
      {view.validFrom ? <Text className="lookup-result__since">{view.validFrom}</Text> : null}
      <Text className="lookup-result__message">{view.message}</Text>
      {view.replacedNote ? (
        <View className="lookup-result__replaced">
          <Text className="lookup-result__replaced-title">已换发电子证照</Text>
          <Text className="lookup-result__replaced-text">{view.replacedNote}</Text>
        </View>
      ) : null}
      <Text className="lookup-result__time">{`查询时间 ${formatDateTime(model.result.checkedAt)}`}</Text>
    </View>
  );
}

/** 证照查询 (public): number + holder name (+ plate), answered with status and validity only. */
export function LookupView({ model }: { model: ReturnType<typeof useLookup> }) {
  const { form, option, fields } = model;
  return (
    <View>
      <View className="lookup-intro">
        <Text className="lookup-intro__title">证照查询</Text>
        <Text className="lookup-intro__text">
          持证人暂时无法出示电子证照时，可凭证号和姓名（名称）查询证照是否有效。纸质证、IC卡证的证号也可查询。只显示状态和有效期。
        </Text>
        <View className="lookup-rule" role="note">
          <Text className="lookup-rule__quote">{`“${noPenaltyRule.quote}”`}</Text>
          <Text className="lookup-rule__source">{`——${noPenaltyRule.source}`}</Text>
        </View>
      </View>
      <Card title="证照类型">
        <ChoiceChips
          label="证照类型"
          choices={typeChoices}
          value={form.typeCode}
          onChange={(typeCode) => model.update({ typeCode })}
          error={fields.typeCode}
        />
      </Card>
      <Card title="查询信息">
        <TextField
          label="证号"
          value={form.number}
          onChange={(number) => model.update({ number })}
          placeholder="请输入证号"
          maxlength={60}
          error={fields.number}
          hint={option.numberHint}
        />
        <TextField
          label={option.namePlaceholder.startsWith('持证人') ? '持证人姓名' : '业户名称'}
          value={form.name}
          onChange={(name) => model.update({ name })}
          placeholder={option.namePlaceholder}
          maxlength={100}
          error={fields.name}
        />
        {option.plateRequired ? (
          <TextField
            label="车辆号牌"
            value={form.plate}
            onChange={(plate) => model.update({ plate })}
            placeholder="如：粤A12345"
            maxlength={12}
            error={fields.plate}
          />
        ) : null}
        <FormError message={model.formError} />
        <Button type="primary" size="large" block loading={model.checking} onClick={() => void model.submit()}>
          查询
        </Button>
        <Text className="lookup-intro__note">为保护持证人信息，查询次数有限制；每次查询都会记入持证人的用证记录。</Text>
      </Card>
      <Result model={model} />
    </View>
  );
}
