import { ReleaseScorecardApi } from '../api';

/** A ReleaseScorecardApi whose every method is a jest mock; pass what a test needs. */
export function mockReleaseScorecardApi(
  overrides: Partial<ReleaseScorecardApi> = {},
): jest.Mocked<ReleaseScorecardApi> {
  const unexpected = (name: string) =>
    jest.fn(() => Promise.reject(new Error(`${name} was not expected`)));
  return {
    getScorecard: unexpected('getScorecard'),
    getDora: unexpected('getDora'),
    getDoraDetails: unexpected('getDoraDetails'),
    getDoraTrend: unexpected('getDoraTrend'),
    getHistory: jest.fn(async () => ({ items: [] })),
    listDeployments: jest.fn(async () => ({ items: [] })),
    listPipelineRuns: jest.fn(async () => ({ items: [] })),
    listIncidents: jest.fn(async () => ({ items: [] })),
    getCompliance: unexpected('getCompliance'),
    getComplianceChanges: jest.fn(async () => ({ items: [] })),
    downloadComplianceCsv: unexpected('downloadComplianceCsv'),
    getRules: unexpected('getRules'),
    getFacts: unexpected('getFacts'),
    getOwnerDora: unexpected('getOwnerDora'),
    ...(overrides as object),
  } as unknown as jest.Mocked<ReleaseScorecardApi>;
}
