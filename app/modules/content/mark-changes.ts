// Marks what a revision changed inside a lesson's HTML: the new texts (a material added, a step
// rewritten, new eligibility…) are wrapped in <mark>, in text only, never inside a tag.
import { type RevisionChange } from './revision.ts'

function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** The texts a learner should find marked in the lesson. */
export function changedTexts(changes: ReadonlyArray<RevisionChange>): Array<string> {
	const texts: Array<string> = []
	for (const change of changes) {
		switch (change.field) {
			case 'materials':
				texts.push(...change.added.map((m) => m.name), ...change.changed.map((c) => c.after.name))
				break
			case 'basis':
			case 'pitfalls':
				texts.push(...change.added)
				break
			case 'steps':
				texts.push(...change.after.filter((step) => !change.before.includes(step)))
				break
			case 'name':
			case 'eligibility':
			case 'backOffice':
				texts.push(change.after)
				break
			default:
				break
		}
	}
	return texts.filter((t) => t.trim().length >= 2)
}

export function markChanges(html: string, texts: ReadonlyArray<string>): string {
	if (texts.length === 0) return html
	const needles = [...new Set(texts.map(escapeHtml))].sort((a, b) => b.length - a.length)
	return html
		.split(/(<[^>]*>)/)
		.map((part) => {
			if (part.startsWith('<')) return part
			// Longest first, and never inside a mark already placed.
			let pieces: Array<{ text: string; marked: boolean }> = [{ text: part, marked: false }]
			for (const needle of needles) {
				pieces = pieces.flatMap((piece) =>
					piece.marked || !piece.text.includes(needle)
						? [piece]
						: piece.text.split(needle).flatMap((text, index) =>
								index === 0
									? [{ text, marked: false }]
									: [
											{ text: needle, marked: true },
											{ text, marked: false },
										],
							),
				)
			}
			return pieces
				.map((piece) => (piece.marked ? `<mark class="lesson-change">${piece.text}</mark>` : piece.text))
				.join('')
		})
		.join('')
}
