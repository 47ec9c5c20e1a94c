// The serving API's errors: one class carrying the HTTP status, MLflow's error code and the
// structured row errors of checkRows, and the two bodies it is sent as: MLflow's
// {"error_code", "message"} on the scoring protocol's paths, KServe V2's {"error"} on /v2. No
// stack trace or internal detail ever reaches a body: an unexpected failure is a bare 500.
import type { RowError } from '../signature';

export type MlflowErrorCode = 'BAD_REQUEST' | 'MALFORMED_REQUEST' | 'REQUEST_LIMIT_EXCEEDED' | 'INTERNAL_ERROR';

export class ServingError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: MlflowErrorCode,
    message: string,
    readonly errors?: RowError[],
  ) {
    super(message);
    this.name = 'ServingError';
  }
}

export const badRequest = (message: string, errors?: RowError[]) =>
  new ServingError(400, 'BAD_REQUEST', message, errors);
export const malformed = (message: string) => new ServingError(400, 'MALFORMED_REQUEST', message);
export const unsupportedMedia = (message: string) => new ServingError(415, 'BAD_REQUEST', message);
export const tooLarge = (limit: number) =>
  new ServingError(
    413,
    'REQUEST_LIMIT_EXCEEDED',
    `The request body is larger than the server accepts (${limit} bytes).`,
  );
export const notFound = (message: string) => new ServingError(404, 'BAD_REQUEST', message);

/** Any thrown value as a ServingError; an unexpected one becomes a 500 without details. */
export function asServingError(error: unknown): ServingError {
  if (error instanceof ServingError) return error;
  return new ServingError(500, 'INTERNAL_ERROR', 'Internal error while serving the request.');
}

export function mlflowErrorBody(e: ServingError): Record<string, unknown> {
  return { error_code: e.errorCode, message: e.message, ...(e.errors ? { errors: e.errors } : {}) };
}

export function v2ErrorBody(e: ServingError): Record<string, unknown> {
  return { error: e.message, ...(e.errors ? { errors: e.errors } : {}) };
}
