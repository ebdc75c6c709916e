// Preloaded (NODE_OPTIONS=--require) into every node process a test starts: each says on stderr
// which process it is and the heap limit V8 really has — the flags given are not proof of it.
process.stderr.write(`heap-limit pid=${process.pid} bytes=${require('node:v8').getHeapStatistics().heap_size_limit}\n`);
