import { Text, View } from '@tarojs/components';
import { isGroupFullySelected, type ShareCandidate, type ShareOwnerGroup, type ShareSelection } from '../selection';

function CandidateRow({
  candidate,
  checked,
  onToggle,
}: {
  candidate: ShareCandidate;
  checked: boolean;
  onToggle: () => void;
}) {
  const blocked = candidate.blockedReason !== null;
  const className = ['share-pick__row', checked ? 'share-pick__row--on' : '', blocked ? 'share-pick__row--blocked' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <View
      className={className}
      role="checkbox"
      aria-checked={checked}
      aria-disabled={blocked}
      onClick={blocked ? undefined : onToggle}
    >
      <View className={checked ? 'share-pick__box share-pick__box--on' : 'share-pick__box'}>{checked ? '✓' : ''}</View>
      <View className="share-pick__text">
        <Text className="share-pick__title">
          {candidate.plateNumber ? `${candidate.title} · ${candidate.plateNumber}` : candidate.title}
        </Text>
        <Text className="share-pick__meta">{candidate.blockedReason ?? candidate.meta}</Text>
      </View>
    </View>
  );
}

interface PickerProps {
  groups: ShareOwnerGroup[];
  selection: ShareSelection;
  onToggle: (candidate: ShareCandidate) => void;
  onToggleAll: (group: ShareOwnerGroup) => void;
  error?: string;
}

/** Certificates by owner, each owner with 全选 when it has more than one to share. */
export function CertificatePicker({ groups, selection, onToggle, onToggleAll, error }: PickerProps) {
  return (
    <View className="share-pick">
      {groups.map((group) => {
        const shareable = group.candidates.filter((candidate) => !candidate.blockedReason).length;
        const all = isGroupFullySelected(selection, group);
        return (
          <View key={group.key} className="share-pick__group" role="group" aria-label={group.label}>
            <View className="share-pick__head">
              <Text className="share-pick__owner">{group.label}</Text>
              {shareable > 1 ? (
                <View className="share-pick__all" role="button" onClick={() => onToggleAll(group)}>
                  {all ? '取消全选' : `全选（${shareable}）`}
                </View>
              ) : null}
            </View>
            {group.candidates.map((candidate) => (
              <CandidateRow
                key={candidate.id}
                candidate={candidate}
                checked={selection.ids.includes(candidate.id)}
                onToggle={() => onToggle(candidate)}
              />
            ))}
          </View>
        );
      })}
      {error ? (
        <View className="rc-field__error" role="alert">
          {error}
        </View>
      ) : null}
    </View>
  );
}
