// Chinese search over the manual: words (Intl.Segmenter) in names, materials and lesson text,
// and pinyin or pinyin initials of names (pinyin-pro): "sybx" finds 失业保险….
// Built once per content load; 337 services are small enough to scan per query.
import { pinyin } from 'pinyin-pro'
import { type ServiceSource } from './load.server.ts'

type Field = 'code' | 'name' | 'materials' | 'procedure' | 'body'
const weights: Record<Field, number> = { code: 30, name: 12, materials: 5, procedure: 3, body: 1 }
const fieldNames: Array<Field> = ['code', 'name', 'materials', 'procedure', 'body']

type Document = {
	code: string
	name: string
	category: string
	subcategory: string
	fields: Record<Field, string>
	/** Per character of the name: its pinyin syllable and initial (non-Chinese characters as is). */
	namePinyin: Array<string>
	nameInitials: Array<string>
}

export type SearchIndex = { documents: Array<Document> }

export type Highlighted = Array<{ text: string; hit: boolean }>

export type SearchHit = {
	code: string
	name: string
	category: string
	subcategory: string
	score: number
	nameHighlighted: Highlighted
	snippet: Highlighted | null
	matchedBy: 'words' | 'pinyin' | 'code'
}

function htmlToText(html: string): string {
	return html
		.replace(/<[^>]+>/g, ' ')
		.replace(/&nbsp;/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#x27;|&#39;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim()
}

export function buildSearchIndex(services: ReadonlyArray<ServiceSource & { html: string }>): SearchIndex {
	return {
		documents: services.map((s) => {
			const f = s.frontmatter
			return {
				code: s.code,
				name: f.name,
				category: f.category,
				subcategory: f.subcategory,
				fields: {
					code: s.code.toLowerCase(),
					name: f.name,
					materials: f.materials.map((m) => `${m.name} ${m.note ?? ''}`).join('；'),
					procedure: [f.eligibility, ...f.steps, ...f.pitfalls, f.backOffice, f.subcategory].join('；'),
					body: htmlToText(s.html),
				},
				namePinyin: pinyin(f.name, { type: 'array', toneType: 'none' }).map((p) => p.toLowerCase()),
				nameInitials: pinyin(f.name, { type: 'array', toneType: 'none', pattern: 'first' }).map((p) => p.toLowerCase()),
			}
		}),
	}
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' })

/** Words that say nothing about which service is meant. */
const stopWords = new Set([
	'怎么', '怎样', '如何', '需要', '哪些', '什么', '办理', '可以', '能否', '是否', '要', '的', '了', '吗', '呢', '我', '你', '在', '和', '与', '或', '及',
])

export function queryTerms(query: string): Array<string> {
	const terms: Array<string> = []
	for (const part of segmenter.segment(query.normalize('NFKC'))) {
		const word = part.segment.trim()
		if (!part.isWordLike || word === '' || stopWords.has(word)) continue
		if (!terms.includes(word)) terms.push(word)
	}
	return terms
}

function countOccurrences(haystack: string, needle: string, cap = 5): number {
	let n = 0
	for (let i = haystack.indexOf(needle); i >= 0 && n < cap; i = haystack.indexOf(needle, i + needle.length)) n++
	return n
}

function highlight(text: string, ranges: Array<[number, number]>): Highlighted {
	if (ranges.length === 0) return [{ text, hit: false }]
	const marks = new Array<boolean>(text.length).fill(false)
	for (const [start, end] of ranges) for (let i = start; i < end && i < text.length; i++) marks[i] = true
	const out: Highlighted = []
	for (let i = 0; i < text.length; i++) {
		const hit = marks[i] ?? false
		const last = out[out.length - 1]
		if (last && last.hit === hit) last.text += text[i]
		else out.push({ text: text[i] ?? '', hit })
	}
	return out
}

function rangesOf(text: string, terms: Array<string>): Array<[number, number]> {
	const ranges: Array<[number, number]> = []
	for (const term of terms) {
		for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + term.length)) ranges.push([i, i + term.length])
	}
	return ranges
}

function snippetOf(text: string, terms: Array<string>, radius = 40): Highlighted | null {
	const positions = terms.map((t) => text.indexOf(t)).filter((i) => i >= 0)
	if (positions.length === 0) return null
	const center = Math.min(...positions)
	const start = Math.max(0, center - radius)
	const end = Math.min(text.length, center + radius * 2)
	const slice = `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`
	return highlight(slice, rangesOf(slice, terms))
}

/** Where a pinyin query matches a name: full syllables ("shiye") or initials ("sybx"). */
function pinyinMatch(doc: Document, query: string): { start: number; end: number; initials: boolean } | null {
	const initials = doc.nameInitials.join('')
	const index = initials.indexOf(query)
	if (index >= 0 && doc.nameInitials.every((p) => p.length === 1)) return { start: index, end: index + query.length, initials: true }
	// Full pinyin: find a run of syllables whose concatenation starts with the query.
	for (let start = 0; start < doc.namePinyin.length; start++) {
		let joined = ''
		for (let end = start; end < doc.namePinyin.length; end++) {
			joined += doc.namePinyin[end]
			if (joined.startsWith(query)) return { start, end: end + 1, initials: false }
			if (!query.startsWith(joined)) break
		}
	}
	return null
}

export function searchServices(index: SearchIndex, rawQuery: string, limit = 30): Array<SearchHit> {
	const query = rawQuery.normalize('NFKC').trim().slice(0, 60)
	if (query === '') return []
	const hits: Array<SearchHit> = []

	if (/^[a-z\s']+$/i.test(query)) {
		const compact = query.toLowerCase().replace(/[\s']+/g, '')
		for (const doc of index.documents) {
			const match = pinyinMatch(doc, compact)
			if (!match) continue
			const score = (match.initials ? 40 : 50) + (match.start === 0 ? 10 : 0) - doc.name.length * 0.1
			hits.push({
				code: doc.code,
				name: doc.name,
				category: doc.category,
				subcategory: doc.subcategory,
				score,
				nameHighlighted: highlight(doc.name, [[match.start, match.end]]),
				snippet: null,
				matchedBy: 'pinyin',
			})
		}
		return hits.sort((a, b) => b.score - a.score).slice(0, limit)
	}

	const code = query.toLowerCase().replace(/\s+/g, '')
	if (/^[a-z0-9-]+$/.test(code) && /\d/.test(code)) {
		for (const doc of index.documents) {
			if (!doc.fields.code.includes(code)) continue
			hits.push({
				code: doc.code,
				name: doc.name,
				category: doc.category,
				subcategory: doc.subcategory,
				score: doc.fields.code === code ? 100 : 50,
				nameHighlighted: highlight(doc.name, []),
				snippet: null,
				matchedBy: 'code',
			})
		}
		return hits.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code)).slice(0, limit)
	}

	const terms = queryTerms(query)
	if (terms.length === 0) return []
	const phrase = query.replace(/\s+/g, '')
	for (const doc of index.documents) {
		let score = 0
		let matchedTerms = 0
		for (const term of terms) {
			let termScore = 0
			for (const field of fieldNames) {
				termScore += weights[field] * countOccurrences(doc.fields[field], term)
			}
			if (termScore > 0) matchedTerms++
			// A single character matches almost anything: count it for little.
			score += term.length === 1 ? termScore * 0.2 : termScore
		}
		if (matchedTerms === 0) continue
		if (doc.name.includes(phrase)) score += 100
		score += matchedTerms * 1000 // documents with more of the query's words come first
		hits.push({
			code: doc.code,
			name: doc.name,
			category: doc.category,
			subcategory: doc.subcategory,
			score,
			nameHighlighted: highlight(doc.name, rangesOf(doc.name, terms)),
			snippet: snippetOf(doc.fields.name.includes(terms[0] ?? '') ? doc.fields.materials : doc.fields.body, terms) ??
				snippetOf(doc.fields.body, terms),
			matchedBy: 'words',
		})
	}
	const best = Math.max(0, ...hits.map((h) => Math.floor(h.score / 1000)))
	// When some services match every word, drop those matching only a single character.
	return hits
		.filter((h) => best <= 1 || Math.floor(h.score / 1000) >= Math.min(best, 2))
		.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code))
		.slice(0, limit)
}
