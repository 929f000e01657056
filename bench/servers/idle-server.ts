import { failed, serve } from '../lib/child.js';
import { loopDelayHandlers } from '../lib/loop-delay.js';

/**
 * A process that does nothing but measure its own event-loop delay: on a machine shared with other
 * work, the delay the operating system's scheduling alone causes, beside the API's.
 */
try {
  serve({}, loopDelayHandlers(), () => Promise.resolve());
} catch (error) {
  failed(error);
}
