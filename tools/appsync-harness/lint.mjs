// node lint.mjs FILE... lints APPSYNC_JS resolver files (all in one folder)
// with @aws-appsync/eslint-plugin and exits 1 when any file has a problem,
// printing them. It applies plugin:@aws-appsync/recommended: every rule of
// plugin:@aws-appsync/base (try, while, for(;;), ++, classes, regex, `in`…)
// plus the type-aware ones (recursion, disallowed methods, passing or
// returning functions), with TypeScript's project service standing in for
// a tsconfig. No config file is looked up.
import path from 'node:path';
import { ESLint } from 'eslint';
import appsync from '@aws-appsync/eslint-plugin';

const files = process.argv.slice(2).map((f) => path.resolve(f));
if (files.length === 0) {
  console.error('usage: node lint.mjs FILE...');
  process.exit(2);
}
const dir = path.dirname(files[0]);
if (files.some((f) => path.dirname(f) !== dir)) {
  console.error('lint: the files must be in one folder');
  process.exit(2);
}
const config = [{
  ...appsync.configs.recommended,
  files: ['**/*.js', '**/*.mjs'],
  languageOptions: {
    ...appsync.configs.recommended.languageOptions,
    sourceType: 'module',
    parserOptions: {
      tsconfigRootDir: dir,
      projectService: {
        allowDefaultProject: ['*.js', '*.mjs'],
        maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: files.length + 1,
      },
    },
  },
}];
// cwd is the files' folder: ESLint skips files outside its base path.
const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config });
const results = await eslint.lintFiles(files);
const problems = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
if (results.length !== files.length || results.some((r) => r.messages.some((m) => /ignored/i.test(m.message)))) {
  console.error('lint: some files were not linted');
  process.exit(1);
}
if (problems > 0) {
  const formatter = await eslint.loadFormatter('stylish');
  console.error(await formatter.format(results));
  process.exit(1);
}
console.log(`lint: ${files.length} files, no problems (plugin:@aws-appsync/recommended)`);
