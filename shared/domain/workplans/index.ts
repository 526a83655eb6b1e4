export * from './vocabulary';
export * from './currencies';
export * from './periods';
export * from './model';
export * from './progress';
export * from './achievement';
export * from './rules';
export * from './dhis2';
