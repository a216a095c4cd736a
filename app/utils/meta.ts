// Page titles in the reader's language: a route's meta reads the language from the root loader.
import { defaultLanguage, parseLanguage, translator, type MessageKey } from './i18n/index.ts'

type MetaMatch = { id: string; data: unknown }

/**
 * "<detail> · <page> · 一窗通学" (or "· Counter Ready" in English), the page from a dictionary key
 * or a given text; `detail` (a service's name) comes first when given.
 */
export function pageTitle(
	matches: ReadonlyArray<MetaMatch>,
	page: MessageKey | { text: string },
	detail?: string,
): Array<{ title: string }> {
	const root = matches.find((match) => match.id === 'root')?.data
	const language =
		typeof root === 'object' && root !== null && 'language' in root
			? parseLanguage(String(root.language))
			: defaultLanguage
	const t = translator(language)
	const name = typeof page === 'string' ? t(page) : page.text
	const parts = [detail, name, language === 'en' ? 'Counter Ready' : '一窗通学']
	return [{ title: parts.filter(Boolean).join(' · ') }]
}
