import { defineConfig } from 'vitest/config'

export default defineConfig({
	test: {
		include: ['app/**/*.test.{ts,tsx}', 'tests/**/*.test.{ts,tsx}'],
		exclude: ['tests/e2e/**', 'node_modules/**'],
		globalSetup: ['tests/setup/global-setup.ts'],
		setupFiles: ['tests/setup/console.ts'],
		pool: 'forks',
		testTimeout: 30_000,
		hookTimeout: 120_000,
	},
})
