// npm run manual:export: writes the manual published in the browser (database revisions) back to
// content/services/<code>/lesson.mdx, so it can be reviewed and committed to git.
import { exportPublished } from '#app/modules/catalog/manual-export.server.ts'
import { databaseTarget } from '#app/utils/boot.server.ts'
import { closeDatabase, connectDatabase, migrateDatabase } from '#app/utils/db.server.ts'
import { contentRoot } from '#app/utils/paths.server.ts'

await connectDatabase(databaseTarget())
try {
	await migrateDatabase()
	const { written, unchanged } = await exportPublished(contentRoot())
	for (const code of written) console.log(`written  services/${code}/lesson.mdx`)
	console.log(`Exported ${written.length} service(s); ${unchanged} already matched their files.`)
} finally {
	await closeDatabase()
}
