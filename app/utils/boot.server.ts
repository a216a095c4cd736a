// Start-up, in order: environment, database, migrations, content, demo data. Called by
// server.js through the server build (entry.server.tsx), and by scripts.
import { type Catalog } from '#app/modules/catalog/catalog.server.ts'
import {
	loadPublishedCatalog,
	setOverlaySources,
	startManualRefresh,
} from '#app/modules/catalog/published.server.ts'
import { savedRules, settingsVersion } from '#app/modules/admin/settings.server.ts'
import { standardScenarios, standardsVersion } from '#app/modules/zero-refusal/register.server.ts'
import { syncCatalog } from '#app/modules/content/sync.server.ts'
import { isDatabaseEmpty, seedDemo } from '#app/modules/demo/seed.server.ts'
import { startStandingJob, stopStandingJob } from '#app/modules/readiness/trend.server.ts'
import {
	analyzeDatabase,
	closeDatabase,
	connectDatabase,
	migrateDatabase,
	startMaintenance,
	type DatabaseTarget,
} from './db.server.ts'
import { dataDir, getEnv, publicOrigin } from './env.server.ts'
import { cacheRoot, contentRoot } from './paths.server.ts'

export function databaseTarget(): DatabaseTarget {
	const env = getEnv()
	return env.DATABASE_URL
		? { kind: 'postgres', url: env.DATABASE_URL }
		: { kind: 'pglite', dataDir: dataDir() }
}

/**
 * `primary`: the process that boots once for several app servers (node:cluster) and then only
 * forks them: it prepares the database and the lesson cache and starts no scheduled work.
 * `worker`: one of those app servers, started after the primary: it loads (quietly) and runs the
 * scheduled work every server needs (the manual refresh, the standing job).
 */
export async function boot(
	log: (line: string) => void = console.log,
	options: { worker?: boolean; primary?: boolean } = {},
): Promise<{ catalog: Catalog; target: DatabaseTarget }> {
	const env = getEnv()
	const target = databaseTarget()
	const started = Date.now()
	await connectDatabase(target)
	log(`database: migrating ${target.kind === 'postgres' ? 'PostgreSQL' : 'PGlite'}…`)
	await migrateDatabase()
	log(
		`database: ${target.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${target.dataDir}`}, migrated`,
	)
	setOverlaySources({
		scenarios: { version: standardsVersion, load: standardScenarios },
		settings: { version: settingsVersion, load: savedRules },
	})
	log('content: loading the manual…')
	// Lessons whose source and data are unchanged come from the cache by content hash; the
	// rest are compiled, and the first start says how far it is.
	const catalog = await loadPublishedCatalog({
		root: contentRoot(),
		cacheDir: cacheRoot(),
		onProgress: (done, total) => {
			if (done === total || done % 25 === 0) log(`content: compiling lessons ${done}/${total}`)
		},
	})
	const sync = await syncCatalog(catalog)
	log(
		`content: ${catalog.ordered.length} services, ${catalog.bank.items.size - catalog.bank.scenarioCount} items, ${catalog.bank.scenarioCount} scenarios` +
			(sync.added.length + sync.revised.length > 0
				? ` (${sync.added.length} new, ${sync.revised.length} revised)`
				: ''),
	)
	// Demo data: the embedded database only, or a scratch PostgreSQL database of a browser test run.
	const demoAllowed = target.kind === 'pglite' || process.env.E2E_TEST_HOOKS === '1'
	if (demoAllowed && env.DEMO_DATA && (await isDatabaseEmpty())) {
		log('demo data: seeding (an empty database, once)…')
		await seedDemo(catalog)
		log('demo data loaded: admin / trainer / clerk, password demo-password')
	}
	if (!options.worker) await analyzeDatabase()
	if (options.primary) return { catalog, target }
	startMaintenance()
	// A publish on any app server reaches this one within seconds (docs/decisions/015).
	stopRefresh = startManualRefresh()
	// Several servers may run it: the snapshot keeps the first insert, the recount is idempotent.
	startStandingJob()
	if (options.worker) return { catalog, target }
	log(
		`certificate links: ${publicOrigin(env)}/verify/…` +
			(env.APP_ORIGIN.length > 0 ? '' : ' (set APP_ORIGIN to the public address)'),
	)
	log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`)
	return { catalog, target }
}

let stopRefresh: (() => void) | null = null

export async function shutdown(): Promise<void> {
	stopRefresh?.()
	stopRefresh = null
	stopStandingJob()
	await closeDatabase()
}
