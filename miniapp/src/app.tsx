import type { PropsWithChildren } from 'react';
import { ElderModeProvider } from './features/elder-mode/ElderModeProvider';
import { installPrivacyAuthorization } from './lib/privacy-authorization';
import './app.scss';

// WeChat privacy authorisation must be listened for before any privacy API can be called.
installPrivacyAuthorization();

/** App shell: Taro renders every page inside it, so app-wide context lives here. */
export default function App({ children }: PropsWithChildren) {
  return <ElderModeProvider>{children}</ElderModeProvider>;
}
