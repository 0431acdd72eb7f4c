import { Text, View } from '@tarojs/components';
import type { ApplicationDetail, RequirementItem } from '@roadcert/shared';
import './applications.scss';

type Requirements = ApplicationDetail['requirements'];

function Item({ item }: { item: RequirementItem }) {
  return (
    <View className="apply-notice__item" role="listitem">
      <Text className="apply-notice__bullet" aria-hidden="true">
        ·
      </Text>
      <Text className="apply-notice__text">
        {item.text}
        {item.confirmed ? null : <Text className="apply-notice__unconfirmed">（待核实）</Text>}
      </Text>
    </View>
  );
}

function Section({ title, items }: { title: string; items: RequirementItem[] }) {
  if (items.length === 0) return null;
  return (
    <View className="apply-notice__section">
      <Text className="apply-notice__heading">{title}</Text>
      <View role="list">
        {items.map((item) => (
          <Item key={item.text} item={item} />
        ))}
      </View>
    </View>
  );
}

/**
 * 一次性告知: everything the type and kind require, in one place — materials, photo, conditions,
 * fees, and the two promises (信息免填报, 实体证照免提交). Items that are our reading rather than the
 * confirmed rule say so, quietly, with a footnote.
 */
export function RequirementsView({ requirements }: { requirements: Requirements }) {
  const all = [
    ...requirements.documents,
    ...requirements.conditions,
    ...requirements.fees,
    ...(requirements.photo ? [requirements.photo] : []),
  ];
  const anyUnconfirmed = all.some((item) => !item.confirmed);
  return (
    <View className="apply-notice">
      <Section title="需要的材料" items={requirements.documents} />
      <Section
        title="证件照"
        items={requirements.photo ? [requirements.photo] : [{ text: '本业务无需照片', confirmed: true }]}
      />
      <Section title="办理条件" items={requirements.conditions} />
      <Section title="收费" items={requirements.fees} />
      <Section title="说明" items={requirements.notes.map((text) => ({ text, confirmed: true }))} />
      {anyUnconfirmed ? (
        <Text className="apply-notice__footnote">标“待核实”的内容以当地道路运输管理机构的要求为准。</Text>
      ) : null}
    </View>
  );
}
