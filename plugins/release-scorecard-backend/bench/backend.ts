/*
 * The backend the benchmark measures: the real catalog and the Release
 * Scorecard plugin on the database and catalog the benchmark prepared (see
 * run.ts, which passes the configuration with --config).
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('../src'));
backend.start();
