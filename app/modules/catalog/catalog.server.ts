// Start-up's composition: the manual (modules/content), the item bank built from it
// (modules/quizzes) and the certification rules (modules/certification), loaded once and read
// by every request. The lower rooms do not know each other; this one knows them all.
import { loadItemBank, type ItemBank } from '#app/modules/quizzes/bank.server.ts'
import {
	loadCertificationRules,
	type CertificationRules,
} from '#app/modules/certification/rules.server.ts'
import {
	ContentLoadError,
	loadManual,
	type Manual,
	type ManualService,
} from '#app/modules/content/manual.server.ts'

export { ContentLoadError }

export type CatalogService = ManualService

export type Catalog = Manual & {
	bank: ItemBank
	rules: CertificationRules
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
}): Promise<Catalog> {
	const { manual, content } = await loadManual(options)
	const [bank, rules] = await Promise.all([
		loadItemBank(options.root, content.services, content.units),
		loadCertificationRules(options.root),
	])
	const errors = bank.errors.filter((e) => !e.message.includes('has no scenario in cases/'))
	if (!rules.ok) errors.push(...rules.errors)
	if (errors.length > 0 || !rules.ok) throw new ContentLoadError(errors)
	const catalog: Catalog = { ...manual, bank, rules: rules.rules }
	current = catalog
	return catalog
}
