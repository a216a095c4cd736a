// The board's CSV read back as Excel would: no cell it would take for a date (8/8, 1/3, 10-10),
// and certified and required as plain numbers in their own columns.
import { parse } from 'csv-parse/sync'
import { expect, test } from 'vitest'
import { z } from 'zod'
import { grantCertifications } from '#app/modules/certification/grant.server.ts'
import { loader as exportLoader } from '#app/routes/board.export/route.tsx'
import { getDb } from '#app/utils/db.server.ts'
import { makeSite, makeUser, offerServices } from '#tests/factories/people.ts'
import { setupTestDatabase } from '#tests/setup/database.ts'
import { copyFixtureContent, loadTestCatalog } from '#tests/utils/content.ts'
import { loaderArgs, makeRequest, sessionCookieFor } from '#tests/utils/requests.ts'

setupTestDatabase()

/** What Excel turns into a date when it opens a CSV: d/m, m/d/y, y-m-d, d-m, 1-Jan… */
const excelDateLike =
	/^\s*(\d{1,4}\s*[/\-.]\s*\d{1,2}(\s*[/\-.]\s*\d{1,4})?|\d{1,2}\s*[-/ ]\s*[a-z]{3,9}|[a-z]{3,9}\s*[-/ ]\s*\d{1,4})\s*$/i

test('no cell of the board CSV is one Excel would open as a date', async () => {
	const catalog = await loadTestCatalog(await copyFixtureContent())
	const codes = catalog.ordered.map((s) => s.code)
	const hall = await makeSite({ kind: 'hall' })
	const point = await makeSite({ kind: 'point' })
	await offerServices(point.id, codes.slice(0, 3))
	const admin = await makeUser({ role: 'admin', siteId: hall.id })
	const people = [
		await makeUser({ siteId: hall.id }),
		await makeUser({ siteId: point.id }),
		await makeUser({ siteId: point.id }),
	]
	// All, one of three, and none: the cells that used to read 8/8, 1/3 and 0/3.
	await grantCertifications(
		getDb(),
		[
			...codes.map((code) => ({
				userId: people[0]?.id ?? '',
				serviceCode: code,
				revision: catalog.services.get(code)?.revision ?? '',
				source: 'quiz' as const,
			})),
			{
				userId: people[1]?.id ?? '',
				serviceCode: codes[0] ?? '',
				revision: catalog.services.get(codes[0] ?? '')?.revision ?? '',
				source: 'quiz' as const,
			},
		],
		catalog.rules,
	)
	const cookie = await sessionCookieFor(admin.id)
	const response = await exportLoader(
		loaderArgs(makeRequest('/board/export?what=board&format=csv', { cookie })),
	)
	const rows = z
		.array(z.array(z.string()))
		.parse(parse(await response.text(), { bom: true, relax_column_count: false }))
	const [header, ...body] = rows
	expect(body).toHaveLength(3)
	for (const row of rows)
		for (const cell of row) expect(cell, `cell "${cell}"`).not.toMatch(excelDateLike)
	// Per category, certified and required side by side as numbers.
	const category = catalog.categories.find((c) =>
		catalog.ordered.some((s) => s.frontmatter.category === c.name && s.code === codes[0]),
	)?.name
	const certifiedAt = header?.indexOf(`${category} 已认证`) ?? -1
	const requiredAt = header?.indexOf(`${category} 应认证`) ?? -1
	expect(certifiedAt).toBeGreaterThan(0)
	expect(requiredAt).toBe(certifiedAt + 1)
	const pointRow = body.find((r) => r[0] === people[1]?.username)
	expect(pointRow?.[certifiedAt]).toMatch(/^\d+$/)
	expect(Number(pointRow?.[certifiedAt])).toBeLessThanOrEqual(Number(pointRow?.[requiredAt]))
	// The same pattern would have caught the old cells.
	for (const old of ['8/8', '10/10', '1/3']) expect(old).toMatch(excelDateLike)
})
