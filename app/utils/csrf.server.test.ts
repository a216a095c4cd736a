import { describe, expect, test } from 'vitest'
import { isRequestFromOwnOrigin } from './csrf.server.ts'

const self = 'http://localhost:3000'
const check = (method: string, origin?: string, referer?: string, allowed: Array<string> = []) =>
	isRequestFromOwnOrigin({ method, selfOrigin: self, origin, referer, allowedOrigins: allowed })

describe('the Origin check', () => {
	test.each([
		['a GET from anywhere', check('GET', 'http://evil.example'), true],
		['a POST from this site', check('POST', self), true],
		['a POST from another site', check('POST', 'http://evil.example'), false],
		['a POST with Origin "null" (sandboxed frame)', check('POST', 'null'), false],
		['a POST with neither Origin nor Referer', check('POST'), false],
		['a POST with only a same-site Referer', check('POST', undefined, `${self}/people/new`), true],
		['a POST with a cross-site Referer', check('POST', undefined, 'http://evil.example/x'), false],
		[
			'a POST from a configured public origin',
			check('POST', 'https://hall.example', undefined, ['https://hall.example']),
			true,
		],
		['a DELETE from another port', check('DELETE', 'http://localhost:4000'), false],
	])('%s', (_, allowed, expected) => {
		expect(allowed).toBe(expected)
	})
})
