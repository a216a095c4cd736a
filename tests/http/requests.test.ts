// Bad input at the door, against the real server: every body has a limit and a clear 413,
// anything that is not a form post is 415, NUL and broken addresses are 400, the retired
// ?_data= is 400 without a stack trace, huge ids are 404 — never a 5xx (docs/decisions/009).
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { makeSite, makeUser } from '#tests/factories/people.ts'
import { copyFixtureContent } from '#tests/utils/content.ts'
import { sessionCookieFor } from '#tests/utils/requests.ts'
import {
	removeDir,
	serverDatabase,
	startServer,
	type ServerDatabase,
	type TestServer,
} from './server.ts'

let database: ServerDatabase
let server: TestServer
let contentDir: string
let adminCookie: string
let clerkCookie: string

beforeAll(async () => {
	database = await serverDatabase()
	await database.connect()
	const site = await makeSite({ name: '大厅', code: 'hall' })
	const admin = await makeUser({ username: 'boss', role: 'admin', siteId: site.id })
	const clerk = await makeUser({ username: 'c1', siteId: site.id })
	adminCookie = await sessionCookieFor(admin.id)
	clerkCookie = await sessionCookieFor(clerk.id)
	await database.disconnect()
	contentDir = await copyFixtureContent()
	server = await startServer({ database, contentDir })
})

afterAll(async () => {
	await server?.stop()
	await database?.dispose()
	await removeDir(contentDir)
})

function post(path: string, body: BodyInit | null, headers: Record<string, string> = {}) {
	return fetch(`${server.origin}${path}`, {
		method: 'POST',
		body,
		redirect: 'manual',
		headers: { Origin: server.origin, ...headers },
	})
}

function get(path: string, cookie?: string, headers: Record<string, string> = {}) {
	return fetch(`${server.origin}${path}`, {
		redirect: 'manual',
		headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers },
	})
}

/** A request whose head declares a body it never sends in full (the server must not wait). */
function declaredOnly(
	path: string,
	declaredBytes: number,
): Promise<{ status: number; body: string }> {
	const url = new URL(path, server.origin)
	return new Promise((resolve, reject) => {
		const request = http.request(url, {
			method: 'POST',
			headers: {
				Origin: server.origin,
				'Content-Type': 'application/x-www-form-urlencoded',
				'Content-Length': String(declaredBytes),
			},
		})
		request.on('response', (response) => {
			let body = ''
			response.on('data', (chunk: Buffer) => (body += chunk.toString()))
			response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
		})
		request.on('error', reject)
		request.write('username=a&password=')
	})
}

describe('request bodies have a limit', () => {
	test('an anonymous 64 MB form post to /login is refused from its head, with a message', async () => {
		const answer = await declaredOnly('/login', 64 * 1024 * 1024)
		expect(answer.status).toBe(413)
		expect(answer.body).toContain('提交的内容太大')
		expect(answer.body).toContain('too large')
	})

	test('a chunked body that grows past the limit is cut off with 413', async () => {
		const chunks = new ReadableStream({
			start(controller) {
				for (let i = 0; i < 40; i++)
					controller.enqueue(new TextEncoder().encode('a'.repeat(16 * 1024)))
				controller.close()
			},
		})
		const response = await fetch(`${server.origin}/login`, {
			method: 'POST',
			body: chunks,
			duplex: 'half',
			headers: { Origin: server.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
		} as RequestInit)
		expect(response.status).toBe(413)
	})

	test('an upload has a larger limit, and above it a 413 too', async () => {
		const form = new FormData()
		form.append('file', new Blob([new Uint8Array(4 * 1024 * 1024)]), 'big.csv')
		const response = await post('/people/import', form, { Cookie: adminCookie })
		expect(response.status).toBe(413)
		expect(await response.text()).toContain('3 MB')
	})
})

describe('what is not a form post is refused with 415', () => {
	test.each([
		['application/json', '{"username":"c1","password":"x"}'],
		['text/plain', 'username=c1&password=x'],
		['application/octet-stream', '\u0000\u00ff\u0001garbage'],
		['multipart/form-data', 'no boundary at all'],
		['application/xml', '<a/>'],
	])('anonymous /login with %s', async (type, body) => {
		const response = await post('/login', body, { 'Content-Type': type })
		expect(response.status).toBe(415)
		expect(await response.text()).toContain('只接受网页表单提交的内容')
	})

	test('a post with no content type at all, signed in', async () => {
		const response = await post('/people/new', null, { Cookie: adminCookie })
		expect(response.status).toBe(415)
	})

	test('a broken multipart body is 400, not an exception in the action', async () => {
		const response = await post(
			'/login',
			'--x\r\nContent-Disposition: form-data\r\n\r\nunterminated',
			{
				'Content-Type': 'multipart/form-data; boundary=x',
			},
		)
		expect(response.status).toBe(400)
		expect(await response.text()).toContain('无法读取')
	})
})

describe('NUL bytes and broken addresses are 400', () => {
	test('a NUL in the username of a sign-in', async () => {
		const response = await post(
			'/login',
			new URLSearchParams({ username: 'c1\u0000', password: 'x' }),
		)
		expect(response.status).toBe(400)
		expect(await response.text()).toContain('空字符')
	})

	test('a NUL in a multipart text field', async () => {
		const form = new FormData()
		form.append('displayName', 'a\u0000b')
		form.append('intent', 'save')
		const response = await post('/people/new', form, { Cookie: adminCookie })
		expect(response.status).toBe(400)
	})

	test.each(['/people?q=%00', '/board/people/%00', '/people/%00', '/services/XY-SBK-004%00'])(
		'GET %s',
		async (path) => {
			const response = await get(path, adminCookie, { Accept: 'text/html' })
			expect(response.status).toBe(400)
			const page = await response.text()
			expect(page).toContain('<html lang="zh-CN">')
			expect(page).toContain('请求中含有无效字符')
		},
	)

	test('a broken percent-escape in the path', async () => {
		expect((await get('/people/%E0%A4%A', adminCookie)).status).toBe(400)
	})
})

describe('what Node itself cannot parse', () => {
	test('an address past 16 KB is 431 with a message, for a GET and a POST with a body', async () => {
		const long = `/people/${'%E5%B7%A5'.repeat(2500)}`
		const get = await fetch(`${server.origin}${long}`)
		expect(get.status).toBe(431)
		expect(await get.text()).toContain('请求地址或请求头太长')
		const posted = await post(long, new URLSearchParams({ q: 'x' }))
		expect(posted.status).toBe(431)
	})
})

describe('numbers and protocols no route knows', () => {
	test('an id beyond the database integer is 404', async () => {
		const response = await get('/admin/sites/99999999999999999999/services', adminCookie)
		expect(response.status).toBe(404)
	})

	test('a site filter beyond the database integer is ignored', async () => {
		expect(
			(await get('/people?site=3000000000&cohort=99999999999999999999', adminCookie)).status,
		).toBe(200)
	})

	test('impossible dates in the audit filter are ignored', async () => {
		expect((await get('/admin/audit?from=2026-13-45&to=9999-99-99', adminCookie)).status).toBe(200)
	})

	test('?_data= is 400 and leaves no stack trace in the log', async () => {
		for (const path of [
			'/login?_data=routes/login',
			'/people?_data=routes%2Fpeople._index',
			'/?_data=root',
		]) {
			expect((await get(path, adminCookie)).status).toBe(400)
		}
		expect(server.log()).not.toMatch(/\n\s+at |Error:/)
	})

	test('methods no route has are 405, without a stack trace either', async () => {
		for (const method of ['PUT', 'DELETE', 'PATCH']) {
			const response = await fetch(`${server.origin}/services`, {
				method,
				headers: { Origin: server.origin, Cookie: clerkCookie },
			})
			expect(response.status).toBe(405)
			expect(response.headers.get('Allow')).toBe('GET, HEAD, POST')
		}
		const noAction = await post('/services', new URLSearchParams({ q: 'x' }), {
			Cookie: clerkCookie,
		})
		expect(noAction.status).toBe(405)
		expect(server.log()).not.toMatch(/\n\s+at |Error:/)
	})
})

/** The nonce a response's Content-Security-Policy allows scripts with. */
function nonceOf(response: Response): string {
	const policy = response.headers.get('Content-Security-Policy') ?? ''
	const match = /script-src 'self' 'nonce-([A-Za-z0-9_-]+)'/.exec(policy)
	if (!match?.[1]) throw new Error(`no script nonce in ${policy}`)
	return match[1]
}

function scriptNonces(html: string): Array<string> {
	return [...html.matchAll(/<script\b[^>]*>/g)].map(
		(tag) => /nonce="([^"]*)"/.exec(tag[0])?.[1] ?? '',
	)
}

describe('Content-Security-Policy', () => {
	test('every inline script of a page carries the nonce of its own response', async () => {
		const first = await get('/login')
		const second = await get('/login')
		const [a, b] = [nonceOf(first), nonceOf(second)]
		expect(a).not.toBe(b)
		const policy = first.headers.get('Content-Security-Policy') ?? ''
		expect(policy).toContain("default-src 'self'")
		expect(policy).toContain("frame-ancestors 'none'")
		expect(policy).not.toContain("script-src 'self' 'unsafe-inline'")
		const scripts = scriptNonces(await first.text())
		expect(scripts.length).toBeGreaterThan(1)
		expect(new Set(scripts)).toEqual(new Set([a]))
	})

	test('a cached lesson page gets a new nonce on every hit', async () => {
		const answers = []
		for (let i = 0; i < 3; i++) answers.push(await get('/services/XY-SBK-004', clerkCookie))
		expect(answers.map((r) => r.headers.get('X-Page-Cache'))).toEqual(['miss', 'hit', 'hit'])
		const nonces = answers.map(nonceOf)
		expect(new Set(nonces).size).toBe(3)
		for (const [i, response] of answers.entries()) {
			expect(new Set(scriptNonces(await response.text()))).toEqual(new Set([nonces[i]]))
		}
	})
})

describe('Cache-Control', () => {
	test.each(['/services', '/services/XY-SBK-004', '/certifications', '/services.data'])(
		'signed-in %s is private, no-store',
		async (path) => {
			const response = await get(path, clerkCookie)
			expect(response.status).toBe(200)
			expect(response.headers.get('Cache-Control')).toBe('private, no-store')
		},
	)

	test('a lesson page from the page cache is private, no-store too', async () => {
		await get('/services/XY-SBK-005', adminCookie)
		const hit = await get('/services/XY-SBK-005', adminCookie)
		expect(hit.headers.get('X-Page-Cache')).toBe('hit')
		expect(hit.headers.get('Cache-Control')).toBe('private, no-store')
	})

	test('static files keep their own caching', async () => {
		const response = await get('/favicon.svg')
		expect(response.headers.get('Cache-Control')).toMatch(/max-age=3600/)
	})
})

describe('page text', () => {
	// React 18.3's stream can leave NUL bytes inside Chinese text at its 2 KB buffer edges; a
	// page without JavaScript (or a screen reader) would then read "第 1 题\0（已答）".
	test('no page carries a NUL byte, whatever its length', async () => {
		const pages = ['/services', '/certifications', '/search?q=养老', '/', '/review', '/notebook']
		for (const path of pages) {
			const response = await get(path, clerkCookie)
			const bytes = new Uint8Array(await response.arrayBuffer())
			expect(bytes.length, path).toBeGreaterThan(4096)
			expect(bytes.indexOf(0), `${path} has a NUL byte`).toBe(-1)
		}
		const admin = await get('/people', adminCookie)
		expect(new Uint8Array(await admin.arrayBuffer()).indexOf(0)).toBe(-1)
	})
})
