import { z } from 'zod';

/** Shipped UI languages: English, French, Burmese, Thai, Spanish. */
export const LANGUAGES = ['en', 'fr', 'my', 'th', 'es'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;
