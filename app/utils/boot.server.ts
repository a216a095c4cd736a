// Start-up, in order: environment, database, migrations, content, demo data. Called by
// server.js through the server build (entry.server.tsx), and by scripts.
import path from 'node:path'
import { type Catalog } from '#app/modules/catalog/catalog.server.ts'
import {
	loadPublishedCatalog,
	setOverlaySources,
	startManualRefresh,
} from '#app/modules/catalog/published.server.ts'
import { codeVersionOf, type SnapshotOutcome } from '#app/modules/catalog/snapshot.server.ts'
import { savedRules, settingsVersion } from '#app/modules/admin/settings.server.ts'
import { standardScenarios, standardsVersion } from '#app/modules/zero-refusal/register.server.ts'
import { syncCatalog } from '#app/modules/content/sync.server.ts'
import { isDatabaseEmpty, seedDemo } from '#app/modules/demo/seed.server.ts'
import { startStandingJob, stopStandingJob } from '#app/modules/readiness/trend.server.ts'
import {
	analyzeChangedTables,
	closeDatabase,
	connectDatabase,
	migrateDatabase,
	startMaintenance,
	type DatabaseTarget,
} from './db.server.ts'
import { dataDir, getEnv, publicOrigin } from './env.server.ts'
import { cacheRoot, contentRoot, projectRoot } from './paths.server.ts'

export function databaseTarget(): DatabaseTarget {
	const env = getEnv()
	return env.DATABASE_URL
		? { kind: 'postgres', url: env.DATABASE_URL }
		: { kind: 'pglite', dataDir: dataDir() }
}

/**
 * `primary`: the process that boots once for several app servers (node:cluster) and then only
 * forks them: it prepares the database and the lesson cache and starts no scheduled work.
 * `worker`: one of those app servers, started once the primary has booted: it loads (quietly)
 * what the primary has just prepared and runs the scheduled work every server needs (the manual
 * refresh, the standing job).
 * `buildFile`: the server build running this code. With it, a restart reuses the catalog the
 * previous start composed when neither the content nor this build changed (docs/decisions/019).
 *
 * `settled` resolves when the statistics refresh started in the background has finished.
 */
export async function boot(
	log: (line: string) => void = console.log,
	options: { worker?: boolean; primary?: boolean; buildFile?: string } = {},
): Promise<{ catalog: Catalog; target: DatabaseTarget; settled: Promise<void> }> {
	const env = getEnv()
	const target = databaseTarget()
	const started = Date.now()
	await connectDatabase(target)
	// A worker starts after the primary has migrated: the schema is already current.
	if (!options.worker) {
		log(`database: migrating ${target.kind === 'postgres' ? 'PostgreSQL' : 'PGlite'}…`)
		await migrateDatabase()
		log(
			`database: ${target.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${target.dataDir}`}, migrated`,
		)
	}
	setOverlaySources({
		scenarios: { version: standardsVersion, load: standardScenarios },
		settings: { version: settingsVersion, load: savedRules },
	})
	log('content: loading the manual…')
	// Lessons whose source and data are unchanged come from the cache by content hash; the
	// rest are compiled, and the first start says how far it is. The composed catalog itself
	// is reused when nothing it is made from changed.
	let snapshot: SnapshotOutcome | null = null
	const catalog = await loadPublishedCatalog({
		root: contentRoot(),
		cacheDir: cacheRoot(),
		onProgress: (done, total) => {
			if (done === total || done % 25 === 0) log(`content: compiling lessons ${done}/${total}`)
		},
		...(options.buildFile
			? {
					snapshot: {
						dir: cacheRoot(),
						codeVersion: await codeVersionOf([
							options.buildFile,
							path.join(projectRoot(), 'package-lock.json'),
						]),
						onOutcome: (outcome) => (snapshot = outcome),
					},
				}
			: {}),
	})
	const sync = await syncCatalog(catalog)
	log(
		`content: ${catalog.ordered.length} services, ${catalog.bank.items.size - catalog.bank.scenarioCount} items, ${catalog.bank.scenarioCount} scenarios` +
			(sync.added.length + sync.revised.length > 0
				? ` (${sync.added.length} new, ${sync.revised.length} revised)`
				: '') +
			(snapshot ? `; ${snapshotNote[snapshot]}` : ''),
	)
	// Demo data: the embedded database only, or a scratch PostgreSQL database of a browser test run.
	const demoAllowed = target.kind === 'pglite' || process.env.E2E_TEST_HOOKS === '1'
	if (demoAllowed && env.DEMO_DATA && (await isDatabaseEmpty())) {
		log('demo data: seeding (an empty database, once)…')
		await seedDemo(catalog)
		log('demo data loaded: admin / trainer / clerk, password demo-password')
	}
	// Fresh planner statistics (PGlite has no autovacuum) for the tables whose size moved since
	// their last ANALYZE, refreshed while the first requests are answered: the statistics of the
	// last run are still there until it finishes.
	const settled = options.worker
		? Promise.resolve()
		: analyzeChangedTables().then(
				() => {},
				(error: unknown) => console.error('analyze failed:', error),
			)
	settling = settled
	if (options.primary) return { catalog, target, settled }
	startMaintenance()
	// A publish on any app server reaches this one within seconds (docs/decisions/015).
	stopRefresh = startManualRefresh()
	// Several servers may run it: the snapshot keeps the first insert, the recount is idempotent.
	startStandingJob()
	if (options.worker) return { catalog, target, settled }
	log(
		`certificate links: ${publicOrigin(env)}/verify/…` +
			(env.APP_ORIGIN.length > 0 ? '' : ' (set APP_ORIGIN to the public address)'),
	)
	log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`)
	return { catalog, target, settled }
}

const snapshotNote: Record<SnapshotOutcome, string> = {
	reused: 'reused from the last start',
	missing: 'composed (no snapshot of a previous start)',
	stale: 'composed again (the content or the code changed since the last start)',
	corrupt: 'composed again (the snapshot of the last start was damaged)',
}

let stopRefresh: (() => void) | null = null
let settling: Promise<void> = Promise.resolve()

export async function shutdown(): Promise<void> {
	stopRefresh?.()
	stopRefresh = null
	stopStandingJob()
	// The database closes once the statistics refresh started at boot is done with it.
	await settling
	await closeDatabase()
}
