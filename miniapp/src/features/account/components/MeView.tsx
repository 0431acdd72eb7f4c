import { Text, View } from '@tarojs/components';
import { Cell, CellGroup } from '../../../components/Cells';
import { Button } from '../../../components/nutui';
import { ErrorState, LoadingCards } from '../../../components/StateViews';
import { navigate } from '../../../lib/router';
import { useElderMode } from '../../elder-mode/ElderModeProvider';
import { boundIdNumberMasked, realNameSummary, representedOperators } from '../account';
import type { Account } from '../api';
import type { useMe } from '../useMe';
import './me.scss';

function operatorValue(account: Account): string {
  const represented = representedOperators(account);
  if (represented.length > 0) return represented.map((operator) => operator.name).join('、');
  if (account.operators.length > 0) return `已获${account.operators.length}家企业授权`;
  return '法定代表人激活';
}

function Settings({ account }: { account: Account }) {
  const elder = useElderMode();
  const idMasked = boundIdNumberMasked(account);
  return (
    <>
      <View className="me__who">
        <Text className="me__name">{account.holder?.nameMasked ?? '未实名用户'}</Text>
        <Text className="me__phone">{account.phoneMasked ? `手机号 ${account.phoneMasked}` : '未绑定手机号'}</Text>
        {idMasked ? <Text className="me__phone">身份证号 {idMasked}</Text> : null}
      </View>
      <CellGroup>
        <Cell label="实名认证" value={realNameSummary(account)} arrow onClick={() => void navigate('realName')} />
        <Cell label="消息" value="到期、年审、办理进度提醒" arrow onClick={() => void navigate('messages')} />
        <Cell label="我的申请" value="换领、补发、延续等办理进度" arrow onClick={() => void navigate('applications')} />
        <Cell label="我的分享" value="分享链接、打开次数、撤销" arrow onClick={() => void navigate('shares')} />
        <Cell label="用证记录" value="证照被核验、查询、查看的记录" arrow onClick={() => void navigate('usage')} />
        <Cell label="扫码核验" value="核验他人出示的电子证照" arrow onClick={() => void navigate('scan')} />
        {account.holder?.kind !== 'OPERATOR' ? (
          <Cell label="证件照" value="拍摄并在线检查" arrow onClick={() => void navigate('photo')} />
        ) : null}
        <Cell label="我的设备" value="查看和退出登录设备" arrow onClick={() => void navigate('devices')} />
        <Cell
          label="企业账号与员工授权"
          value={operatorValue(account)}
          arrow
          onClick={() => void navigate('operator')}
        />
        <Cell label="消息提醒" value="短信、微信通知、退订" arrow onClick={() => void navigate('reminderSettings')} />
        <Cell label="隐私与授权" value="隐私政策、单独同意" arrow onClick={() => void navigate('privacy')} />
      </CellGroup>
      <CellGroup>
        <Cell
          label="长辈版"
          value={elder.enabled ? '已开启 · 点击关闭' : '未开启 · 点击开启'}
          ariaLabel={elder.enabled ? '长辈版已开启，点击切换为标准版' : '长辈版未开启，点击开启，字体更大'}
          onClick={elder.toggle}
        />
      </CellGroup>
    </>
  );
}

/** 我的: who is signed in, then real name, devices, operator, privacy, 长辈版, sign-out. */
export function MeView({ me }: { me: ReturnType<typeof useMe> }) {
  const { state, reload } = me.account;
  return (
    <View>
      {state.status === 'loading' ? <LoadingCards count={1} /> : null}
      {state.status === 'error' ? <ErrorState message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' ? <Settings account={state.data} /> : null}
      <View className="me__sign-out">
        <Button
          type="danger"
          fill="outline"
          size="large"
          block
          loading={me.signingOut}
          onClick={() => void me.signOut()}
        >
          退出登录
        </Button>
      </View>
    </View>
  );
}
