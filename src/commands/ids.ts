// Moved to src/contract (the ground floor); this re-export goes once src/views/admin imports it from there.
export * from '../contract/commands';
