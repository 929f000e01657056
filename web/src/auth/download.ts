import { ApiHttpError } from '../errors/error-code';
import { loadToken } from './session';

/**
 * Downloads a file of the API's own HTTP routes (`/action-items.csv`, `/calendar/meetings/<id>.ics`):
 * a plain link would carry no credential, and the token never goes into a URL (docs/security.md), so
 * the file is fetched with the Authorization header and handed to the browser as a Blob. Throws an
 * ApiHttpError (shown by ErrorMessage) with the API's code.
 */
export async function downloadWithToken(path: string, filename: string): Promise<void> {
  const token = loadToken();
  let res: Response;
  try {
    res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {}, cache: 'no-store' });
  } catch {
    throw new ApiHttpError('NETWORK', '');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiHttpError(body?.error?.code ?? (res.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL_SERVER_ERROR'), body?.error?.message ?? '');
  }
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has read the Blob once the download started; a minute is ample before freeing it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
