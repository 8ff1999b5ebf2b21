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
    [{ NODE_ENV: 'production' }, 'SESSION_SECRET'],
  ])('stops the boot on %o, naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration:\\n  ${variable}`));
  });

  it('never seeds demo accounts in production', () => {
    expect(seedsDemoAccounts(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'z'.repeat(40) }))).toBe(false);
  });
});
