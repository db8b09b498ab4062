// A fuzz worker thread: runs the chunks it is sent, writing a heartbeat into the shared buffer
// before each analysis so that the driver's watchdog can tell a hang from a long input.
import { parentPort, workerData } from 'node:worker_threads';
import { runChunk } from './chunk';
import { beatLength, beatSlots, type Chunk, type FromWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('worker.js runs as a worker thread of the fuzz driver');
const beat = new Float64Array(workerData.beat as SharedArrayBuffer, 0, beatLength);
const send = (message: FromWorker) => port.postMessage(message);

port.on('message', (chunk: Chunk) => {
  beat[beatSlots.chunk] = chunk.id;
  const { figures, found } = runChunk(chunk, {
    beat: (size, index, shrinking) => {
      beat[beatSlots.size] = size;
      beat[beatSlots.index] = index;
      beat[beatSlots.shrinking] = shrinking ? 1 : 0;
      beat[beatSlots.startedAt] = Date.now();
    },
    candidate: (input) => send({ type: 'candidate', chunk: chunk.id, input }),
    failing: (first) => send({ type: 'failing', chunk: chunk.id, found: first }),
  });
  beat[beatSlots.startedAt] = 0;
  if (found) send({ type: 'failure', chunk: chunk.id, found });
  send({ type: 'done', chunk: chunk.id, figures, failedAt: found?.index });
});
send({ type: 'ready' });
