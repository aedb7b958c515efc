import { z } from "zod";

// Runs in the browser before the app's own modules (Next's client instrumentation hook). zod
// probes for eval with `new Function("")` the first time it builds an object schema; under the
// CSP (no 'unsafe-eval') that probe is refused and reported as a violation on every page that
// validates a form. Without JIT zod validates the same way, only without compiled fast paths.
z.config({ jitless: true });
