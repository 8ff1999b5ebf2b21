/**
 * Concurrent identical reads share one round trip: while a read for `key` is in flight, asking again
 * for the same key gets the same promise. Nothing is kept once it settles, so no answer is ever
 * older than the read it came from. (A notification for 2,000 people asks each organisation's
 * readability at once: 190 identical reads of one announcement become one.)
 */
export function singleFlight<T>(read: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const inFlight = new Map<string, Promise<T>>();
  return (key) => {
    let pending = inFlight.get(key);
    if (!pending) {
      pending = read(key).finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return pending;
  };
}
