import type { PropsWithChildren } from 'react';
import { ElderModeProvider } from './features/elder-mode/ElderModeProvider';
import './app.scss';

/** App shell: Taro renders every page inside it, so app-wide context lives here. */
export default function App({ children }: PropsWithChildren) {
  return <ElderModeProvider>{children}</ElderModeProvider>;
}
