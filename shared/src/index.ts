export * from './roles.js';
export * from './permissions.js';
export * from './resource-access.js';
export * from './api-contract.js';
export * from './requests.js';
export * from './request-lifecycle.js';
export * from './calendar.js';
export * from './legal-clock.js';
