import { expect, test } from 'vitest'
import { changedTexts, markChanges } from './mark-changes.ts'

test('marks the new texts in the lesson text, never inside a tag', () => {
	const texts = changedTexts([
		{ field: 'materials', added: [{ name: '事故现场照片', form: '电子材料' }], removed: [], changed: [] },
	])
	const html = '<td title="事故现场照片">事故现场照片（电子材料）</td>'
	expect(markChanges(html, texts)).toBe(
		'<td title="事故现场照片"><mark class="lesson-change">事故现场照片</mark>（电子材料）</td>',
	)
})
