// GET /search at 32 connections against a running server (BASE, default http://localhost:3361),
// signed in as the demo clerk. Usage: BASE=http://localhost:3361 tsx bench/search-focused.ts
import os from 'node:os'
import { load } from './load.ts'

const base = process.env.BASE ?? 'http://localhost:3361'
const queries = [
	'失业保险金怎么申领',
	'sybx',
	'工伤认定',
	'gsrd',
	'社会保障卡补领',
	'退休',
	'tx',
	'档案丢失',
	'劳动仲裁',
	'居民身份证',
]

const response = await fetch(`${base}/login`, {
	method: 'POST',
	redirect: 'manual',
	headers: { Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' },
	body: new URLSearchParams({ username: 'clerk', password: 'demo-password', redirectTo: '/' }),
})
const cookie = response.headers
	.getSetCookie()
	.map((c) => c.split(';')[0])
	.join('; ')
if (!cookie) throw new Error(`sign-in failed: ${response.status}`)
const sizes = await Promise.all(
	queries.map(
		async (q) =>
			(
				await (
					await fetch(`${base}/search?q=${encodeURIComponent(q)}`, { headers: { Cookie: cookie } })
				).text()
			).length,
	),
)
const result = await load({
	base,
	connections: 32,
	seconds: Number(process.env.SECONDS ?? 10),
	next: (i) => ({
		// EMPTY=1: the page without a query, the floor of any page of the app.
		path: process.env.EMPTY
			? '/search'
			: `/search?q=${encodeURIComponent(queries[i % queries.length] ?? '退休')}`,
		headers: { Cookie: cookie },
	}),
})
console.log(
	JSON.stringify({
		...result,
		pageChars: sizes,
		load: os
			.loadavg()
			.map((l) => l.toFixed(2))
			.join(' '),
	}),
)
