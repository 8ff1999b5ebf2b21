/** Socket requests that wait for the server's acknowledgement and fail the way REST calls do. */
import type { ErrorCode } from '@shared/schemas/common';
import type { Ack, ClientToServerEvents, SocketAckBodies, SocketEventName } from '@shared/socketEvents';
import { ApiError } from '@client/api';
import type { CouncilSocket } from './socket';

export type SocketRequest<E extends SocketEventName> = Parameters<ClientToServerEvents[E]>[0];

/** Long enough for a slow server, short enough that a lost send shows "failed" with a retry. */
export const ACK_TIMEOUT_MS = 10_000;

const STATUS_OF_CODE = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  mfa_enrolment_required: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} satisfies Record<ErrorCode, number>;

const noAnswer = () => new ApiError({ status: 0, code: 'network', message: 'no acknowledgement from the server' });

type TimedEmit<E extends SocketEventName> = (
  event: E,
  payload: SocketRequest<E>,
  ack: (error: Error | null, response: Ack<SocketAckBodies[E]>) => void,
) => void;

/**
 * Emit `event` and resolve with the acknowledgement's body; a refusal becomes an ApiError with the
 * status REST would have used, and no answer in time (or no connection) an ApiError of code
 * `network`. Socket.IO would hold an emit made while disconnected and send it later; refusing at
 * once lets the caller show the failure and decide when to retry.
 */
export function emitWithAck<E extends SocketEventName>(
  socket: CouncilSocket,
  event: E,
  payload: SocketRequest<E>,
  timeoutMs: number = ACK_TIMEOUT_MS,
): Promise<SocketAckBodies[E]> {
  return new Promise((resolve, reject) => {
    if (!socket.connected) return reject(noAnswer());
    const timed = socket.timeout(timeoutMs);
    // Socket.IO's typings cannot follow one generic event name through emit(); the shape is the event map's.
    const emit = timed.emit as unknown as TimedEmit<E>;
    emit.call(timed, event, payload, (error, response) => {
      if (error) return reject(noAnswer());
      if (response.ok) return resolve(response);
      const { code, message, field, requestId } = response.error;
      reject(new ApiError({ status: STATUS_OF_CODE[code], code, message, field, requestId }));
    });
  });
}
