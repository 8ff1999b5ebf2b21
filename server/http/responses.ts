/** The error responses most routes share, for their OpenAPI description. */
import { ErrorBody } from '@shared/schemas/common';

export const errorResponses = {
  400: { description: 'invalid input (the message names the field)', schema: ErrorBody },
  401: { description: 'not signed in', schema: ErrorBody },
  403: { description: 'not permitted (the message says why)', schema: ErrorBody },
  404: { description: 'not found', schema: ErrorBody },
};

export const conflictResponse = { 409: { description: 'not possible in the current state (the message says what is)', schema: ErrorBody } };
