/** A value that follows another after a pause, so typing does not fire a request per key. */
import { useEffect, useState } from 'react';

/** Returns `value` once it has stayed the same for `ms` milliseconds. */
export function useDebounced<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
