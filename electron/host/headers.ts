import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';

/**
 * Headers on every response of the browser-mode host and of the Electron app:// protocol
 * (DESIGN §5): the same CSP in both, no MIME sniffing, no referrer, no cross-origin opener or embedding,
 * and nothing kept in a cache (API answers carry personal data; local static files gain nothing).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};
