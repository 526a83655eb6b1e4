/** The case domain (HTCDS 2.0 vocabulary, SOP lifecycle, pure rules). See docs/cases.md. */
export * from './vocabulary';
export * from './common';
export * from './person';
export * from './lifecycle';
export * from './case';
export * from './screening';
export * from './risk';
export * from './consent';
export * from './services';
export * from './returns';
export * from './reintegration';
export * from './aroundCase';
export * from './searchText';
export * from './duplicates';
export * from './timeline';
