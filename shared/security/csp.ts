/**
 * The Content-Security-Policy sent as a header by both the Electron app:// protocol and the
 * browser-mode host (DESIGN §5). Styles allow 'unsafe-inline' because the component library injects
 * its CSS variables in a <style> element; scripts never do.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
