import { InputError } from '@backstage/errors';
import { normalizeEntityRef } from '@internal/plugin-release-scorecard-common';
import { EntityLookup, GateReport, WebhookRequest } from './types';
import { GATE_NAME_PATTERN } from './gateNames';
import { isHttpUrl, nonEmpty } from './payload';

/** What a report upload says about itself in its query parameters. */
export interface ReportUploadQuery {
  lookup: EntityLookup;
  gate: string;
  /** The parts of every gate report that come from the query. */
  report: Pick<GateReport, 'revision' | 'runId' | 'version' | 'branch' | 'url'>;
}

/**
 * Reads `?entityRef=&revision=&runId=&version=&branch=&url=&gate=` of a report
 * upload. `entityRef` and `revision` are required; `entityRef` may leave out
 * the kind (`component`) and namespace (`default`).
 */
export function parseReportUploadQuery(
  request: Pick<WebhookRequest, 'query'>,
  defaultGate: string,
): ReportUploadQuery {
  const query = request.query;

  const entityRefText = nonEmpty(query.entityRef);
  if (!entityRefText) {
    throw new InputError(
      'The query parameter entityRef is required, e.g. ?entityRef=component:default/payments-api',
    );
  }
  const entityRef = normalizeEntityRef(entityRefText, { kind: 'component' });
  if (!entityRef) {
    throw new InputError(
      `The query parameter entityRef is not an entity ref: "${entityRefText}"`,
    );
  }

  const revision = nonEmpty(query.revision);
  if (!revision) {
    throw new InputError(
      'The query parameter revision is required: the commit the report is about',
    );
  }

  const gate = nonEmpty(query.gate) ?? defaultGate;
  if (!GATE_NAME_PATTERN.test(gate)) {
    throw new InputError(
      `The query parameter gate must be a kebab-case gate name such as unit-tests, got "${gate}"`,
    );
  }

  const url = nonEmpty(query.url);
  if (url !== undefined && !isHttpUrl(url)) {
    throw new InputError(
      `The query parameter url must be an http(s) URL, got "${url}"`,
    );
  }

  return {
    lookup: { type: 'entityRef', entityRef },
    gate,
    report: {
      revision,
      runId: nonEmpty(query.runId),
      version: nonEmpty(query.version),
      branch: nonEmpty(query.branch),
      url,
    },
  };
}
