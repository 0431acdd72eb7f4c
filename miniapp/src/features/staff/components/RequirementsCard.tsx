import { Text, View } from '@tarojs/components';
import type { StaffApplicationDetail } from '@roadcert/shared';
import { Card } from '../../../components/Form';

type Requirements = StaffApplicationDetail['requirements'];

function Section({ title, items }: { title: string; items: { text: string; confirmed: boolean }[] }) {
  if (items.length === 0) return null;
  return (
    <View className="staff-req">
      <Text className="staff-req__title">{title}</Text>
      {items.map((item) => (
        <Text key={item.text} className="staff-req__item">
          {`· ${item.text}${item.confirmed ? '' : '（待核实）'}`}
        </Text>
      ))}
    </View>
  );
}

/** 一次性告知 as the holder saw it: what the application had to meet. */
export function RequirementsCard({ requirements }: { requirements: Requirements }) {
  return (
    <Card title="办理要求（一次性告知）">
      <Section title="材料" items={requirements.documents} />
      <Section title="照片" items={requirements.photo ? [requirements.photo] : []} />
      <Section title="条件" items={requirements.conditions} />
      <Section title="费用" items={requirements.fees} />
    </Card>
  );
}
