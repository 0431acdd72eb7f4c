import { Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { relaunch, type RouteName } from '../../../lib/router';
import { useStaffProfile } from '../useStaffProfile';
// The type scale and touch sizes (.rc-page variables) live with PageShell, which the workbench
// does not use (it is wider and has no 长辈版): load them for a staff page opened directly.
import '../../../components/page-shell.scss';
import './staff.scss';

type Section = 'queue' | 'certificates' | 'completion' | 'compliance' | 'aggregation' | 'stockImport' | 'reminders';

const SECTIONS: { key: Section; label: string; route: RouteName; stewardsOnly?: boolean }[] = [
  { key: 'queue', label: '审核队列', route: 'staffQueue' },
  { key: 'completion', label: '补正审核', route: 'staffCompletionQueue' },
  { key: 'compliance', label: '数据合规', route: 'staffCompliance' },
  { key: 'aggregation', label: '数据归集', route: 'staffAggregation' },
  { key: 'certificates', label: '证照状态', route: 'staffCertificates' },
  { key: 'stockImport', label: '存量导入', route: 'staffStockImport', stewardsOnly: true },
  { key: 'reminders', label: '消息提醒', route: 'staffReminders' },
];

const isSteward = (roles: readonly string[]) => roles.includes('DATA_STEWARD') || roles.includes('ADMIN');

/** The signed-in workbench: who is signed in, the sections, 退出登录. Wider than the citizen column on a desktop. */
export function StaffShell({ section, children }: PropsWithChildren<{ section: Section | null }>) {
  const { profile, signOut } = useStaffProfile();
  // 存量导入 shows once the profile says the staff member may use it (and on its own page).
  const sections = SECTIONS.filter(
    (item) => !item.stewardsOnly || item.key === section || (profile !== null && isSteward(profile.roles)),
  );
  return (
    <View className="rc-page staff-page">
      <View className="staff-bar">
        <View className="staff-bar__who">
          <Text className="staff-bar__title">运管工作台</Text>
          <Text className="staff-bar__name">{profile ? profile.displayName : ' '}</Text>
        </View>
        <View className="staff-bar__logout" role="button" onClick={() => void signOut()}>
          退出登录
        </View>
      </View>
      <View className="staff-tabs" role="tablist">
        {sections.map((item) => (
          <View
            key={item.key}
            className={item.key === section ? 'staff-tabs__tab staff-tabs__tab--on' : 'staff-tabs__tab'}
            role="tab"
            aria-selected={item.key === section}
            onClick={() => {
              if (item.key !== section) void relaunch(item.route);
            }}
          >
            {item.label}
          </View>
        ))}
      </View>
      {children}
    </View>
  );
}

/** The sign-in page's frame: no session yet, so no header. */
export function StaffPlainShell({ children }: PropsWithChildren) {
  return <View className="rc-page staff-page staff-page--narrow">{children}</View>;
}
