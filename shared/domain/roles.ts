import { z } from 'zod';

/** The roles of DESIGN §1. Order matters only for display. */
export const ROLES = ['admin', 'case_manager', 'case_worker', 'me_officer', 'exchange_officer', 'viewer'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;
