export * from './define.js';
export * from './fmapi/index.js';
export * from './generic/index.js';
export * from './memdev/index.js';
export * from './table.js';
export * from './vendor/index.js';
