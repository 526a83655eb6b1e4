import type { ProgressStatus, ReviewDecision } from './vocabulary';

/**
 * The progress workflow (docs/workplans.md §Progress): the agency's office keeps the report (draft or
 * submitted, with a revision counter); the secretariat answers each submitted revision with a review
 * (approved, or returned with comments). Two owners, two records — so each side only ever edits its own
 * record, and both travel in bundles without conflicts.
 *
 *   draft --submit--> submitted --approve--> approved (final)
 *                         |
 *                         +------return----> returned --edit/submit--> submitted (next revision)
 */

export type ReportStateView = { status: 'draft' | 'submitted'; revision: number };
export type ReviewState = { revision: number; decision: ReviewDecision; reviewedAt: string };

/** The review that answers the report's current revision (the newest one if there were several). */
export function currentReview<R extends ReviewState>(report: ReportStateView, reviews: readonly R[]): R | null {
  const mine = reviews.filter((r) => r.revision === report.revision && report.revision > 0);
  return mine.sort((a, b) => (a.reviewedAt < b.reviewedAt ? 1 : a.reviewedAt > b.reviewedAt ? -1 : 0))[0] ?? null;
}

export function effectiveStatus(report: ReportStateView, reviews: readonly ReviewState[]): ProgressStatus {
  const review = currentReview(report, reviews);
  if (review) return review.decision;
  return report.status;
}

/** The agency may change its report while it is a draft or was returned. */
export const mayEdit = (status: ProgressStatus): boolean => status === 'draft' || status === 'returned';
export const maySubmit = mayEdit;
/** The secretariat answers a submitted revision once. */
export const mayReview = (status: ProgressStatus): boolean => status === 'submitted';

/** Plain words for a refused step, used in INVALID_TRANSITION messages. */
export function transitionRefusal(action: 'edit' | 'submit' | 'approve' | 'return', status: ProgressStatus): string {
  const where: Record<ProgressStatus, string> = {
    draft: 'is still a draft',
    submitted: 'was submitted and waits for the secretariat',
    approved: 'was approved and can no longer change',
    returned: 'was returned to the agency for changes',
  };
  return `This progress report ${where[status]}, so it cannot be ${action === 'edit' ? 'edited' : action === 'submit' ? 'submitted' : action === 'approve' ? 'approved' : 'returned'} now.`;
}
