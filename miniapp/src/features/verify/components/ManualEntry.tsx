import { useState } from 'react';
import { Card, TextField } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { tokenDigits } from '../token-text';

/**
 * Where there is no camera scan (browsers) or the QR will not scan: paste the link the camera
 * opened, or type the digits under it.
 */
export function ManualEntry({
  title,
  onSubmit,
  busy,
}: {
  title: string;
  onSubmit: (digits: string) => void;
  busy?: boolean;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = () => {
    const digits = tokenDigits(text);
    if (!digits) {
      setError('请粘贴二维码中的完整链接，或输入完整的数字核验码');
      return;
    }
    setError(undefined);
    onSubmit(digits);
  };
  return (
    <Card title={title}>
      <TextField
        label="二维码链接或核验码"
        value={text}
        onChange={(value) => {
          setText(value);
          setError(undefined);
        }}
        placeholder="粘贴链接或输入数字核验码"
        maxlength={1000}
        error={error}
        hint="用手机相机扫描证照二维码会自动打开本页；也可以粘贴其中的链接"
      />
      <Button type="primary" size="large" block loading={busy} onClick={submit}>
        核验
      </Button>
    </Card>
  );
}
