// node lint.mjs FILE... lints APPSYNC_JS resolver files with
// @aws-appsync/eslint-plugin's base config (flat config, no config file
// looked up) and exits 1 when any file has a problem, printing them.
import path from 'node:path';
import { ESLint } from 'eslint';
import config from './eslint.config.mjs';

const files = process.argv.slice(2).map((f) => path.resolve(f));
if (files.length === 0) {
  console.error('usage: node lint.mjs FILE...');
  process.exit(2);
}
// cwd "/" puts every absolute file inside ESLint's base path; files outside
// it would be skipped with a warning instead of linted.
const eslint = new ESLint({ cwd: '/', overrideConfigFile: true, overrideConfig: config });
const results = await eslint.lintFiles(files);
const problems = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
const linted = results.filter((r) => !r.messages.some((m) => /ignored/i.test(m.message))).length;
if (linted !== files.length) {
  console.error(`lint: ${files.length - linted} of ${files.length} files were not linted`);
  process.exit(1);
}
if (problems > 0) {
  const formatter = await eslint.loadFormatter('stylish');
  console.error(await formatter.format(results));
  process.exit(1);
}
console.log(`lint: ${files.length} files, no problems`);
