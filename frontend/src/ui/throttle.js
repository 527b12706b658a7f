// Lets a call through at most once per interval. Pure, clock injectable.

export function createThrottle(fn, intervalMs, now = () => Date.now()) {
  let last = -Infinity;
  return function throttled(...args) {
    const time = now();
    if (time - last < intervalMs) return false;
    last = time;
    fn(...args);
    return true;
  };
}
