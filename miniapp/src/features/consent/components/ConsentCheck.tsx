import { Text } from '@tarojs/components';
import { consentTexts, type ConsentKind } from '@roadcert/shared';
import { CheckRow } from '../../../components/Form';
import { ConsentText } from './ConsentText';

/**
 * A separate, explicit consent (PIPL) at the step that needs it: the text, then an unticked box
 * the person must tick themselves. The caller keeps `checked` and starts it false.
 */
export function ConsentCheck({
  kind,
  checked,
  onChange,
  error,
}: {
  kind: ConsentKind;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
}) {
  return (
    <>
      <ConsentText kind={kind} compact />
      <CheckRow checked={checked} onChange={onChange} error={error}>
        <Text>{`我已阅读并同意《${consentTexts[kind].title}》`}</Text>
      </CheckRow>
    </>
  );
}

export const CONSENT_NOT_TICKED = '请阅读并勾选同意后继续';
