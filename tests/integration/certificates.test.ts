// Certificates point to the public verification page at APP_ORIGIN, whatever Host header the
// request that printed them carried; the verification page is rate-limited per address.
import { describe, expect, test } from 'vitest'
import { certificates } from '#drizzle/schema/index.ts'
import { newVerificationCode, qrSvg } from '#app/modules/certification/certificates.server.ts'
import { verifyLimit } from '#app/modules/certification/verify-limit.server.ts'
import { loader as certificateLoader } from '#app/routes/certificates.$code/route.tsx'
import { loader as verifyLoader } from '#app/routes/verify.$code/route.tsx'
import { getDb } from '#app/utils/db.server.ts'
import { makeSite, makeUser } from '#tests/factories/people.ts'
import { setupTestDatabase } from '#tests/setup/database.ts'
import { copyFixtureContent, loadTestCatalog } from '#tests/utils/content.ts'
import { dataOf, responseOf, sessionCookieFor } from '#tests/utils/requests.ts'

// Read once by getEnv(), before any test of this file asks for it.
process.env.APP_ORIGIN = 'https://counter.example.gov.cn'

setupTestDatabase()

async function certificateOf(userId: string) {
	const code = newVerificationCode()
	await getDb()
		.insert(certificates)
		.values({
			code,
			userId,
			kind: 'services',
			snapshot: {
				name: '王窗口',
				username: 'c1',
				siteName: '大厅',
				validUntil: new Date(Date.now() + 86_400_000).toISOString(),
				services: [],
				examExpiresAt: null,
			},
		})
	return code
}

function verify(code: string, address: string) {
	return verifyLoader({
		request: new Request(`http://localhost:3000/verify/${code}`),
		params: { code },
		context: { clientAddress: address },
	})
}

describe('certificate links', () => {
	test('the link and the QR code come from APP_ORIGIN, not from the Host header', async () => {
		await loadTestCatalog(await copyFixtureContent())
		const site = await makeSite()
		const clerk = await makeUser({ username: 'c1', siteId: site.id })
		const code = await certificateOf(clerk.id)
		const request = new Request(`http://evil.example/certificates/${code}`, {
			headers: { Cookie: await sessionCookieFor(clerk.id), Host: 'evil.example' },
		})
		const { value } = await dataOf(() =>
			certificateLoader({ request, params: { code }, context: {} }),
		)
		expect(value.verifyUrl).toBe(`https://counter.example.gov.cn/verify/${code}`)
		expect(value.qr).toBe(await qrSvg(value.verifyUrl))
	})
})

describe('the verification page', () => {
	test(`answers ${verifyLimit.lookups} lookups a minute from one address, then 429`, async () => {
		for (let i = 0; i < verifyLimit.lookups; i++) {
			const { value } = await dataOf(() => verify('AAAA-BBBB-CCCC', '10.9.0.1'))
			expect(value.found).toBe(false)
		}
		const refused = await responseOf(() => verify('AAAA-BBBB-CCCC', '10.9.0.1'))
		expect(refused.status).toBe(429)
		expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0)
		const elsewhere = await dataOf(() => verify('AAAA-BBBB-CCCC', '10.9.0.2'))
		expect(elsewhere.value.found).toBe(false)
	})
})
