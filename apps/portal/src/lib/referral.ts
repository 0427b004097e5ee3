import type { OccupationalReferral } from '../api/types';

export const emptyReferral: OccupationalReferral = { employer: '', position: '', referralNumber: '' };

/** The employer-referral fields still empty. */
export function missingReferralFields(referral: OccupationalReferral): Array<keyof OccupationalReferral> {
  return (['employer', 'position', 'referralNumber'] as const).filter((field) => !referral[field].trim());
}

/** The referral as sent: trimmed. */
export function trimReferral(referral: OccupationalReferral): OccupationalReferral {
  return {
    employer: referral.employer.trim(),
    position: referral.position.trim(),
    referralNumber: referral.referralNumber.trim(),
  };
}
