import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

/**
 * Password rules (issue "Foundation I"): at least 12 characters, or a passphrase of at least four
 * words; never one of the commonly used passwords, nor a keyboard walk or sequence
 * that zxcvbn guesses at once. Pure, so the renderer's strength meter and the
 * core's check agree.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MIN_PASSPHRASE_WORDS = 4;
export const MAX_PASSWORD_LENGTH = 1024;

zxcvbnOptions.setOptions({ dictionary: common.dictionary, graphs: common.adjacencyGraphs });

const commonPasswords = new Set<string>((common.dictionary as { passwords: string[] }).passwords.map((p) => p.toLowerCase()));

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'guessable' | 'one_character';

const words = (password: string): string[] => password.trim().split(/\s+/u).filter((w) => w.length >= 2);

export function passwordProblem(password: string): PasswordProblem | null {
  const chars = [...password.normalize('NFC')];
  if (chars.length > MAX_PASSWORD_LENGTH) return 'too_long';
  const isPassphrase = words(password).length >= MIN_PASSPHRASE_WORDS;
  if (chars.length < MIN_PASSWORD_LENGTH && !isPassphrase) return 'too_short';
  if (new Set(chars).size <= 2) return 'one_character';
  const squashed = password.toLowerCase().replace(/\s+/g, '');
  if (commonPasswords.has(password.toLowerCase()) || commonPasswords.has(squashed)) return 'common';
  // Keyboard walks, sequences and dates ("qwertyuiopas", "1234567890123") are long but guessed at once.
  if (zxcvbn(password.slice(0, 100)).score < 2) return 'guessable';
  return null;
}

/** 0 (very weak) .. 4 (very strong), for the strength meter. */
export function passwordStrength(password: string): 0 | 1 | 2 | 3 | 4 {
  if (!password) return 0;
  if (passwordProblem(password)) return Math.min(zxcvbn(password.slice(0, 100)).score, 1) as 0 | 1;
  return zxcvbn(password.slice(0, 100)).score;
}
