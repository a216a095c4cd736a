// ESLint: TypeScript's recommended rules, React hooks, and the house rules of STYLE.md.
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

// The drawing of the house (STYLE.md "Lower rooms never reach up"): shipped code never imports
// tests; the manual (modules/content) knows neither quizzes nor certification, start-up
// (modules/catalog) composes them.
// (Patterns are regular expressions: in gitignore-style groups a leading # starts a comment.)
const noTests = {
	regex: '^(#tests/|(\\.\\./)+tests/)',
	message:
		'Shipped code never imports tests/: put a shared builder in app/ and import it from both.',
}
const manualStaysLow = {
	regex: '^(#app/modules/|\\.\\./)(quizzes|certification|catalog)/',
	message:
		'The manual does not know quizzes or certification; compose them in app/modules/catalog.',
}
const appTestFiles = ['app/**/*.test.ts', 'app/**/*.test.tsx']

export default tseslint.config(
	{
		ignores: [
			'build/**',
			'public/build/**',
			'.cache/**',
			'data/**',
			'node_modules/**',
			'test-results/**',
			'playwright-report/**',
			'bench/.data/**',
		],
	},
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['app/**/*.{ts,tsx}'],
		plugins: { 'react-hooks': reactHooks },
		rules: reactHooks.configs.recommended.rules,
	},
	{
		files: ['**/*.{ts,tsx}'],
		rules: {
			'@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
			],
			'@typescript-eslint/array-type': ['error', { default: 'generic' }],
			'@typescript-eslint/consistent-type-definitions': ['error', 'type'],
		},
	},
	{
		files: ['app/**/*.{ts,tsx}'],
		ignores: ['app/routes/**', 'app/modules/content/**', ...appTestFiles],
		rules: { 'no-restricted-imports': ['error', { patterns: [noTests] }] },
	},
	{
		files: ['app/modules/content/**/*.{ts,tsx}'],
		ignores: appTestFiles,
		rules: { 'no-restricted-imports': ['error', { patterns: [noTests, manualStaysLow] }] },
	},
	{
		// Routes go through modules for data: no database or schema import under app/routes.
		files: ['app/routes/**/*.{ts,tsx}'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						noTests,
						{
							group: ['#app/utils/db.server*', '**/db.server*'],
							message: 'Query through app/modules/<area>; routes do not touch the database.',
						},
						{
							group: ['#drizzle/*', 'drizzle-orm', 'drizzle-orm/*'],
							message: 'Query through app/modules/<area>; routes do not touch the database.',
						},
					],
				},
			],
		},
	},
	{
		// Module augmentation needs interfaces (declaration merging).
		files: ['**/*.d.ts', 'app/modules/auth/session.server.ts'],
		rules: {
			'@typescript-eslint/consistent-type-definitions': 'off',
			'@typescript-eslint/triple-slash-reference': 'off',
		},
	},
	{
		files: ['**/*.js'],
		languageOptions: {
			globals: {
				process: 'readonly',
				console: 'readonly',
				Buffer: 'readonly',
				URL: 'readonly',
				Headers: 'readonly',
				Request: 'readonly',
				AbortController: 'readonly',
			},
		},
	},
)
