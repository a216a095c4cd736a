import os from 'node:os'
import path from 'node:path'
import { defineConfig, devices } from '@playwright/test'

const port = Number(process.env.E2E_PORT ?? 3217)
export const baseURL = `http://localhost:${port}`
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
// A fresh embedded database for every run: demo data is loaded into it at start-up.
const dataDir = path.join(os.tmpdir(), `counter-ready-e2e-${process.pid}-${Date.now()}`)

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	forbidOnly: true,
	timeout: 90_000,
	// Expectations wait on what the user sees. Playwright's default of 5 s is shorter than some
	// actions take on a busy machine (issuing a certificate with a CPU-bound neighbour took
	// longer and failed the trainer test once): wait as long as a patient user would.
	expect: { timeout: 20_000 },
	reporter: [['list']],
	use: {
		baseURL,
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: chromium,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
			],
		},
	},
	projects: [
		{ name: 'desktop', use: { ...devices['Desktop Chrome'] }, testIgnore: /mobile\.spec\.ts/ },
		{ name: 'phone', use: { ...devices['Pixel 7'] }, testMatch: /mobile\.spec\.ts/ },
	],
	webServer: {
		command: 'node server.js',
		url: `${baseURL}/login`,
		timeout: 120_000,
		reuseExistingServer: false,
		stdout: 'ignore',
		stderr: 'pipe',
		env: {
			PORT: String(port),
			DATA_DIR: dataDir,
			// Set DATABASE_URL to run the browser tests on an empty scratch PostgreSQL database.
			DATABASE_URL: process.env.DATABASE_URL ?? '',
			E2E_TEST_HOOKS: '1',
			APP_ORIGIN: baseURL,
			NODE_ENV: 'production',
		},
	},
})
