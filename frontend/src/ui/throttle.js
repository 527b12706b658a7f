// Lets a call through at most once per interval. Pure, clock injectable; the interval may be a function
// (read at every call, so a value from the welcome applies at once).

export function createThrottle(fn, interval, now = () => Date.now()) {
  const intervalMs = typeof interval === 'function' ? interval : () => interval;
  let last = -Infinity;
  return function throttled(...args) {
    const time = now();
    if (time - last < intervalMs()) return false;
    last = time;
    fn(...args);
    return true;
  };
}
