/** Reports and statistics with disclosure control (docs/reports.md): pure functions over case facts. */
export * from './facts';
export * from './dimensions';
export * from './disclosure';
export * from './tables';
export * from './demographics';
export * from './ctdc';
export * from './kpis';
export * from './labels';
