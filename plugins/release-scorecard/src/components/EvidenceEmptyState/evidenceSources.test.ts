import { EVIDENCE_SOURCES, ingestCurlCommand } from './evidenceSources';

describe('ingestCurlCommand', () => {
  const now = new Date('2026-11-22T12:00:00Z');

  it.each(Object.entries(EVIDENCE_SOURCES))(
    'sends a minimal %s body in one short curl',
    (_kind, source) => {
      const curl = ingestCurlCommand(
        'https://portal.test/api/release-scorecard',
        source,
        'component:default/search-indexer',
        now,
      );
      const lines = curl.split('\n');
      expect(lines).toHaveLength(4);
      expect(lines[0]).toBe(
        `curl -X POST 'https://portal.test/api/release-scorecard/${source.ingestPath}' \\`,
      );
      const body = JSON.parse(lines[3].replace(/^ {2}-d '|'$/g, ''));
      const [records] = Object.values(body) as Array<Array<{}>>;
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({
        entityRef: 'component:default/search-indexer',
      });
    },
  );

  it('quotes single quotes for the shell', () => {
    const curl = ingestCurlCommand(
      '/api/release-scorecard',
      {
        ...EVIDENCE_SOURCES.incidents,
        exampleBody: () => ({ incidents: [{ title: "it's down" }] }),
      },
      'component:default/x',
      now,
    );
    expect(curl).toContain(`-d '{"incidents":[{"title":"it'\\''s down"}]}'`);
  });
});
