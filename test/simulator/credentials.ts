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
