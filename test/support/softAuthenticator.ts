/**
 * A passkey authenticator in software, for server tests without a browser: it makes an ES256 key
 * pair, answers registration with `none` attestation and sign-in with a real signature, exactly
 * as WebAuthn lays the bytes out (authenticator data, client data JSON). Only the tests use it;
 * the browser tests use Chromium's own virtual authenticator instead.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();
const b64url = (data: Uint8Array) => isoBase64URL.fromBuffer(new Uint8Array(data));

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

interface Options {
  challenge: string;
  rp?: { id?: string };
  rpId?: string;
  user?: { id: string };
}

export interface SoftPasskey {
  id: string;
  privateKey: KeyObject;
  rpId: string;
  userHandle: string;
  counter: number;
}

function authData(rpId: string, flags: number, counter: number, attested?: Buffer): Buffer {
  const count = Buffer.alloc(4);
  count.writeUInt32BE(counter);
  return Buffer.concat([sha256(rpId), Buffer.from([flags]), count, ...(attested ? [attested] : [])]);
}

/** Answer `navigator.credentials.create` for the server's options, as the page at `origin`. */
export function register(options: Options, origin: string, { userVerified = true } = {}) {
  const rpId = options.rp?.id ?? new URL(origin).hostname;
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const cose = isoCBOR.encode(
    new Map<number, number | Uint8Array>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, isoBase64URL.toBuffer(jwk.x!)],
      [-3, isoBase64URL.toBuffer(jwk.y!)],
    ]),
  );
  const id = randomBytes(16);
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(id.length);
  const attested = Buffer.concat([Buffer.alloc(16), idLength, id, cose]);
  const data = authData(rpId, FLAG_UP | (userVerified ? FLAG_UV : 0) | FLAG_AT, 0, attested);
  const attestationObject = isoCBOR.encode(
    new Map<string, unknown>([
      ['fmt', 'none'],
      ['attStmt', new Map()],
      ['authData', data],
    ]) as never,
  );
  const clientData = JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin, crossOrigin: false });
  const passkey: SoftPasskey = { id: b64url(id), privateKey, rpId, userHandle: options.user?.id ?? '', counter: 0 };
  const response = {
    id: passkey.id,
    rawId: passkey.id,
    type: 'public-key',
    clientExtensionResults: {},
    response: { clientDataJSON: b64url(Buffer.from(clientData)), attestationObject: b64url(attestationObject), transports: ['internal'] },
  };
  return { passkey, response };
}

/** Answer `navigator.credentials.get` with `passkey`; `counter` overrides the next sign count (a cloned key). */
export function authenticate(
  passkey: SoftPasskey,
  options: Options,
  origin: string,
  { counter, userVerified = true }: { counter?: number; userVerified?: boolean } = {},
) {
  passkey.counter = counter ?? passkey.counter + 1;
  const data = authData(options.rpId ?? passkey.rpId, FLAG_UP | (userVerified ? FLAG_UV : 0), passkey.counter);
  const clientData = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin, crossOrigin: false }));
  const signature = sign('sha256', Buffer.concat([data, sha256(clientData)]), passkey.privateKey);
  return {
    id: passkey.id,
    rawId: passkey.id,
    type: 'public-key',
    clientExtensionResults: {},
    response: {
      clientDataJSON: b64url(clientData),
      authenticatorData: b64url(data),
      signature: b64url(signature),
      userHandle: passkey.userHandle || undefined,
    },
  };
}
