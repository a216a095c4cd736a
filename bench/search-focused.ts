// GET /search at 32 connections against a running server (BASE, default http://localhost:3361),
// signed in as the demo clerk, then a static file of the page's mean size on the same server
// (the ratio is steadier than req/s on a busy machine).
// Usage: BASE=http://localhost:3361 tsx bench/search-focused.ts
//   EMPTY=1   the page without a query, the floor of any page of the app
//   MISSES=1  thousands of distinct queries (each service name's first 2, 3 and 4 characters and
//             their pinyin initials, pages 1 and 2), so results already rendered are rare;
//             otherwise 10 queries that repeat (hits once each has been asked)
import { rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { load } from './load.ts'
import { distinctSearchPaths, repeatingPaths } from './search-queries.ts'

const base = process.env.BASE ?? 'http://localhost:3361'
const seconds = Number(process.env.SECONDS ?? 10)
const paths = process.env.EMPTY
	? ['/search']
	: process.env.MISSES
		? await distinctSearchPaths()
		: repeatingPaths

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
// Misses: start somewhere else in the list each run, as the server keeps what it rendered.
const start = process.env.MISSES ? Math.floor(Math.random() * paths.length) : 0
const page = await load({
	base,
	connections: 32,
	seconds,
	next: (i) => ({
		path: paths[(start + i) % paths.length] ?? '/search',
		headers: { Cookie: cookie },
	}),
	// The page shell (X-Page-Cache), or with HEADER=X-Search-Cache the results within a rendered page.
	countHeader: process.env.HEADER ?? 'X-Page-Cache',
})
// The static file: the page's mean size, served by the same server's static middleware.
const staticName = '__bench-search-static.html'
await writeFile(path.join('public', staticName), 'x'.repeat(page.meanBytes || 20_000))
let staticFile
try {
	staticFile = await load({
		base,
		connections: 32,
		seconds,
		next: () => ({ path: `/${staticName}` }),
	})
} finally {
	await rm(path.join('public', staticName), { force: true })
}
console.log(
	JSON.stringify({
		distinctPaths: paths.length,
		page,
		staticRequestsPerSecond: staticFile.requestsPerSecond,
		pageToStatic:
			Math.round((page.requestsPerSecond / (staticFile.requestsPerSecond || 1)) * 100) / 100,
		load: os
			.loadavg()
			.map((l) => l.toFixed(2))
			.join(' '),
	}),
)
