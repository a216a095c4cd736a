// npm run content:check's composition: the manual's check (modules/content) and the item bank's
// (modules/quizzes), errors in file order.
import { checkContent, type ContentCheck } from '#app/modules/content/check.server.ts'
import { type ItemBank } from '#app/modules/quizzes/bank.server.ts'
import { checkItemBank } from '#app/modules/quizzes/check.server.ts'

export type ManualCheck = ContentCheck & {
	bank: ItemBank | null
	/** Quiz items and scenarios: counted once the quiz bank exists. */
	items: number
	scenarios: number
}

export async function checkManual(
	root: string,
	options: { cacheDir: string },
): Promise<ManualCheck> {
	const result = await checkContent(root, options)
	const { bank, errors } = await checkItemBank(
		root,
		result.content,
		(service) =>
			result.coreCodes.has(service.code) || result.coreCategories.has(service.frontmatter.category),
	)
	const all = [...result.errors, ...errors].sort((a, b) =>
		a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1,
	)
	return {
		...result,
		errors: all,
		bank,
		items: bank ? bank.items.size - bank.scenarioCount : 0,
		scenarios: bank?.scenarioCount ?? 0,
	}
}
