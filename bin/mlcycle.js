#!/usr/bin/env node
// The `mlcycle` command (package.json "bin"): loads the bundled CLI built by scripts/build.mjs.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'dist', 'cli.js');
if (!existsSync(bundle)) {
  process.stderr.write('mlcycle: dist/cli.js is missing; run "npm run build" first.\n');
  process.exit(2);
}
require(bundle);
