import type { PhotoCapture } from '../usePhotoCapture';
import { ChooseStep } from './ChooseStep';
import { CropStep } from './CropStep';
import { AcceptedView, RejectedView } from './VerdictView';
import './photo.scss';

/** 证件照: one screen per phase of the capture. */
export function PhotoView({ capture }: { capture: PhotoCapture }) {
  const { phase } = capture;
  if (phase.kind === 'crop') return <CropStep capture={capture} phase={phase} />;
  if (phase.kind === 'accepted') return <AcceptedView capture={capture} phase={phase} />;
  if (phase.kind === 'rejected') return <RejectedView capture={capture} phase={phase} />;
  return <ChooseStep capture={capture} />;
}
