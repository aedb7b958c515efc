#!/bin/sh
echo "Prisma's native schema-engine is not available on this machine. Use 'npm run db:migrate' (Prisma 6 Wasm engine) and 'npm run db:migration:new'." >&2
exit 1
