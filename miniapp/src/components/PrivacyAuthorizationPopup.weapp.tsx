import { Button as WechatButton, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import {
  PRIVACY_AGREE_BUTTON_ID,
  answerPrivacyRequest,
  hasPendingPrivacyRequest,
  reportPrivacyPopupShown,
  subscribePrivacyRequests,
} from '../lib/privacy-authorization.weapp';
import { openPrivacyContract } from '../lib/wechat.weapp';
import type * as Contract from './PrivacyAuthorizationPopup';
import './privacy-popup.scss';

/**
 * Shown when WeChat asks for privacy authorisation (e.g. the phone-number button or the face
 * check). "同意" is WeChat's own `agreePrivacyAuthorization` button — WeChat checks it was tapped
 * — and only then is the pending API resolved; "拒绝" lets it fail.
 */
export const PrivacyAuthorizationPopup: typeof Contract.PrivacyAuthorizationPopup = () => {
  const [open, setOpen] = useState(hasPendingPrivacyRequest);

  useEffect(() => subscribePrivacyRequests(() => setOpen(hasPendingPrivacyRequest())), []);
  useEffect(() => {
    if (open) reportPrivacyPopupShown();
  }, [open]);

  if (!open) return null;
  return (
    <View className="privacy-popup" role="dialog" aria-modal="true" aria-label="隐私保护提示">
      <View className="privacy-popup__panel">
        <Text className="privacy-popup__title">隐私保护提示</Text>
        <Text className="privacy-popup__text">
          在使用当前功能前，请阅读并同意
          <Text className="privacy-popup__contract" onClick={openPrivacyContract}>
            《道路运输电子证照小程序隐私保护指引》
          </Text>
          。如您拒绝，将无法使用该功能，其他功能不受影响。
        </Text>
        <WechatButton
          id={PRIVACY_AGREE_BUTTON_ID}
          className="privacy-popup__agree"
          openType="agreePrivacyAuthorization"
          onAgreePrivacyAuthorization={() => answerPrivacyRequest(true)}
        >
          同意并继续
        </WechatButton>
        <WechatButton className="privacy-popup__decline" onClick={() => answerPrivacyRequest(false)}>
          拒绝
        </WechatButton>
      </View>
    </View>
  );
};
