// Runs in the browser before the app's own modules (Next's client instrumentation hook). zod
// probes for eval with `new Function("")` the first time it builds an object schema; under the
// CSP (no 'unsafe-eval') that probe is refused and reported as a violation on every page that
// validates a form. Without JIT zod validates the same way, only without compiled fast paths.
//
// zod keeps its settings on globalThis.__zod_globalConfig (zod/v4/core/core.js: `config()` writes
// there, and it starts from the object it finds), so this sets jitless there without importing
// zod: this file is on every page, and even `config` alone brought zod's core, about 5 KB gzip,
// to pages that validate nothing, such as a reader's (issue #12). lib/api/zod-settings.test.ts
// checks that zod reads the setting from here.
const zodSettings = ((globalThis as { __zod_globalConfig?: { jitless?: boolean } }).__zod_globalConfig ??= {});
zodSettings.jitless = true;

export {};
