// Rough edges a new user met (issue #13): each fixed where a user would notice it.
import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { users } from '#drizzle/schema/index.ts'
import { serviceItemAnalysis } from '#app/modules/reports/item-analysis.server.ts'
import { setSiteServices, siteServiceCodes } from '#app/modules/people/site-services.server.ts'
import { action as servicesAction } from '#app/routes/admin.sites_.$id.services/route.tsx'
import { action as importAction } from '#app/routes/people.import/route.tsx'
import { loader as templateLoader } from '#app/routes/people.import-template/route.tsx'
import { loader as verifyCodeLoader } from '#app/routes/verify.$code/route.tsx'
import { loader as verifyLoader } from '#app/routes/verify._index/route.tsx'
import { getDb } from '#app/utils/db.server.ts'
import { makeSite, makeUser } from '#tests/factories/people.ts'
import { setupTestDatabase } from '#tests/setup/database.ts'
import { certify } from '#tests/utils/answers.ts'
import { copyFixtureContent, loadTestCatalog } from '#tests/utils/content.ts'
import {
	dataOf,
	loaderArgs,
	makeRequest,
	responseOf,
	sessionCookieFor,
} from '#tests/utils/requests.ts'

setupTestDatabase({ persistent: true })

function upload(cookie: string, name: string, bytes: Uint8Array) {
	const form = new FormData()
	form.set('file', new File([new Uint8Array(bytes)], name))
	return dataOf(() => importAction(loaderArgs(makeRequest('/people/import', { cookie, form }))))
}

describe('people import', () => {
	test('a CSV saved by Chinese Excel (GBK) is read', async () => {
		const site = await makeSite({ name: '古城社区服务点', code: 'gucheng', kind: 'point' })
		const admin = await makeUser({ role: 'admin', siteId: site.id })
		// "工号,姓名,站点,班级,角色 / c2001,王小明,古城社区服务点,,学员" encoded as GBK.
		const gbk = Buffer.from(
			'b9a4bac52cd0d5c3fb2cd5beb5e32cb0e0bcb62cbdc7c9ab0d0a63323030312ccdf5d0a1c3f72cb9c5b3c7c9e7c7f8b7fecef1b5e32c2cd1a7d4b10d0a',
			'hex',
		)
		const result = await upload(await sessionCookieFor(admin.id), 'people.csv', gbk)
		expect(result.status).toBe(201)
		const [created] = await getDb().select().from(users).where(eq(users.username, 'c2001'))
		expect(created?.displayName).toBe('王小明')
	})

	test('the template downloads for trainers and admins and reads back as an import', async () => {
		const hall = await makeSite({ name: '市人社服务大厅', code: 'hall', kind: 'hall' })
		const admin = await makeUser({ role: 'admin', siteId: hall.id })
		const clerk = await makeUser({ siteId: hall.id })
		const cookie = await sessionCookieFor(admin.id)
		const response = await responseOf(() =>
			templateLoader(loaderArgs(makeRequest('/people/import-template', { cookie }))),
		)
		expect(response.headers.get('Content-Type')).toContain('text/csv')
		expect(response.headers.get('Content-Disposition')).toContain('attachment')
		const bytes = new Uint8Array(await response.arrayBuffer())
		expect(new TextDecoder().decode(bytes).split('\r\n')[0]).toBe('工号,姓名,站点,班级,角色')
		// The example's cohort does not exist here: the import names that cell, nothing else.
		const result = await upload(cookie, 'template.csv', bytes)
		expect(result.status).toBe(422)
		expect(JSON.stringify(result.value)).toContain('unknownCohort')
		const clerkCookie = await sessionCookieFor(clerk.id)
		const refused = await responseOf(() =>
			templateLoader(loaderArgs(makeRequest('/people/import-template', { cookie: clerkCookie }))),
		)
		expect(refused.status).toBe(403)
	})
})

describe('/verify', () => {
	test('without a code it is a form, not a sign-in redirect; an unknown code is a 404', async () => {
		expect(await verifyLoader(loaderArgs(makeRequest('/verify')))).toBeNull()
		const redirect = await responseOf(() =>
			verifyLoader(loaderArgs(makeRequest('/verify?code=abcd-efgh-jkmn'))),
		)
		expect(redirect.headers.get('Location')).toBe('/verify/ABCD-EFGH-JKMN')
		const unknown = await dataOf(() =>
			verifyCodeLoader(
				loaderArgs(makeRequest('/verify/AAAA-BBBB-CCCC'), { code: 'AAAA-BBBB-CCCC' }),
			),
		)
		expect(unknown.status).toBe(404)
		expect(unknown.value.found).toBe(false)
	})
})

describe('item analysis', () => {
	test('stems are rendered Markdown, not raw asterisks', async () => {
		const catalog = await loadTestCatalog(await copyFixtureContent())
		const site = await makeSite({ kind: 'hall', offersAllServices: true })
		const row = await makeUser({ siteId: site.id })
		await certify({ ...row, role: 'clerk' }, 'XY-SY-001', catalog)
		const items = await serviceItemAnalysis('XY-SY-001', null, catalog)
		expect(items.length).toBeGreaterThan(0)
		for (const item of items) expect(item.stemHtml ?? '').not.toContain('**')
		const materials = items.find((item) => item.stem?.includes('**全部**'))
		if (materials) expect(materials.stemHtml).toContain('<strong>全部</strong>')
	})
})

describe('a site’s service set', () => {
	test('a search keeps what it did not show; copy takes another site’s set; bad input changes nothing', async () => {
		const catalog = await loadTestCatalog(await copyFixtureContent())
		const codes = catalog.ordered.map((s) => s.code)
		const [a, b, c] = codes
		if (!a || !b || !c) throw new Error('fixture has services')
		const hall = await makeSite({ kind: 'hall', offersAllServices: true })
		const point = await makeSite({ kind: 'point' })
		const other = await makeSite({ kind: 'point' })
		await setSiteServices(point.id, [a, b])
		await setSiteServices(other.id, [c])
		const admin = await makeUser({ role: 'admin', siteId: hall.id })
		const cookie = await sessionCookieFor(admin.id)
		const post = (form: Record<string, string | Array<string>>) =>
			dataOf(() =>
				servicesAction(
					loaderArgs(makeRequest(`/admin/sites/${point.id}/services`, { cookie, form }), {
						id: String(point.id),
					}),
				),
			)
		// The page showed only c (a search); unticking nothing and ticking c keeps a and b.
		await post({ intent: 'save', shown: [c], services: [c] })
		expect((await siteServiceCodes(point.id)).sort()).toEqual([a, b, c].sort())
		await post({ intent: 'none-shown', shown: [a], services: [a] })
		expect((await siteServiceCodes(point.id)).sort()).toEqual([b, c].sort())
		const bads: Array<Record<string, string | Array<string>>> = [
			{ intent: 'save', shown: ['XY-NO-999'], services: [] },
			{ intent: 'explode', shown: [a], services: [] },
			{ intent: 'copy', from: String(point.id) },
			{ intent: 'copy', from: '99999999999' },
		]
		for (const bad of bads) {
			const refused = await post(bad)
			expect(refused.status).toBe(400)
		}
		expect((await siteServiceCodes(point.id)).sort()).toEqual([b, c].sort())
		const copied = await post({ intent: 'copy', from: String(other.id) })
		expect(copied.value).toMatchObject({ ok: true, count: 1 })
		expect(await siteServiceCodes(point.id)).toEqual([c])
		await post({ intent: 'copy', from: String(hall.id) })
		expect((await siteServiceCodes(point.id)).length).toBe(codes.length)
	})
})
