// npm test: the whole suite. Content check, unit and integration tests (Vitest), a production
// build, then browser tests (Playwright on Debian's Chromium, installed here if missing).
import { execSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

function ensureChromium() {
	if (existsSync(chromium)) return
	const canInstall =
		process.getuid?.() === 0 &&
		spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0
	if (!canInstall) {
		console.error(
			`Chromium not found at ${chromium}: install it with "sudo apt-get install -y chromium" or set CHROMIUM_PATH.`,
		)
		process.exit(1)
	}
	console.log('Chromium not found: installing Debian chromium with apt-get (about a minute).')
	const install = spawnSync(
		'sh',
		[
			'-c',
			'apt-get install -y -qq chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)',
		],
		{
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		},
	)
	if (install.status !== 0 || !existsSync(chromium)) {
		console.error('Installing chromium failed: run "apt-get install -y chromium" and try again.')
		process.exit(1)
	}
}

function run(title, command) {
	console.log(`\n▶ ${title}: ${command}`)
	try {
		execSync(command, { stdio: 'inherit' })
	} catch {
		console.error(`✖ ${title} failed`)
		process.exit(1)
	}
}

ensureChromium()
run('content', 'npm run --silent content:check')
run('unit and integration', 'npx vitest run')
run('build', 'npx remix build')
run('browser', 'npx playwright test')
