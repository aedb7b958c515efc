import { config } from "zod";

// Runs in the browser before the app's own modules (Next's client instrumentation hook). zod
// probes for eval with `new Function("")` the first time it builds an object schema; under the
// CSP (no 'unsafe-eval') that probe is refused and reported as a violation on every page that
// validates a form. Without JIT zod validates the same way, only without compiled fast paths.
// The named import, not `z`: this file is on every page, and `config` alone is a few hundred
// bytes once the bundler drops the rest of zod (the namespace kept all of it, ~30 KB gzip, on
// pages that validate nothing, such as a signed-out reader's, issue #12).
config({ jitless: true });
