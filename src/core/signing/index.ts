export * from './signer';
export * from './clientId';
