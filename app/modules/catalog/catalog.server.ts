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
	type PublishedService,
} from '#app/modules/content/manual.server.ts'

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
}): Promise<Catalog> {
	const { manual, content } = await loadManual(options)
	const [bank, rules] = await Promise.all([
		loadItemBank(options.root, content.services, content.units),
		loadCertificationRules(options.root),
	])
	if (options.scenarios) addScenarios(bank, options.scenarios)
	const errors = bank.errors.filter((e) => !e.message.includes('has no scenario in cases/'))
	if (!rules.ok) errors.push(...rules.errors)
	if (errors.length > 0 || !rules.ok) throw new ContentLoadError(errors)
	const catalog: Catalog = {
		...manual,
		bank,
		rules: options.rules ?? rules.rules,
		manualVersion: options.manualVersion ?? '0:0:0',
	}
	current = catalog
	return catalog
}
