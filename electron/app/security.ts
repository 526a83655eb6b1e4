import { isAppUrl } from './protocol';
import type { AppLike, SessionLike, ShellLike, WebContentsLike } from './electronApi';

/**
 * Navigation, new windows, webviews and permissions (DESIGN §5). The page may only ever show
 * app://counterpart; a link elsewhere never opens inside the app. An https link on the allow-list
 * (documentation) opens in the user's browser; anything else is dropped.
 */

/**
 * Where external links may go: https URLs starting with one of these prefixes. Empty by default —
 * offices are often air-gapped, and Help > Documentation opens the documentation shipped with the app.
 * A deployment with an intranet documentation site adds it here.
 */
export const EXTERNAL_URL_ALLOWLIST: readonly string[] = [];

export function isAllowedExternalUrl(url: string, allowList: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return false;
  return allowList.some((prefix) => {
    const allowed = new URL(prefix);
    return allowed.protocol === 'https:' && parsed.origin === allowed.origin && parsed.pathname.startsWith(allowed.pathname);
  });
}

export function hardenWebContents(contents: WebContentsLike, shell: Pick<ShellLike, 'openExternal'>, allowList: readonly string[]): void {
  const stayInApp = (event: { preventDefault(): void }, url: string): void => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url, allowList)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

/** Camera, microphone, geolocation, notifications, clipboard reads...: the app needs none of them. */
export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Every web contents the app ever creates is hardened, not only the main window's. */
export function hardenAllWebContents(app: Pick<AppLike, 'on'>, shell: Pick<ShellLike, 'openExternal'>, allowList: readonly string[] = EXTERNAL_URL_ALLOWLIST): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, shell, allowList));
}
