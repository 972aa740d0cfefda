// `npx eslint <files>` from this folder lints resolver files with the
// plugin's base rules (what APPSYNC_JS cannot run). lint.mjs, which the
// tests use, applies the recommended rules too (type-aware).
import appsync from '@aws-appsync/eslint-plugin';

export default [
  {
    ...appsync.configs.base,
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { ...appsync.configs.base.languageOptions, sourceType: 'module' },
  },
];
