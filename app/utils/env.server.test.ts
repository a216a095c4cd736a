import { describe, expect, test } from 'vitest'
import { parseEnv, publicOrigin } from './env.server.ts'

describe('the environment', () => {
	test('production on a real database needs APP_ORIGIN, and says so', () => {
		expect(() =>
			parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db.internal/counter' }),
		).toThrow(/APP_ORIGIN: required in production/)
	})

	test('APP_ORIGIN must be origins, not pages or other schemes', () => {
		for (const bad of [
			'counter.example.gov.cn',
			'https://counter.example.gov.cn/app',
			'ftp://x.cn',
		])
			expect(() => parseEnv({ APP_ORIGIN: bad })).toThrow(/APP_ORIGIN/)
	})

	test('the first origin is the public one; a trailing slash is dropped', () => {
		const env = parseEnv({
			NODE_ENV: 'production',
			DATABASE_URL: 'postgres://db.internal/counter',
			APP_ORIGIN: 'https://counter.example.gov.cn/, http://10.1.2.3:3000',
		})
		expect(env.APP_ORIGIN).toEqual(['https://counter.example.gov.cn', 'http://10.1.2.3:3000'])
		expect(publicOrigin(env)).toBe('https://counter.example.gov.cn')
	})

	test('npm start on the embedded database still starts without it, on this machine', () => {
		expect(publicOrigin(parseEnv({ NODE_ENV: 'production', PORT: '3100' }))).toBe(
			'http://localhost:3100',
		)
	})
})
