import { appConfig } from '../config';

/**
 * A link the server returned (e.g. a signed file link) as a URL an <Image> can load: the
 * local storage driver answers with a path under the API origin, OSS with a full URL.
 */
export function apiUrl(link: string): string {
  return /^https?:\/\//i.test(link) ? link : appConfig.apiBase + link;
}
