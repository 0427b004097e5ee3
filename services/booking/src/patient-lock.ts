/**
 * The advisory-lock key that serialises one patient's bookings, as SQL over
 * the parameter holding the patient id. Every statement that takes or tries
 * this lock must use the same key, or the two would not exclude each other.
 */
export const patientLockKey = (parameter: string): string => `hashtextextended('booking:patient:' || ${parameter}, 0)`;
