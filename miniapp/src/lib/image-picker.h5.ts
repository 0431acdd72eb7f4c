import { photoUploadLimits } from '@roadcert/shared';
import type * as Contract from './image-picker';
import type { PickedImage } from './picked-image';

const INPUT_MARK = 'data-rc-photo-input';

/**
 * Width and height as the browser displays the image: <img> applies EXIF orientation
 * (`image-orientation: from-image`, the default since Chrome 81 / Safari 13.1 / Firefox 77)
 * and its natural size follows. Zeros when the browser cannot decode the file.
 */
function displayedSize(url: string): Promise<{ width: number; height: number }> {
  return new Promise((resolve) => {
    const img = new Image();
    img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight });
    img.onerror = () => resolve({ width: 0, height: 0 });
    img.src = url;
  });
}

async function describe(file: File): Promise<PickedImage> {
  const path = URL.createObjectURL(file);
  const size = await displayedSize(path);
  return { path, blob: file, name: file.name || 'photo.jpg', size: file.size, mimeType: file.type || null, ...size };
}

/**
 * A file input made for this one pick: `accept` lists the server's formats (iOS then hands
 * over JPEG instead of HEIC), `capture=user` opens the front camera (`environment` the back
 * one, for documents). It stays in the document until used, so the browser (and tests) can find it.
 */
export const pickImage: typeof Contract.pickImage = (source, camera = 'front') =>
  new Promise((resolve) => {
    document.querySelectorAll(`input[${INPUT_MARK}]`).forEach((old) => old.remove());
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = photoUploadLimits.mimeTypes.join(',');
    if (source === 'camera') input.setAttribute('capture', camera === 'back' ? 'environment' : 'user');
    input.setAttribute(INPUT_MARK, source);
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) resolve(null);
      else void describe(file).then(resolve);
    });
    // Fired by current browsers when the dialog is dismissed; older ones leave the promise pending (harmless).
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(null);
    });
    document.body.appendChild(input);
    input.click();
  });

export const releaseImage: typeof Contract.releaseImage = (image) => {
  if (image.path.startsWith('blob:')) URL.revokeObjectURL(image.path);
};
