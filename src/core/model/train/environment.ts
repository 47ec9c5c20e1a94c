// Where a run was computed: recorded with every run so a result can be reproduced (or a
// difference explained) on another machine.
import { arch, availableParallelism, platform } from 'node:os';
import { version } from '../../../../package.json';
import type { RunData } from '../runTypes';

export function runEnvironment(): RunData['environment'] {
  return { mlcycle: version, node: process.version, platform: platform(), arch: arch(), cpus: availableParallelism() };
}
