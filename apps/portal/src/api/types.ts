/** Response shapes the gateway adds on top of the bus contracts. */
export interface AccessToken {
  accessToken: string;
  expiresIn: number;
}

export interface RegisterInput {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  phone?: string;
  pesel?: string;
  acceptTerms: true;
}

export interface OccupationalReferral {
  employer: string;
  position: string;
  referralNumber: string;
}

export interface BankVerificationStart {
  authorizationUrl: string;
}
