// Open redirects: whatever a link puts in ?redirectTo= (sign-in) or a form in redirectTo (the
// language switch), the answer's Location stays on this site. The bypasses are those browsers
// normalise into another host: tabs and newlines dropped, backslashes read as slashes, "//".
import { describe, expect, test } from 'vitest'
import { action as languageAction } from '#app/routes/language/route.tsx'
import { action as loginAction } from '#app/routes/login/route.tsx'
import { makeSite, makeUser } from '#tests/factories/people.ts'
import { setupTestDatabase } from '#tests/setup/database.ts'
import { loaderArgs, makeRequest, responseOf } from '#tests/utils/requests.ts'

setupTestDatabase()

const bypasses = [
	'//evil.example/phish',
	'/\t/evil.example/phish',
	'/\n/evil.example/phish',
	'/\r\n/evil.example',
	'/\\evil.example',
	'\\\\evil.example',
	'/\\/evil.example',
	'/.//evil.example',
	'/%09/evil.example',
	' //evil.example',
	'\t//evil.example',
	'https://evil.example/',
	'http:evil.example',
	'javascript:alert(1)',
	'///evil.example',
	'/\u0000/evil.example',
	'//\u3000evil.example',
	'/\u200b/evil.example',
]

/** Where a browser would go from a page on http://localhost:3000 given this Location. */
function destination(location: string | null) {
	return new URL(location ?? '', 'http://localhost:3000/login')
}

describe('sign-in redirectTo', () => {
	test.each(bypasses)('%j stays on this site', async (redirectTo) => {
		const site = await makeSite()
		await makeUser({ username: 'c1', siteId: site.id })
		const request = makeRequest('/login', {
			form: { username: 'c1', password: 'demo-password', redirectTo },
		})
		const response = await responseOf(() => loginAction(loaderArgs(request)))
		expect(response.status).toBe(302)
		const to = destination(response.headers.get('Location'))
		expect(to.origin).toBe('http://localhost:3000')
	})

	test('the tab bypass from the report, as the hidden field carries it, lands home', async () => {
		const site = await makeSite()
		await makeUser({ username: 'c2', siteId: site.id })
		// /login?redirectTo=%2F%09%2Fevil.example%2Fphish: the page puts the decoded value in the form.
		const redirectTo = new URL(
			'http://x/login?redirectTo=%2F%09%2Fevil.example%2Fphish',
		).searchParams.get('redirectTo')
		const request = makeRequest('/login', {
			form: { username: 'c2', password: 'demo-password', redirectTo: redirectTo ?? '' },
		})
		const response = await responseOf(() => loginAction(loaderArgs(request)))
		expect(response.headers.get('Location')).toBe('/')
	})

	test('same-site paths with query and hash are kept, encoded slashes stay a path', async () => {
		const site = await makeSite()
		await makeUser({ username: 'c3', siteId: site.id })
		for (const [redirectTo, expected] of [
			['/services/XY-YL-008?tab=materials#steps', '/services/XY-YL-008?tab=materials#steps'],
			['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
			['/search?q=社保卡', '/search?q=%E7%A4%BE%E4%BF%9D%E5%8D%A1'],
		] as const) {
			const request = makeRequest('/login', {
				form: { username: 'c3', password: 'demo-password', redirectTo },
			})
			const response = await responseOf(() => loginAction(loaderArgs(request)))
			expect(response.headers.get('Location')).toBe(expected)
		}
	})
})

describe('language switch redirectTo', () => {
	test.each(bypasses)('%j stays on this site', async (redirectTo) => {
		const request = makeRequest('/language', { form: { language: 'en', redirectTo } })
		const response = await responseOf(() => languageAction(loaderArgs(request)))
		expect(response.status).toBe(302)
		expect(destination(response.headers.get('Location')).origin).toBe('http://localhost:3000')
		expect(response.headers.get('Set-Cookie')).toContain('cr_lang=en')
	})

	test('the page the switch was on is kept', async () => {
		const request = makeRequest('/language', {
			form: { language: 'zh', redirectTo: '/board?site=2' },
		})
		const response = await responseOf(() => languageAction(loaderArgs(request)))
		expect(response.headers.get('Location')).toBe('/board?site=2')
	})
})
