// npm run db:migrate: apply the migrations in drizzle/migrations to the configured database
// (DATABASE_URL, or the embedded one in ./data). `npm start` does this too before serving.
import { databaseTarget } from '#app/utils/boot.server.ts'
import { closeDatabase, connectDatabase, migrateDatabase } from '#app/utils/db.server.ts'

const target = databaseTarget()
await connectDatabase(target)
try {
	await migrateDatabase()
	console.log(
		`Migrated ${target.kind === 'postgres' ? 'the PostgreSQL database' : `the embedded database in ${target.dataDir}`}.`,
	)
} finally {
	await closeDatabase()
}
