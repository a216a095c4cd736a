// manual:import killed with SIGKILL at every step of its swap, as a real child process: the
// manual left behind is the old one or the new one, byte for byte, never a mix; start-up loads
// it without errors; the next import cleans up what the killed one left.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { loadContent } from '#app/modules/content/load.server.ts'
import { applyImport, planImport } from '#app/modules/content/manual-import.server.ts'
import { copyFixtureContent } from '#tests/utils/content.ts'

const importFile = path.resolve('tests/fixtures/catalog.jsonl')

/** Every file under services/, by path, with its text. */
async function snapshot(root: string): Promise<Record<string, string>> {
	const files: Record<string, string> = {}
	async function walk(dir: string) {
		for (const entry of await readdir(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name)
			if (entry.isDirectory()) await walk(full)
			else files[path.relative(root, full)] = await readFile(full, 'utf8')
		}
	}
	await walk(path.join(root, 'services'))
	return files
}

async function importInProcess(root: string) {
	const plan = await planImport(importFile, root)
	if (!plan.ok) throw new Error(plan.errors.map((e) => e.message).join('\n'))
	return applyImport(plan.plan)
}

const manuals = (async () => {
	const before = await copyFixtureContent()
	const after = await copyFixtureContent()
	await importInProcess(after)
	return { old: await snapshot(before), new: await snapshot(after) }
})()

/** Run manual:import as its own process; kill it with SIGKILL when `killWhen` says so. */
function runAndKill(
	root: string,
	options: { pauseAt?: string; killAfterPlanMs?: number },
): Promise<{ killed: boolean; output: string }> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/manual-import.ts', importFile], {
		env: {
			...process.env,
			CONTENT_DIR: root,
			...(options.pauseAt ? { MANUAL_IMPORT_PAUSE_AT: options.pauseAt } : {}),
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	let output = ''
	return new Promise((resolve) => {
		const onOutput = (chunk: Buffer) => {
			output += chunk.toString()
			if (options.pauseAt && output.includes(`paused at ${options.pauseAt}`)) child.kill('SIGKILL')
			if (options.killAfterPlanMs !== undefined && output.includes('new      ')) {
				setTimeout(() => child.kill('SIGKILL'), options.killAfterPlanMs)
				options.killAfterPlanMs = undefined
			}
		}
		child.stdout.on('data', onOutput)
		child.stderr.on('data', onOutput)
		child.on('exit', (_code, signal) => resolve({ killed: signal === 'SIGKILL', output }))
	})
}

async function expectOldOrNew(root: string, expected?: 'old' | 'new') {
	const { old, new: fresh } = await manuals
	// What start-up does first: loadContent finishes an interrupted swap, then reads.
	const content = await loadContent(root)
	expect(content.errors).toEqual([])
	const now = await snapshot(root)
	const which = JSON.stringify(now) === JSON.stringify(old) ? 'old' : JSON.stringify(now) === JSON.stringify(fresh) ? 'new' : 'mix'
	expect(which).not.toBe('mix')
	if (expected) expect(which).toBe(expected)
	return content
}

async function expectCleanAfterNextImport(root: string) {
	const { removed } = await importInProcess(root)
	const left = (await readdir(root)).filter((name) => name.startsWith('.import'))
	expect(left).toEqual([])
	expect(await snapshot(root)).toEqual((await manuals).new)
	return removed
}

describe('manual:import killed mid-way', () => {
	test.each([
		['copied', 'old'],
		['written', 'old'],
		['ready', 'old'],
		['swapped-out', 'new'],
		['swapped-in', 'new'],
	] as const)('at "%s": the %s manual, loadable, and cleaned by the next run', async (step, expected) => {
		const root = await copyFixtureContent()
		const run = await runAndKill(root, { pauseAt: step })
		expect(run.killed, run.output).toBe(true)
		if (step === 'swapped-out') expect(existsSync(path.join(root, 'services'))).toBe(false)
		await expectOldOrNew(root, expected)
		const removed = await expectCleanAfterNextImport(root)
		expect(removed.length).toBeGreaterThan(0)
	})

	test('at a moment of the clock’s choosing, three times', async () => {
		for (const delay of [0, 3, 15]) {
			const root = await copyFixtureContent()
			await runAndKill(root, { killAfterPlanMs: delay })
			await expectOldOrNew(root)
			await expectCleanAfterNextImport(root)
		}
	})

	test('folders left by the old importer (only a temporary file in them) are cleaned', async () => {
		const root = await copyFixtureContent()
		const stray = path.join(root, 'services', 'XY-SY-999')
		await import('node:fs/promises').then(async (fs) => {
			await fs.mkdir(stray)
			await fs.writeFile(path.join(stray, 'lesson.mdx.import-4242.tmp'), 'half a lesson')
		})
		expect((await loadContent(root)).errors.length).toBeGreaterThan(0)
		const removed = await expectCleanAfterNextImport(root)
		expect(removed).toContain('services/XY-SY-999/')
	})
})
