// What the settings page shows about this installation.
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { databaseKind } from '#app/utils/db.server.ts'

export function systemInfo() {
	const catalog = getCatalog()
	return {
		rules: catalog.rules,
		database: databaseKind(),
		services: catalog.ordered.length,
		items: catalog.bank.items.size - catalog.bank.scenarioCount,
		scenarios: catalog.bank.scenarioCount,
		fingerprint: catalog.fingerprint,
	}
}
