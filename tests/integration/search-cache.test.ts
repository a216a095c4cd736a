// The search page's rendered results are kept per manual load, language, query and page
// (docs/decisions/021): what one reader searched must show the next reader the same hits in
// their own language, nothing of the first reader, and a publish at once.
import { beforeEach, describe, expect, test } from 'vitest'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { loadPublishedCatalog, publishManual } from '#app/modules/catalog/published.server.ts'
import { searchPage } from '#app/modules/content/search.server.ts'
import { syncCatalog } from '#app/modules/content/sync.server.ts'
import { loader as searchLoader } from '#app/routes/search/route.tsx'
import { makeSite, makeUser } from '#tests/factories/people.ts'
import { setupTestDatabase } from '#tests/setup/database.ts'
import { copyFixtureContent } from '#tests/utils/content.ts'
import { loaderArgs, makeRequest, sessionCookieFor } from '#tests/utils/requests.ts'

setupTestDatabase()

let clerkCookie: string
let trainerCookie: string
beforeEach(async () => {
	const root = await copyFixtureContent()
	const catalog = await loadPublishedCatalog({ root, cacheDir: `${root}/.cache`, concurrency: 1 })
	await syncCatalog(catalog)
	const site = await makeSite({ kind: 'hall' })
	const clerk = await makeUser({
		siteId: site.id,
		username: 'clerk-search',
		displayName: '柜员<张>',
	})
	const trainer = await makeUser({
		siteId: site.id,
		role: 'trainer',
		username: 'trainer-search',
		displayName: '培训师李',
		managedSiteIds: [site.id],
	})
	clerkCookie = await sessionCookieFor(clerk.id)
	trainerCookie = await sessionCookieFor(trainer.id)
})

async function search(path: string, cookie: string) {
	const result = await searchLoader(loaderArgs(makeRequest(path, { cookie })))
	return {
		cache: new Headers(result.init?.headers).get('X-Search-Cache'),
		results: result.data.results,
	}
}

function codesIn(html = ''): Array<string> {
	return [...html.matchAll(/href="\/services\/([^"]+)"/g)].map((m) => m[1] ?? '')
}

describe('the search results cache', () => {
	test('one rendering serves every reader of every role: same hits, same order, nothing of who asked first', async () => {
		const first = await search('/search?q=sh', clerkCookie)
		const second = await search('/search?q=sh', trainerCookie)
		expect([first.cache, second.cache]).toEqual(['miss', 'hit'])
		expect(second.results?.html).toBe(first.results?.html)
		const ranked = searchPage(getCatalog().search, 'sh', { offset: 0, limit: 20 })
		expect(codesIn(second.results?.html)).toEqual(ranked.hits.map((h) => h.code))
		for (const personal of ['clerk-search', '柜员', '张', 'trainer-search', '培训师李'])
			expect(second.results?.html).not.toContain(personal)
	})

	test('each language has its own results; a query is escaped as text', async () => {
		const zh = await search('/search?q=sybx', clerkCookie)
		const en = await search('/search?q=sybx', `${clerkCookie}; cr_lang=en`)
		const zhAgain = await search('/search?q=sybx', trainerCookie)
		expect([zh.cache, en.cache, zhAgain.cache]).toEqual(['miss', 'miss', 'hit'])
		expect(zh.results?.html).toContain('拼音匹配')
		expect(en.results?.html).toContain('Pinyin match')
		expect(en.results?.html).not.toContain('拼音匹配')
		expect(codesIn(en.results?.html)).toEqual(codesIn(zh.results?.html))

		const hostile = await search(`/search?q=${encodeURIComponent('<img src=x>')}`, clerkCookie)
		expect(hostile.results?.html).not.toContain('<img')
		expect(hostile.results?.html).toContain('&lt;img src=x&gt;')
	})

	test('a publish shows in the next search of a query already kept', async () => {
		const query = `/search?q=${encodeURIComponent('鹭岛')}`
		const before = await search(query, clerkCookie)
		expect(before.results?.total).toBe(0)
		expect((await search(query, clerkCookie)).cache).toBe('hit')

		const service = getCatalog().services.get('XY-SY-001')
		if (!service) throw new Error('XY-SY-001 is in the fixture')
		const published = await publishManual({
			actor: { id: 'editor-1', displayName: '王编辑' },
			reason: '增加材料',
			entries: [
				{
					code: 'XY-SY-001',
					body: service.body,
					frontmatter: {
						...service.frontmatter,
						materials: [...service.frontmatter.materials, { name: '鹭岛就业通行证', form: '原件' }],
					},
				},
			],
		})
		expect(published.ok ? [] : published.problems).toEqual([])
		const after = await search(query, clerkCookie)
		expect(after.cache).toBe('miss')
		expect(codesIn(after.results?.html)).toEqual(['XY-SY-001'])
	})
})
