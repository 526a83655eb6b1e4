import type { TFunction } from 'i18next';
import { ERROR_CODES, type ErrorCode, type RpcError } from '../../shared/contract/errors';
import { MIN_PASSPHRASE_WORDS, MIN_PASSWORD_LENGTH, type PasswordProblem } from '../../shared/domain/passwords';
import { asRpcError } from './api';
import { formatNumber } from './format';

const PASSWORD_PROBLEMS: readonly PasswordProblem[] = ['too_short', 'too_long', 'common', 'guessable', 'one_character'];

/** The broken password rule, in words, with the rule's numbers in the UI's digits. */
export function passwordProblemMessage(t: TFunction, problem: PasswordProblem, language: string): string {
  return t(`password.problems.${problem}`, { length: formatNumber(MIN_PASSWORD_LENGTH, language), words: formatNumber(MIN_PASSPHRASE_WORDS, language) });
}

const isPasswordProblem = (value: string): value is PasswordProblem => (PASSWORD_PROBLEMS as readonly string[]).includes(value);

const isErrorCode = (code: string): code is ErrorCode => (ERROR_CODES as readonly string[]).includes(code);

/**
 * The translated sentence for a failed call. The core's own `message` is English and meant for logs
 * and the CLI; the UI shows `errors.<CODE>`, plus the broken rule for a weak password.
 */
export function describeError(t: TFunction, error: unknown, language = 'en'): string {
  const rpc: RpcError | null = asRpcError(error);
  if (!rpc) return t('errors.INTERNAL');
  // The browser-mode host answers for itself when the page lost its connection to the core.
  const reason = rpc.details?.reason;
  if (reason === 'host_session_missing') return t('errors.hostSessionMissing');
  if (reason === 'host_unreachable') return t('errors.hostUnreachable');
  if (!isErrorCode(rpc.code)) return t('errors.unknownCode', { code: rpc.code });
  const base = t(`errors.${rpc.code}`);
  const problem = rpc.details?.problem;
  if (rpc.code === 'WEAK_PASSWORD' && typeof problem === 'string' && isPasswordProblem(problem)) {
    return `${base} ${passwordProblemMessage(t, problem, language)}`;
  }
  return base;
}

/** Milliseconds the core asks us to wait before the next attempt (after a wrong password), if any. */
export function retryAfterMs(error: unknown): number {
  const value = asRpcError(error)?.details?.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/** The page itself lost the core (browser mode): nothing on screen can fix that, only a restart. */
export function isConnectionLost(error: unknown): boolean {
  const reason = asRpcError(error)?.details?.reason;
  return reason === 'host_session_missing' || reason === 'host_unreachable';
}

export const errorCode = (error: unknown): string | null => asRpcError(error)?.code ?? null;
