// manual:import changes the manual all at once: the whole services/ folder is copied to a
// staging folder beside it, changed there, and swapped in with renames. A killed import leaves
// the old manual or the new one, never a mix (docs/decisions/009):
//
//   .import-<id>.staging   being built          → the old manual stands; leftover, removed later
//   .import-<id>.ready     complete             → the old manual stands; leftover, removed later
//   services → .import-<id>.old, then .ready → services
//                          killed between them  → start-up finishes the swap: the new manual
//   .import-<id>.old       the replaced manual  → removed at the end, or by the next import
import { existsSync } from 'node:fs'
import { cp, mkdir, open, readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises'
import path from 'node:path'

const prefix = '.import-'
const lockName = '.import.lock'

function servicesDir(root: string) {
	return path.join(root, 'services')
}

async function leftovers(root: string, state: 'staging' | 'ready' | 'old'): Promise<Array<string>> {
	if (!existsSync(root)) return []
	return (await readdir(root))
		.filter((name) => name.startsWith(prefix) && name.endsWith(`.${state}`))
		.sort()
		.map((name) => path.join(root, name))
}

/**
 * Start-up's part (boot and content:check call it): if an import was killed between its two
 * renames, services/ is missing and the new manual is complete beside it; one rename finishes
 * the swap. It never deletes anything, so it is safe while an import runs elsewhere.
 */
export async function finishInterruptedImport(root: string): Promise<'none' | 'finished'> {
	if (existsSync(servicesDir(root))) return 'none'
	const [ready] = (await leftovers(root, 'ready')).reverse()
	const [old] = (await leftovers(root, 'old')).reverse()
	const source = ready ?? old
	if (!source) return 'none'
	try {
		await rename(source, servicesDir(root))
	} catch (error) {
		// Another process starting at the same moment finished it first.
		if (!existsSync(servicesDir(root))) throw error
	}
	return 'finished'
}

/** One import at a time per content folder; a lock left by a killed import is taken over. */
async function takeLock(root: string): Promise<() => Promise<void>> {
	const file = path.join(root, lockName)
	for (;;) {
		try {
			const handle = await open(file, 'wx')
			await handle.writeFile(String(process.pid))
			await handle.close()
			return () => unlink(file).catch(() => {})
		} catch (error) {
			if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error
			const holder = Number(await readFile(file, 'utf8').catch(() => ''))
			if (holder && holder !== process.pid && isRunning(holder))
				throw new Error(`another manual:import (process ${holder}) is changing ${root}`)
			await unlink(file).catch(() => {})
		}
	}
}

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0)
		return true
	} catch (error) {
		return error instanceof Error && 'code' in error && error.code === 'EPERM'
	}
}

/**
 * What an interrupted import left behind, removed (the swap finished first if it must). Also the
 * temporary files the import wrote into service folders before staging existed, and folders
 * that hold nothing else: a run killed then left folders a start-up could not load.
 */
export async function removeImportLeftovers(root: string): Promise<Array<string>> {
	const removed: Array<string> = []
	if ((await finishInterruptedImport(root)) === 'finished') removed.push('(finished the swap)')
	for (const state of ['staging', 'ready', 'old'] as const) {
		for (const dir of await leftovers(root, state)) {
			await rm(dir, { recursive: true, force: true })
			removed.push(path.basename(dir))
		}
	}
	const services = servicesDir(root)
	if (!existsSync(services)) return removed
	for (const code of await readdir(services)) {
		const folder = path.join(services, code)
		let names: Array<string>
		try {
			names = await readdir(folder)
		} catch {
			continue
		}
		const temporary = names.filter((name) => /\.import-\d+\.tmp$/.test(name))
		if (temporary.length === 0) continue
		if (temporary.length === names.length) {
			await rm(folder, { recursive: true, force: true })
			removed.push(`services/${code}/`)
		} else {
			for (const name of temporary) await rm(path.join(folder, name), { force: true })
			removed.push(...temporary.map((name) => `services/${code}/${name}`))
		}
	}
	return removed
}

/**
 * A test hook (tests/content/manual-import-kill.test.ts): with MANUAL_IMPORT_PAUSE_AT set to a
 * step's name, the import stops there and waits to be killed.
 */
async function checkpoint(step: string): Promise<void> {
	if (process.env.MANUAL_IMPORT_PAUSE_AT !== step) return
	process.stdout.write(`paused at ${step}\n`)
	await new Promise(() => setInterval(() => {}, 60_000))
}

/**
 * Write files under services/ (paths relative to it) so that all of them appear at once; returns
 * what an earlier, interrupted import had left and this one removed.
 */
export async function writeServicesAtOnce(
	root: string,
	writes: Array<{ file: string; text: string }>,
): Promise<{ removed: Array<string> }> {
	const release = await takeLock(root)
	try {
		const removed = await removeImportLeftovers(root)
		const id = `${Date.now()}-${process.pid}`
		const staging = path.join(root, `${prefix}${id}.staging`)
		const ready = path.join(root, `${prefix}${id}.ready`)
		const old = path.join(root, `${prefix}${id}.old`)
		const services = servicesDir(root)
		if (existsSync(services)) await cp(services, staging, { recursive: true })
		else await mkdir(staging)
		await checkpoint('copied')
		for (const { file, text } of writes) {
			const target = path.resolve(staging, file)
			if (!target.startsWith(`${staging}${path.sep}`)) throw new Error(`not under services/: ${file}`)
			await mkdir(path.dirname(target), { recursive: true })
			await writeFile(target, text, 'utf8')
		}
		await checkpoint('written')
		await rename(staging, ready)
		await checkpoint('ready')
		if (existsSync(services)) await rename(services, old)
		await checkpoint('swapped-out')
		await rename(ready, services)
		await checkpoint('swapped-in')
		await rm(old, { recursive: true, force: true })
		return { removed }
	} finally {
		await release()
	}
}
