import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrict = (patterns, message) => [
  'error',
  { patterns: patterns.map((group) => ({ group, message })) },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'data/**',
      '.tmp/**',
      'coverage/**',
      'bin/**',
      'scripts/**',
      'postcss.config.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  // The dependency rule (docs/ARCHITECTURE.md): core is pure; web never reaches db or server.
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [
          [
            '**/db/**',
            '**/server/**',
            '**/web/**',
            '**/cli/**',
            'kysely',
            'better-sqlite3',
            'pg',
            'fastify',
            '@fastify/*',
            'react',
            'node:fs',
            'node:child_process',
            'node:net',
            'node:http',
          ],
        ],
        'core is pure domain logic: no I/O, no database, no HTTP, no UI.',
      ),
    },
  },
  {
    files: ['src/web/**/*.ts', 'src/web/**/*.tsx'],
    rules: {
      'no-restricted-imports': restrict(
        [['**/db/**', '**/server/**', '**/cli/**', 'kysely', 'fastify']],
        'web talks to the server over HTTP only.',
      ),
    },
  },
  {
    files: ['src/db/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [['**/server/**', '**/web/**', '**/cli/**', 'fastify']],
        'db does not depend on HTTP or UI.',
      ),
    },
  },
  {
    files: ['**/*.test.ts', '**/*.spec.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
);
