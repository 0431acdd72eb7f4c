/**
 * A photo taken for an application, handed back to the form that opened the photo page
 * (`photo?applicationId=`): the photo page leaves it here when it is accepted, the form takes
 * it when it shows again. In memory only; the form saves the id with its draft.
 */
export interface HandedPhoto {
  id: string;
  /** Signed link to the processed JPEG (short-lived). */
  url: string;
}

const handed = new Map<string, HandedPhoto>();

export function handOverPhoto(applicationId: string, photo: HandedPhoto): void {
  handed.set(applicationId, { ...photo });
}

/** The photo handed over for this application since the last call, once. */
export function takeHandedPhoto(applicationId: string): HandedPhoto | null {
  const photo = handed.get(applicationId) ?? null;
  handed.delete(applicationId);
  return photo;
}

/** The key a completion task (a missing portrait, 缺失数据补传) takes its portrait back under. */
export const taskPhotoKey = (taskId: string) => `task:${taskId}`;
