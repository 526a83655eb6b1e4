import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The browser-mode handshake (DESIGN §5). Each launch makes a random secret that only the launching
 * process knows and hands to the browser in the URL fragment (never sent over HTTP, never logged).
 * The page trades it once, on POST /auth, for a random session cookie; after that the secret is dead,
 * so a copied or replayed launch link opens nothing.
 */

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Same-length digests keep the comparison constant-time whatever the candidate's length. */
const sameSecret = (a: string, b: string): boolean => timingSafeEqual(digest(a), digest(b));

export class LaunchAuth {
  readonly secret = randomBytes(32).toString('base64url');
  private secretUsed = false;
  /** Digests of the session tokens handed out (one per launch), so the token itself is not kept. */
  private readonly sessions: Buffer[] = [];

  /**
   * The session cookie is named after the port: cookies ignore ports, and a second Counterpart
   * running on 127.0.0.1 must not overwrite this one's session.
   */
  constructor(readonly port: number) {}

  get cookieName(): string {
    return `cp_session_${this.port}`;
  }

  /** Trades the launch secret for a new session token; null if the secret is wrong or was already used. */
  exchange(candidate: string): string | null {
    if (this.secretUsed || !sameSecret(candidate, this.secret)) return null;
    this.secretUsed = true;
    const token = randomBytes(32).toString('base64url');
    this.sessions.push(digest(token));
    return token;
  }

  setCookieHeader(token: string): string {
    return `${this.cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`;
  }

  /** Whether the request's Cookie header carries a session token this launch handed out. */
  isAuthenticated(cookieHeader: string | undefined): boolean {
    const token = readCookie(cookieHeader, this.cookieName);
    if (!token) return false;
    const candidate = digest(token);
    return this.sessions.some((known) => timingSafeEqual(known, candidate));
  }
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
