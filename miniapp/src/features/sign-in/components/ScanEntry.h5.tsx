/** The portal has no scanner: the phone's camera opens a code's link itself (see ScanEntry.d.ts). */
export function ScanEntry() {
  return null;
}
