/**
 * The access token, kept in sessionStorage: it survives a reload of the tab but not closing it, is
 * not shared with other tabs, and never goes into a URL (docs/security.md). Only this module reads
 * or writes it.
 */
const KEY = 'concordia.token';

export function loadToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage refused (private mode): the session then lasts until the next reload.
  }
}
