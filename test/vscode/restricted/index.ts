// Entry point of the Restricted Mode suite (extensionTestsPath): the same runner as the main suite.
import { runSuiteIn } from '../suite/index';

export function run(): Promise<void> {
  return runSuiteIn(__dirname);
}
