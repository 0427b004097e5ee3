import type { RegisterInput } from '../api/types';
import { peselHint } from './pesel';

export interface RegisterForm {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  phone: string;
  pesel: string;
  acceptTerms: boolean;
}

export type RegisterProblem = 'required' | 'email' | 'passwordTooShort' | 'phone' | 'pesel' | 'terms';
export type RegisterErrors = Partial<Record<keyof RegisterForm, RegisterProblem>>;

export const PASSWORD_MIN_LENGTH = 10;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The same rule the server applies (PHONE_PATTERN in libs/contracts). */
const PHONE = /^\+?[0-9 ()-]{6,20}$/;

/** A phone number as the register form, "Moje konto" and the contact form accept it. */
export function isPhoneNumber(text: string): boolean {
  return PHONE.test(text.trim());
}

export const emptyRegisterForm: RegisterForm = {
  email: '',
  password: '',
  firstName: '',
  lastName: '',
  phone: '',
  pesel: '',
  acceptTerms: false,
};

/** What the form can tell before asking the server (which checks everything again). */
export function validateRegisterForm(form: RegisterForm): RegisterErrors {
  const errors: RegisterErrors = {};
  const email = form.email.trim();
  if (!email) errors.email = 'required';
  else if (!EMAIL.test(email)) errors.email = 'email';
  if (!form.password) errors.password = 'required';
  else if (form.password.length < PASSWORD_MIN_LENGTH) errors.password = 'passwordTooShort';
  if (!form.firstName.trim()) errors.firstName = 'required';
  if (!form.lastName.trim()) errors.lastName = 'required';
  if (form.phone.trim() && !isPhoneNumber(form.phone)) errors.phone = 'phone';
  const pesel = peselHint(form.pesel);
  if (pesel !== 'empty' && pesel !== 'valid') errors.pesel = 'pesel';
  if (!form.acceptTerms) errors.acceptTerms = 'terms';
  return errors;
}

/** The request body: trimmed, optional fields left out when empty. */
export function toRegisterInput(form: RegisterForm): RegisterInput {
  const phone = form.phone.trim();
  const pesel = form.pesel.trim();
  return {
    email: form.email.trim(),
    password: form.password,
    firstName: form.firstName.trim(),
    lastName: form.lastName.trim(),
    ...(phone ? { phone } : {}),
    ...(pesel ? { pesel } : {}),
    acceptTerms: true,
  };
}
