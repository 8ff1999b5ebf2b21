import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, seedsDemoAccounts } from '../server/config';

describe('configuration from the environment', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: './data', NODE_ENV: 'development' });
    expect(seedsDemoAccounts(config)).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ MONGODB_URI: 'postgres://db' }, 'MONGODB_URI'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET'],
    [{ PUBLIC_ORIGIN: 'not a url' }, 'PUBLIC_ORIGIN'],
    [{ WEBAUTHN_RP_ID: 'https://council.example.jp' }, 'WEBAUTHN_RP_ID'],
    // A passkey made for one domain never works on another: every origin must be on the RP ID.
    [{ WEBAUTHN_RP_ID: 'council.example.jp', PUBLIC_ORIGIN: 'https://council.example.jp,https://council.example.com' }, 'WEBAUTHN_RP_ID'],
    [{ NODE_ENV: 'production' }, 'SESSION_SECRET'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ TRUST_PROXY: 'yes please' }, 'TRUST_PROXY'],
  ])('stops the boot on %o, naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration:\\n  ${variable}`));
  });

  it('reads TRUST_PROXY as express does: yes or no, a hop count, or names and addresses', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toBe('loopback, 10.0.0.0/8');
    expect(loadConfig({}).REDIS_URL).toBeUndefined();
    expect(loadConfig({ REDIS_URL: 'rediss://user:secret@redis.example.jp:6380' }).REDIS_URL).toBe(
      'rediss://user:secret@redis.example.jp:6380',
    );
  });

  it('takes a passkey RP ID that every public origin is on', () => {
    expect(
      loadConfig({ WEBAUTHN_RP_ID: 'example.jp', PUBLIC_ORIGIN: 'https://council.example.jp,https://example.jp' }).WEBAUTHN_RP_ID,
    ).toBe('example.jp');
  });

  it('never seeds demo accounts in production', () => {
    expect(seedsDemoAccounts(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'z'.repeat(40) }))).toBe(false);
  });
});
