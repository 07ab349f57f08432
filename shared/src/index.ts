export * from './roles.js';
export * from './permissions.js';
export * from './resource-access.js';
export * from './api-contract.js';
