import { describe, expect, it } from '@jest/globals';
import { nextTurn } from './event-loop.js';

describe('nextTurn', () => {
  it('runs one chunk per turn of the event loop, whoever asks, so the loop gets back in between', async () => {
    const log: string[] = [];
    let ticking = true;
    // Stands for I/O: it gets a look in once per turn of the loop.
    const tick = () => {
      log.push('loop');
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const worker = async (name: string) => {
      for (let i = 0; i < 3; i++) {
        await nextTurn();
        log.push(name);
      }
    };
    await Promise.all([worker('a'), worker('b'), worker('c')]);
    ticking = false;
    const chunks = log.filter((e) => e !== 'loop');
    expect(chunks).toHaveLength(9);
    // Never two chunks without the loop in between.
    expect(log.some((e, i) => e !== 'loop' && log[i + 1] !== undefined && log[i + 1] !== 'loop')).toBe(false);
  });
});
