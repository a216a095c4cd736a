// Start-up's composition: the manual (modules/content), the item bank built from it
// (modules/quizzes) and the certification rules (modules/certification), loaded once and read
// by every request. The lower rooms do not know each other; this one knows them all.
import { addScenarios, loadItemBank, type ItemBank } from '#app/modules/quizzes/bank.server.ts'
import { type Scenario } from '#app/modules/quizzes/content-schema.ts'
import {
	loadCertificationRules,
	type CertificationRules,
} from '#app/modules/certification/rules.server.ts'
import {
	ContentLoadError,
	loadManual,
	type Manual,
	type ManualService,
	newLoadId,
	type PublishedService,
} from '#app/modules/content/manual.server.ts'
import { finishInterruptedImport } from '#app/modules/content/staged-write.server.ts'
import {
	readSnapshot,
	snapshotKey,
	writeSnapshot,
	type ComposedCatalog,
	type SnapshotOptions,
	type SnapshotOutcome,
} from './snapshot.server.ts'

export { ContentLoadError, type PublishedService }

export type CatalogService = ManualService

export type Catalog = Manual & {
	bank: ItemBank
	rules: CertificationRules
	/** Which published revisions, standards and settings this load includes ("0:0:0": the files alone). */
	manualVersion: string
}

let current: Catalog | null = null

export function getCatalog(): Catalog {
	if (!current) throw new Error('content not loaded: call loadCatalog() at start-up')
	return current
}

export function setCatalog(catalog: Catalog | null) {
	current = catalog
}

export async function loadCatalog(options: {
	root: string
	cacheDir: string
	concurrency?: number
	onProgress?: (done: number, total: number) => void
	/** Published revisions laid over the files (newest per service). */
	published?: ReadonlyArray<PublishedService>
	/** Scenarios published in the browser (零拒绝 standards), added to the item bank. */
	scenarios?: ReadonlyArray<{ id: string; scenario: Scenario }>
	/** Certification rules saved in the browser, in force instead of certification.yml. */
	rules?: CertificationRules
	manualVersion?: string
	/** Reuse the previous start's composition when nothing it was made from changed (ADR 019). */
	snapshot?: SnapshotOptions & { onOutcome?: (outcome: SnapshotOutcome) => void }
}): Promise<Catalog> {
	let composed: ComposedCatalog | null = null
	let key: string | null = null
	if (options.snapshot) {
		// A manual:import killed mid-swap is finished first, so the key hashes the manual served.
		await finishInterruptedImport(options.root)
		key = await snapshotKey({
			root: options.root,
			cacheDir: options.cacheDir,
			codeVersion: options.snapshot.codeVersion,
			published: options.published ?? [],
		})
		const read = await readSnapshot(options.snapshot.dir, key)
		options.snapshot.onOutcome?.(read.outcome)
		if (read.outcome === 'reused') composed = read.composed
	}
	if (!composed) {
		composed = await composeFromFiles(options)
		if (options.snapshot && key) await writeSnapshot(options.snapshot.dir, key, composed)
	}
	const { manual, bank } = composed
	if (options.scenarios) addScenarios(bank, options.scenarios)
	const catalog: Catalog = {
		...manual,
		root: options.root,
		loadedAt: newLoadId(),
		bank,
		rules: options.rules ?? composed.rules,
		manualVersion: options.manualVersion ?? '0:0:0',
	}
	current = catalog
	return catalog
}

/** The manual, the item bank and the rules, read, checked and composed from the files. */
async function composeFromFiles(options: {
	root: string
	cacheDir: string
	concurrency?: number
	onProgress?: (done: number, total: number) => void
	published?: ReadonlyArray<PublishedService>
}): Promise<ComposedCatalog> {
	const { manual, content } = await loadManual(options)
	const [bank, rules] = await Promise.all([
		loadItemBank(options.root, content.services, content.units),
		loadCertificationRules(options.root),
	])
	const errors = bank.errors.filter((e) => !e.message.includes('has no scenario in cases/'))
	if (!rules.ok) errors.push(...rules.errors)
	if (errors.length > 0 || !rules.ok) throw new ContentLoadError(errors)
	const { loadedAt: _perLoad, ...stored } = manual
	return { manual: stored, bank, rules: rules.rules }
}
