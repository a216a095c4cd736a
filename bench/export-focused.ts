// A focused measure of the certification export (in process, no HTTP): seeds BENCH_CLERKS clerks
// with certifications once into a kept database (EXPORT_DB_NAME on DATABASE_URL, or the PGlite
// directory EXPORT_PGLITE_DIR), then streams the CSV and the XLSX to nowhere and prints MB/s and
// the peak RSS. Usage: BENCH_CLERKS=300 tsx bench/export-focused.ts
// EXPORT_FORMATS=read,csv,xlsx picks what is measured; `read` only reads the rows (the floor).
// EXPORT_CPU_PROFILE=<dir> writes a V8 CPU profile of each export alone (not the seed or the
// catalog load) to <dir>/<format>.cpuprofile, for Chrome DevTools or any .cpuprofile reader.
import { mkdir, writeFile } from 'node:fs/promises'
import { Session } from 'node:inspector/promises'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { loadCatalog } from '#app/modules/catalog/catalog.server.ts'
import { syncCatalog } from '#app/modules/content/sync.server.ts'
import {
	certificationExport,
	csvResponse,
	xlsxResponse,
} from '#app/modules/reports/export.server.ts'
import {
	closeDatabase,
	connectDatabase,
	migrateDatabase,
	queryRows,
	type DatabaseTarget,
} from '#app/utils/db.server.ts'
import { seedBench } from './seed.ts'

async function main() {
	let target: DatabaseTarget
	if (process.env.DATABASE_URL) {
		const name = process.env.EXPORT_DB_NAME ?? 'cr_f3_export'
		const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} })
		const [exists] = await admin`select 1 from pg_database where datname = ${name}`
		if (!exists) await admin.unsafe(`CREATE DATABASE ${name}`)
		await admin.end()
		const url = new URL(process.env.DATABASE_URL)
		url.pathname = `/${name}`
		target = { kind: 'postgres', url: url.toString() }
	} else {
		target = {
			kind: 'pglite',
			dataDir: path.resolve(process.env.EXPORT_PGLITE_DIR ?? 'bench/.data/export-focused'),
		}
	}
	await connectDatabase(target)
	await migrateDatabase()
	const catalog = await loadCatalog({
		root: path.resolve('content'),
		cacheDir: path.resolve('.cache'),
	})
	const [count] = await queryRows<{ n: number }>(sql`select count(*)::int as n from certifications`)
	if (!count?.n) {
		await syncCatalog(catalog)
		const t = performance.now()
		await seedBench(catalog, {
			clerks: Number(process.env.BENCH_CLERKS ?? 300),
			certifications: true,
			readers: 1,
		})
		console.log(`seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`)
	}
	const [after] = await queryRows<{ n: number }>(sql`select count(*)::int as n from certifications`)
	console.log(
		`${target.kind}: ${after?.n} certifications; load ${os
			.loadavg()
			.map((l) => l.toFixed(2))
			.join(' ')}`,
	)

	const profileDir = process.env.EXPORT_CPU_PROFILE
	const profiler = profileDir ? new Session() : null
	if (profiler) {
		profiler.connect()
		await profiler.post('Profiler.enable')
	}
	for (const format of (process.env.EXPORT_FORMATS ?? 'csv,xlsx').split(',')) {
		global.gc?.()
		await profiler?.post('Profiler.start')
		const rssBefore = process.memoryUsage().rss
		let rssMax = rssBefore
		const sampler = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage().rss)), 100)
		const t = performance.now()
		const { columns, batches } = certificationExport(null)
		let bytes = 0
		if (format === 'read') {
			// The floor: the rows read from the database and nothing written.
			for await (const batch of batches) void batch
		} else {
			const response =
				format === 'csv'
					? csvResponse('x.csv', columns, batches)
					: xlsxResponse('x.xlsx', 'x', columns, batches)
			const reader = response.body!.getReader()
			for (;;) {
				const chunk = await reader.read()
				if (chunk.done) break
				bytes += chunk.value.byteLength
			}
		}
		clearInterval(sampler)
		const seconds = (performance.now() - t) / 1000
		if (profiler && profileDir) {
			const { profile } = await profiler.post('Profiler.stop')
			await mkdir(profileDir, { recursive: true })
			await writeFile(path.join(profileDir, `${format}.cpuprofile`), JSON.stringify(profile))
		}
		console.log(
			`${format}: ${(bytes / 2 ** 20).toFixed(1)} MB in ${seconds.toFixed(2)} s = ${(bytes / 2 ** 20 / seconds).toFixed(2)} MB/s, ${Math.round((after?.n ?? 0) / seconds)} rows/s; RSS ${(rssBefore / 2 ** 20).toFixed(0)} → max ${(rssMax / 2 ** 20).toFixed(0)} MB; load ${os.loadavg()[0]?.toFixed(2)}`,
		)
	}
	await closeDatabase()
}

await main()
