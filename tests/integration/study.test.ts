import { beforeEach, describe, expect, test } from 'vitest'
import { type Catalog } from '#app/modules/catalog/catalog.server.ts'
import { editService } from '#tests/utils/content.ts'
import { queryTerms, searchPage, searchServices } from '#app/modules/content/search.server.ts'
import {
	action as lessonAction,
	loader as lessonLoader,
} from '#app/routes/services.$code/route.tsx'
import { loader as catalogLoader } from '#app/routes/services._index/route.tsx'
import { loader as searchLoader } from '#app/routes/search/route.tsx'
import { makeSite, makeUser } from '#tests/factories/people.ts'
import { copyFixtureContent, loadTestCatalog } from '#tests/utils/content.ts'
import { setupTestDatabase } from '#tests/setup/database.ts'
import {
	dataOf,
	loaderArgs,
	makeRequest,
	responseOf,
	sessionCookieFor,
} from '#tests/utils/requests.ts'

setupTestDatabase()

let root: string
let catalog: Catalog
let cookie: string
beforeEach(async () => {
	root = await copyFixtureContent()
	catalog = await loadTestCatalog(root)
	const site = await makeSite()
	const clerk = await makeUser({ siteId: site.id })
	cookie = await sessionCookieFor(clerk.id)
})

/** The services a results page links to, in order. */
function codesIn(html = ''): Array<string> {
	return [...html.matchAll(/href="\/services\/([^"]+)"/g)].map((m) => m[1] ?? '')
}
function firstItem(html = ''): string {
	return /<li>([\s\S]*?)<\/li>/.exec(html)?.[1] ?? ''
}
function marksOf(html: string): Array<string> {
	return [...html.matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => m[1] ?? '')
}

describe('search', () => {
	test('finds by Chinese words, by pinyin and by pinyin initials, ranked and highlighted', () => {
		const byWords = searchServices(catalog.search, '失业保险金怎么申领')
		expect(byWords[0]?.code).toBe('XY-SY-001')
		expect(byWords[0]?.nameHighlighted.some((part) => part.hit)).toBe(true)
		expect(searchServices(catalog.search, 'sybx').map((h) => h.code)).toEqual(
			expect.arrayContaining(['XY-SY-001', 'XY-SY-002']),
		)
		const initials = searchServices(catalog.search, 'lsgs')
		expect(initials[0]?.code).toBe('XY-SBK-004')
		expect(initials[0]?.nameHighlighted.filter((p) => p.hit).map((p) => p.text)).toEqual([
			'临时挂失',
		])
		expect(searchServices(catalog.search, 'shehui baozhang')[0]?.name).toContain('社会保障卡')
		expect(searchServices(catalog.search, 'XY-SBK-005')[0]?.code).toBe('XY-SBK-005')
		expect(searchServices(catalog.search, '   ')).toEqual([])
	})

	test('finds a service by one of its materials', () => {
		const hits = searchServices(catalog.search, '解除劳动关系证明')
		expect(hits.map((h) => h.code)).toContain('XY-SY-001')
		expect(hits.find((h) => h.code === 'XY-SY-001')?.snippet?.some((p) => p.hit)).toBe(true)
	})

	test('word segmentation drops words that say nothing about the service and keeps the manual’s words whole', () => {
		expect(queryTerms('失业保险金怎么申领，需要哪些材料', catalog.search)).not.toContain('怎么')
		// ICU splits 申领 into 申|领; the pair is a word of the manual, so it is searched as one.
		expect(queryTerms('失业保险金怎么申领', catalog.search)).toEqual(['失业', '保险', '金', '申领'])
	})

	test('everyday words find the service by the manual’s name, and the page says how it read them', async () => {
		expect(searchServices(catalog.search, '失业金')[0]?.code).toBe('XY-SY-001')
		expect(
			searchServices(catalog.search, '社保卡丢了')
				.slice(0, 2)
				.map((h) => h.code)
				.sort(),
		).toEqual(['XY-SBK-004', 'XY-SBK-005'])
		const { value } = await dataOf(() =>
			searchLoader(
				loaderArgs(makeRequest(`/search?q=${encodeURIComponent('社保卡丢了')}`, { cookie })),
			),
		)
		expect(value.results?.understoodAs).toBe('社会保障卡 丢失 挂失')
		expect(value.results?.html).toContain('社会保障卡 丢失 挂失')
		// The first hit's name is marked where the manual's word stands.
		expect(marksOf(firstItem(value.results?.html))).toContain('社会保障卡')
	})

	test('the search page answers a plain GET (no JavaScript needed)', async () => {
		const { value } = await dataOf(() =>
			searchLoader(loaderArgs(makeRequest('/search?q=sybx', { cookie }))),
		)
		expect(codesIn(value.results?.html)).toContain('XY-SY-001')
	})

	test('hits come a page at a time; a page past the end or not a number shows what there is', async () => {
		const all = searchServices(catalog.search, 'sh', 100)
		expect(all.length).toBeGreaterThan(3)
		const middle = searchPage(catalog.search, 'sh', { offset: 1, limit: 2 })
		expect(middle.total).toBe(all.length)
		expect(middle.hits.map((h) => h.code)).toEqual(all.slice(1, 3).map((h) => h.code))
		const page = async (n: string) =>
			(
				await dataOf(() =>
					searchLoader(loaderArgs(makeRequest(`/search?q=sh&page=${n}`, { cookie }))),
				)
			).value
		for (const n of ['999', 'abc']) {
			const shown = await page(n)
			expect(shown.results?.page).toBe(shown.results?.pages)
			expect(shown.results?.total).toBe(all.length)
			expect(codesIn(shown.results?.html).length).toBeGreaterThan(0)
		}
	})
})

describe('lessons', () => {
	test('a lesson page carries the compiled lesson as HTML and the procedure card data; no MDX code', async () => {
		const { value } = await dataOf(() =>
			lessonLoader(
				loaderArgs(makeRequest('/services/XY-SBK-005', { cookie }), { code: 'XY-SBK-005' }),
			),
		)
		expect(value.html).toContain('<h2 id="materials">申请材料</h2>')
		expect(value.html).toContain('<table class="lesson-compare">')
		expect(value.service.materials.length).toBeGreaterThan(0)
		expect(JSON.stringify(value)).not.toContain('_jsx')
	})

	test('an unknown service is 404', async () => {
		const response = await responseOf(() =>
			lessonLoader(
				loaderArgs(makeRequest('/services/XY-NOPE-1', { cookie }), { code: 'XY-NOPE-1' }),
			),
		)
		expect(response.status).toBe(404)
	})

	test('"studied" is stored with the revision and shows as outdated after a normative change', async () => {
		const args = () =>
			loaderArgs(makeRequest('/services/XY-SY-002', { cookie, form: { intent: 'studied' } }), {
				code: 'XY-SY-002',
			})
		await lessonAction(args())
		let { value } = await dataOf(() =>
			lessonLoader(
				loaderArgs(makeRequest('/services/XY-SY-002', { cookie }), { code: 'XY-SY-002' }),
			),
		)
		expect(value.studied).toBe('current')
		await editService(root, 'XY-SY-002', (f) => ({
			...f,
			promiseDays: f.promiseDays === null ? null : f.promiseDays + 1,
			mode: f.mode,
		}))
		await editService(root, 'XY-SY-002', (f) => ({ ...f, steps: [...f.steps, '回访'] }))
		catalog = await loadTestCatalog(root)
		;({ value } = await dataOf(() =>
			lessonLoader(
				loaderArgs(makeRequest('/services/XY-SY-002', { cookie }), { code: 'XY-SY-002' }),
			),
		))
		expect(value.studied).toBe('outdated')
	})

	test('the catalogue filters by category, unit, mode and online, with counts', async () => {
		const { value } = await dataOf(() =>
			catalogLoader(
				loaderArgs(makeRequest('/services?category=sbk&mode=%E5%8D%B3%E5%8A%9E', { cookie })),
			),
		)
		expect(value.results.map((r) => r.code).sort()).toEqual(['XY-SBK-004', 'XY-SBK-005'])
		expect(value.categories.find((c) => c.id === 'shebao')?.count).toBe(
			catalog.ordered.filter(
				(s) => s.frontmatter.category === '社会保险' && s.frontmatter.mode === '即办',
			).length,
		)
		const online = await dataOf(() =>
			catalogLoader(loaderArgs(makeRequest('/services?online=0', { cookie }))),
		)
		expect(online.value.results.every((r) => !r.onlineAvailable)).toBe(true)
	})
})
