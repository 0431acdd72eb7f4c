import { Text, View } from '@tarojs/components';
import { STEP_LABELS, stepStates, stepsFor, type FlowGoal, type FlowStep } from '../flow';
import './activation.scss';

/**
 * "第 2 / 4 步：实名认证" above a segmented bar. Words carry the meaning; the bar only repeats
 * it, and fits a 360-px screen in 长辈版 where four labelled steps would not.
 */
export function FlowProgress({ goal, step }: { goal: FlowGoal; step: FlowStep }) {
  const steps = stepsFor(goal);
  const states = stepStates(steps, step);
  const at = steps.indexOf(step as (typeof steps)[number]);
  const title = step === 'done' ? '已完成全部步骤' : `第 ${at + 1} / ${steps.length} 步：${STEP_LABELS[step]}`;
  return (
    <View className="flow-progress">
      <Text className="flow-progress__title">{title}</Text>
      <View className="flow-progress__bar" aria-hidden="true">
        {states.map((state, index) => (
          <View key={steps[index]} className={`flow-progress__segment flow-progress__segment--${state}`} />
        ))}
      </View>
      <Text className="flow-progress__steps">{steps.map((name) => STEP_LABELS[name]).join(' → ')}</Text>
    </View>
  );
}
