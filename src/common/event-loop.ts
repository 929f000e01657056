/**
 * Bounded CPU work (a word diff per paragraph, …) takes turns: `await nextTurn()` before each chunk
 * runs it in a later turn of the event loop, one chunk per turn whoever asks, so I/O (other
 * requests, /health, the in-process worker) is served between any two chunks. Plain `setImmediate`
 * per chunk is not enough: the immediates of concurrent requests all run in the same check phase,
 * so three aliased diffs would hold the loop for three chunks at a time.
 */
let queue: Promise<void> = Promise.resolve();

export function nextTurn(): Promise<void> {
  const turn = queue.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
  queue = turn;
  return turn;
}
