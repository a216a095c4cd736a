// The item bank's part of the content check: the bank loads cleanly and every core service has a
// scenario. Composed with the manual's own check by modules/catalog/check.server.ts.
import { type ContentError } from '#app/modules/content/lesson-file.ts'
import { type LoadedContent } from '#app/modules/content/load.server.ts'
import { loadItemBank, type ItemBank } from './bank.server.ts'

export async function checkItemBank(
	root: string,
	content: LoadedContent,
	isCore: (service: LoadedContent['services'][number]) => boolean,
): Promise<{ bank: ItemBank | null; errors: Array<ContentError> }> {
	if (!content.registryOk) return { bank: null, errors: [] }
	const bank = await loadItemBank(root, content.services, content.units)
	const errors = [...bank.errors]
	for (const service of content.services) {
		const ids = bank.byService.get(service.code) ?? []
		if (isCore(service) && !ids.some((id) => bank.items.get(id)?.kind === 'scenario'))
			errors.push({
				file: service.file,
				line: 1,
				message:
					'core service has no scenario (services/<code>/scenarios/*.yml or a case listing it)',
			})
	}
	return { bank, errors }
}
