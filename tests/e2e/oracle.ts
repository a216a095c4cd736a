// The answer key for browser tests: the same bank the server builds, read from content/, so a
// test can answer by the texts it sees (the page itself never carries a key).
import { loadContent } from '#app/modules/content/load.server.ts'
import { revisionOf } from '#app/modules/content/revision.ts'
import { pickNormative, type Frontmatter } from '#app/modules/content/schema.ts'
import { loadItemBank } from '#app/modules/quizzes/bank.server.ts'
import { type QuizItem } from '#app/modules/quizzes/items.ts'

let bank: Promise<Map<string, QuizItem>> | null = null
/** Services a test published in the browser: the server's bank has their new items too. */
const published = new Map<string, (frontmatter: Frontmatter) => Frontmatter>()

/** Tell the oracle what a test published (the same change, applied to the file's version). */
export function publishedInBrowser(
	code: string,
	change: (frontmatter: Frontmatter) => Frontmatter,
) {
	published.set(code, change)
	bank = null
}

const normalize = (text: string) => text.replace(/\*\*/g, '').replace(/\s+/g, '').trim()

async function itemsByStem(): Promise<Map<string, QuizItem>> {
	bank ??= (async () => {
		const content = await loadContent('content')
		const services = content.services.map((service) => {
			const change = published.get(service.code)
			if (!change) return service
			const frontmatter = change(service.frontmatter)
			const normative = pickNormative(frontmatter)
			return { ...service, frontmatter, normative, revision: revisionOf(normative) }
		})
		const loaded = await loadItemBank('content', services, content.units)
		const byStem = new Map<string, QuizItem>()
		for (const item of loaded.items.values())
			byStem.set(normalize(item.kind === 'scenario' ? item.title : item.stem), item)
		return byStem
	})()
	return bank
}

/** The item whose stem (or scenario title) the page shows. */
export async function itemForText(shown: string): Promise<QuizItem> {
	const items = await itemsByStem()
	const key = normalize(shown)
	const found =
		items.get(key) ??
		[...items.entries()].find(([stem]) => key.includes(stem) || stem.includes(key))?.[1]
	if (!found) throw new Error(`no bank item for: ${shown.slice(0, 60)}`)
	return found
}

export function rightOptionTexts(item: QuizItem): Array<string> {
	if (item.kind === 'single' || item.kind === 'multiple')
		return item.options.filter((o) => item.answer.includes(o.id)).map((o) => normalize(o.text))
	if (item.kind === 'order')
		return item.answer.map((id) => normalize(item.options.find((o) => o.id === id)?.text ?? ''))
	return []
}

export { normalize }
