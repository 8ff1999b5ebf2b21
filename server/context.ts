/** What route and socket modules need from the running app, passed explicitly (no globals). */
import type { Config } from './config';
import type { LoginThrottle } from './auth/throttle';
import type { Realtime } from './realtime/io';

export interface AppContext {
  config: Config;
  throttle: LoginThrottle;
  realtime: Realtime;
}
