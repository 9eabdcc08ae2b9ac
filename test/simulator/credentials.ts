/** The simulator's demo credentials (fixed, public: they only open the local simulator). */

/** frame scheme, accepted by the Web API (/v1alpha) and the Admin API (/v1). The secret looks like hex on purpose: it must be used as text. */
export const DEMO_CREDENTIALS: { clientId: string; clientSecret: string } = Object.freeze({
  clientId: '7c1e5a90-3f2b-4d8e-9a61-0b4c2d7e8f15.img.frame.simulator',
  clientSecret: '9f2d4b6a8c0e1f3a5b7c9d1e3f5a7b9c0d2e4f6a8b0c1d3e5f7a9b1c3d5e7f90',
});

/** janrain-signature and basic schemes, accepted by the Registration API (/registration). */
export const DEMO_REGISTRATION_CREDENTIALS: { clientId: string; clientSecret: string } = Object.freeze({
  clientId: 'simreg4k2q8w3n7v5x9b1m6c0z8l2p4d',
  clientSecret: 'simsecret7h3j9f1d5s8a2g6k4l0q3w7e',
});

/**
 * frame scheme, Admin API only, scoped below the customer: to the first organization
 * ("Acme – Engineering"), or to one account ("Design Studio DACH"). The customer call is refused
 * (403) for both; the account-scoped pair is refused the organization list too.
 */
export const ORGANIZATION_SCOPED_CREDENTIALS: { clientId: string; clientSecret: string } = Object.freeze({
  clientId: '3b9d2c71-8e4f-4a06-b5d2-6c1e9f0a7b38.org.frame.simulator',
  clientSecret: 'org-scoped-secret-5d8f2a9c7e1b4d6f',
});
export const ACCOUNT_SCOPED_CREDENTIALS: { clientId: string; clientSecret: string } = Object.freeze({
  clientId: 'a4e8f1c2-7d3b-4e95-8a16-2f9c0b5d7e43.acct.frame.simulator',
  clientSecret: 'account-scoped-secret-9c2e7f4a1d8b',
});
