// Chinese search over the manual: words (Intl.Segmenter) in names, materials and lesson text,
// and pinyin or pinyin initials of names (pinyin-pro): "sybx" finds 失业保险….
// Everyday words ("社保卡丢了") are rewritten to the manual's own by content/search-synonyms.yml.
// Built once per content load; 337 services are small enough to scan per query.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { pinyin } from 'pinyin-pro'
import { z } from 'zod'
import { parseYamlWith, type ContentError } from './lesson-file.ts'
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

export type Synonyms = Map<string, Array<string>>

export type SearchIndex = {
	documents: Array<Document>
	synonyms: Synonyms
	/** Matches any synonym key, longest first, so "社保卡" wins over "社保". */
	synonymPattern: RegExp | null
	/** Every pair of neighbouring characters in the manual: which pairs of a query are words. */
	pairs: Set<string>
}

const SYNONYMS_FILE = 'search-synonyms.yml'

const synonymsSchema = z.record(
	z.string().regex(/^[^\s]{1,12}$/, 'a key is one word of at most 12 characters'),
	z.union([
		z.string().regex(/^[^\s]{1,20}$/, 'a manual word is one word of at most 20 characters'),
		z.array(z.string().regex(/^[^\s]{1,20}$/, 'a manual word is one word of at most 20 characters')).min(1),
	]),
)

/** content/search-synonyms.yml: everyday word → the manual's word(s). Optional. */
export async function loadSynonyms(root: string): Promise<{ synonyms: Synonyms; errors: Array<ContentError> }> {
	const full = path.join(root, SYNONYMS_FILE)
	if (!existsSync(full)) return { synonyms: new Map(), errors: [] }
	const parsed = parseYamlWith(await readFile(full, 'utf8'), synonymsSchema, SYNONYMS_FILE)
	if (!parsed.ok) return { synonyms: new Map(), errors: parsed.errors }
	const synonyms: Synonyms = new Map()
	for (const [word, manualWords] of Object.entries(parsed.value)) {
		synonyms.set(word.normalize('NFKC'), (Array.isArray(manualWords) ? manualWords : [manualWords]).map((w) => w.normalize('NFKC')))
	}
	return { synonyms, errors: [] }
}

/** A synonym whose manual word appears nowhere in the manual finds nothing: report it. */
export async function checkSynonyms(root: string, index: SearchIndex): Promise<Array<ContentError>> {
	if (index.synonyms.size === 0) return []
	const lines = (await readFile(path.join(root, SYNONYMS_FILE), 'utf8')).split('\n')
	const lineOf = (word: string) => Math.max(1, lines.findIndex((l) => l.trimStart().startsWith(`${word}:`)) + 1)
	const errors: Array<ContentError> = []
	for (const [word, manualWords] of index.synonyms) {
		for (const manualWord of manualWords) {
			if (!index.documents.some((doc) => fieldNames.some((f) => doc.fields[f].includes(manualWord)))) {
				errors.push({ file: SYNONYMS_FILE, line: lineOf(word), message: `"${word}" → "${manualWord}": "${manualWord}" appears in no service` })
			}
		}
	}
	return errors
}

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

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

export function buildSearchIndex(
	services: ReadonlyArray<ServiceSource & { html: string }>,
	synonyms: Synonyms = new Map(),
): SearchIndex {
	const keys = [...synonyms.keys()].sort((a, b) => b.length - a.length)
	const documents = services.map((s): Document => {
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
	})
	const pairs = new Set<string>()
	for (const doc of documents) {
		for (const field of fieldNames) {
			const text = doc.fields[field]
			for (let i = 0; i + 1 < text.length; i++) pairs.add(text.slice(i, i + 2))
		}
	}
	return {
		documents,
		synonyms,
		synonymPattern: keys.length > 0 ? new RegExp(keys.map(escapeRegExp).join('|'), 'g') : null,
		pairs,
	}
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' })

/** Words that say nothing about which service is meant. */
const stopWords = new Set([
	'怎么', '怎样', '如何', '需要', '哪些', '什么', '办理', '可以', '能否', '是否', '要', '的', '了', '吗', '呢', '我', '你', '在', '和', '与', '或', '及',
])

/** The query in the manual's words: each everyday word replaced once (no chains). */
export function rewriteQuery(index: SearchIndex, query: string): string {
	const normalized = query.normalize('NFKC').trim()
	if (!index.synonymPattern) return normalized
	return normalized
		.replace(index.synonymPattern, (word) => ` ${(index.synonyms.get(word) ?? [word]).join(' ')} `)
		.replace(/\s+/g, ' ')
		.trim()
}

/**
 * The query's words. ICU's dictionary splits many procedure words into characters (申领 → 申|领,
 * 挂失 → 挂|失), and single characters match almost anything; so neighbouring single characters
 * are joined into the pairs the manual actually uses, and left single only where no pair fits.
 */
export function queryTerms(query: string, index?: SearchIndex): Array<string> {
	const terms: Array<string> = []
	const add = (word: string) => {
		if (!terms.includes(word)) terms.push(word)
	}
	let run: Array<string> = []
	const flushRun = () => {
		const covered = new Array<boolean>(run.length).fill(false)
		const pairs: Array<[number, string]> = []
		for (let i = 0; i + 1 < run.length; i++) {
			const pair = `${run[i]}${run[i + 1]}`
			if (!index || index.pairs.has(pair)) {
				pairs.push([i, pair])
				covered[i] = covered[i + 1] = true
			}
		}
		// Keep the query's order: each character or the pair starting at it.
		for (let i = 0; i < run.length; i++) {
			const pair = pairs.find(([start]) => start === i)
			if (pair) add(pair[1])
			else if (!covered[i]) add(run[i] ?? '')
		}
		run = []
	}
	for (const part of segmenter.segment(query.normalize('NFKC'))) {
		const word = part.segment.trim()
		if (!part.isWordLike || word === '' || stopWords.has(word)) {
			flushRun()
			continue
		}
		if ([...word].length === 1 && /\p{Script=Han}/u.test(word)) {
			run.push(word)
			continue
		}
		flushRun()
		add(word)
	}
	flushRun()
	return terms
}

/**
 * What the query asks for, one group per thing: a group matches when any of its words does.
 * An everyday word from the synonyms becomes one group of its manual words, kept whole
 * ("社保卡" → [社会保障卡]; "丢了" → [丢失, 挂失]); the rest of the query is split by queryTerms.
 */
export function queryGroups(index: SearchIndex, query: string): Array<Array<string>> {
	const normalized = query.normalize('NFKC').trim()
	const groups: Array<Array<string>> = []
	const add = (group: Array<string>) => {
		if (!groups.some((g) => g.join('|') === group.join('|'))) groups.push(group)
	}
	let last = 0
	for (const match of index.synonymPattern ? normalized.matchAll(index.synonymPattern) : []) {
		for (const term of queryTerms(normalized.slice(last, match.index), index)) add([term])
		add(index.synonyms.get(match[0]) ?? [match[0]])
		last = match.index + match[0].length
	}
	for (const term of queryTerms(normalized.slice(last), index)) add([term])
	return groups
}

/** Share of the name's characters that the query's words cover: 失业保险金申领 for 失业保险金申领 is 1. */
function nameCoverage(name: string, terms: Array<string>): number {
	if (name.length === 0) return 0
	const covered = new Array<boolean>(name.length).fill(false)
	for (const [start, end] of rangesOf(name, terms)) for (let i = start; i < end; i++) covered[i] = true
	return covered.filter(Boolean).length / name.length
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

// The ranked services of the last few hundred word queries, per index (a republished manual
// builds a new index): a hall asks the same questions all day, and ranking scans every lesson.
const rankedCache = new WeakMap<SearchIndex, Map<string, Array<{ doc: Document; score: number }>>>()

function rankedFor(
	index: SearchIndex,
	query: string,
	rank: () => Array<{ doc: Document; score: number }>,
): Array<{ doc: Document; score: number }> {
	let cache = rankedCache.get(index)
	if (!cache) rankedCache.set(index, (cache = new Map()))
	const known = cache.get(query)
	if (known) return known
	const ranked = rank()
	if (cache.size >= 500) cache.delete(cache.keys().next().value ?? '')
	cache.set(query, ranked)
	return ranked
}

function rankByWords(
	index: SearchIndex,
	groups: Array<Array<string>>,
): Array<{ doc: Document; score: number }> {
	const terms = groups.flat()
	const phrase = groups.map((g) => g[0]).join('')
	const scored: Array<{ doc: Document; score: number; matched: number }> = []
	for (const doc of index.documents) {
		let score = 0
		let matched = 0
		for (const group of groups) {
			let groupScore = 0
			for (const term of group) {
				let termScore = 0
				for (const field of fieldNames) {
					termScore += weights[field] * countOccurrences(doc.fields[field], term)
				}
				// A single character matches almost anything: count it for little.
				groupScore = Math.max(groupScore, term.length === 1 ? termScore * 0.2 : termScore)
			}
			if (groupScore === 0) continue
			matched += group.every((term) => term.length === 1) ? 0.25 : 1
			score += groupScore
		}
		if (matched === 0) continue
		if (doc.name.includes(phrase)) score += 100
		score += 300 * nameCoverage(doc.name, terms)
		score += matched * 1000 // services with more of the query's words come first
		scored.push({ doc, score, matched })
	}
	const best = Math.max(0, ...scored.map((s) => s.matched))
	// When some services match two or more words, drop those matching only single characters.
	return scored
		.filter((s) => best < 2 || s.matched >= 1)
		.sort((a, b) => b.score - a.score || a.doc.code.localeCompare(b.doc.code))
}

export function searchServices(index: SearchIndex, rawQuery: string, limit = 30): Array<SearchHit> {
	return searchPage(index, rawQuery, { offset: 0, limit }).hits
}

/**
 * One page of the ranked hits and how many there are in all. Highlights and excerpts are made
 * for the page's hits only.
 */
export function searchPage(
	index: SearchIndex,
	rawQuery: string,
	page: { offset: number; limit: number },
): { total: number; hits: Array<SearchHit> } {
	const query = rawQuery.normalize('NFKC').trim().slice(0, 60)
	const none = { total: 0, hits: [] }
	if (query === '') return none
	const hits: Array<SearchHit> = []
	const pageOf = (ranked: Array<SearchHit>) => ({
		total: ranked.length,
		hits: ranked.slice(page.offset, page.offset + page.limit),
	})

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
		return pageOf(hits.sort((a, b) => b.score - a.score))
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
		return pageOf(hits.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code)))
	}

	const groups = queryGroups(index, query)
	if (groups.length === 0) return none
	const terms = groups.flat()
	const ranked = rankedFor(index, query, () => rankByWords(index, groups))
	const hitsOfPage = ranked
		.slice(page.offset, page.offset + page.limit)
		.map(({ doc, score }) => ({
			code: doc.code,
			name: doc.name,
			category: doc.category,
			subcategory: doc.subcategory,
			score,
			nameHighlighted: highlight(doc.name, rangesOf(doc.name, terms)),
			snippet:
				snippetOf(doc.fields.name.includes(terms[0] ?? '') ? doc.fields.materials : doc.fields.body, terms) ??
				snippetOf(doc.fields.body, terms),
			matchedBy: 'words' as const,
		}))
	return { total: ranked.length, hits: hitsOfPage }
}
