// Once per test run: a migrated template database. PostgreSQL (DATABASE_URL set): a template
// database each test file clones. PGlite: a dump of a migrated instance each test file loads.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { testBuildDir } from '#tests/http/server.ts'
import {
	closeDatabase,
	connectDatabase,
	dumpPgliteDataDir,
	migrateDatabase,
} from '#app/utils/db.server.ts'

export default async function setup() {
	const workDir = await mkdtemp(path.join(os.tmpdir(), 'counter-ready-test-'))
	process.env.TEST_WORK_DIR = workDir
	const url = process.env.DATABASE_URL
	if (url) {
		const template = `cr_template_${process.pid}`
		const admin = postgres(url, { max: 1, onnotice: () => {} })
		await admin.unsafe(`DROP DATABASE IF EXISTS ${template}`)
		await admin.unsafe(`CREATE DATABASE ${template}`)
		const templateUrl = new URL(url)
		templateUrl.pathname = `/${template}`
		await connectDatabase({ kind: 'postgres', url: templateUrl.toString() })
		await migrateDatabase()
		await closeDatabase()
		process.env.TEST_TEMPLATE_DB = template
		return async () => {
			const leftovers = await admin<Array<{ datname: string }>>`
				select datname from pg_database where datname like ${`cr_test_${process.pid}_%`}`
			for (const { datname } of leftovers)
				await admin.unsafe(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`)
			await admin.unsafe(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`)
			await admin.end()
			await rm(workDir, { recursive: true, force: true })
			await rm(testBuildDir(workDir), { recursive: true, force: true })
		}
	}
	await connectDatabase({ kind: 'pglite', dataDir: null })
	await migrateDatabase()
	const dump = await dumpPgliteDataDir()
	await closeDatabase()
	const dumpFile = path.join(workDir, 'migrated.tar')
	await writeFile(dumpFile, Buffer.from(await dump.arrayBuffer()))
	process.env.TEST_PGLITE_DUMP = dumpFile
	return async () => {
		await rm(workDir, { recursive: true, force: true })
		await rm(testBuildDir(workDir), { recursive: true, force: true })
	}
}
