// Starts a TypeScript worker entry where no bundler has compiled it (tests, tsx scripts): tsx
// compiles it on the fly. In the Next.js build the entry is bundled and this file is not used.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
