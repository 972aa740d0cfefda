// `npx eslint <files>` from this folder lints resolver files as lint.mjs
// does: the plugin's base rules (what APPSYNC_JS cannot run), ES modules.
import appsync from '@aws-appsync/eslint-plugin';

export default [
  {
    ...appsync.configs.base,
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { ...appsync.configs.base.languageOptions, sourceType: 'module' },
  },
];
