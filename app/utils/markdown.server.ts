// Markdown of quiz stems and feedback, rendered on the server. Raw HTML in the source is shown
// as text, never interpreted. Rendered strings are cached: the bank is fixed per content load.
import { Marked } from 'marked'

const escapeHtml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const marked = new Marked({
	gfm: true,
	breaks: true,
	async: false,
	renderer: {
		html: ({ text }) => escapeHtml(text),
	},
})

const cache = new Map<string, string>()

export function markdownToHtml(source: string): string {
	const cached = cache.get(source)
	if (cached !== undefined) return cached
	const html = marked.parse(source, { async: false })
	if (cache.size > 20_000) cache.clear()
	cache.set(source, html)
	return html
}

/** Inline markdown (option texts): no wrapping paragraph. */
export function inlineMarkdownToHtml(source: string): string {
	const key = `inline:${source}`
	const cached = cache.get(key)
	if (cached !== undefined) return cached
	const html = marked.parseInline(source, { async: false })
	cache.set(key, html)
	return html
}
