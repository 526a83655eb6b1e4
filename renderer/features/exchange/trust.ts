import type { TrustState } from '../../../shared/domain/exchange';

/** Badge colours for trust states; the badge always carries the word too (never colour alone). */
export const TRUST_COLOUR: Record<TrustState, string> = { unverified: 'yellow', verified: 'green', revoked: 'red' };
