import { beforeEach, expect, test } from 'vitest'
import { auditEvents } from '#drizzle/schema/index.ts'
import {
	savedRules,
	saveSettings,
	settingsForm,
	settingsVersion,
} from '#app/modules/admin/settings.server.ts'
import { describeAuditDetails } from '#app/modules/audit/describe.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { loadPublishedCatalog, setOverlaySources } from '#app/modules/catalog/published.server.ts'
import { getDb } from '#app/utils/db.server.ts'
import { makeSite, makeUser } from '#tests/factories/people.ts'
import { setupTestDatabase } from '#tests/setup/database.ts'
import { copyFixtureContent } from '#tests/utils/content.ts'

setupTestDatabase()

let root: string
beforeEach(async () => {
	root = await copyFixtureContent()
	setOverlaySources({ settings: { version: settingsVersion, load: savedRules } })
	await loadPublishedCatalog({ root, cacheDir: `${root}/.cache`, concurrency: 1 })
})

test('an admin changes the rules: refused out of range in Chinese, otherwise a new audited version in force at once', async () => {
	const admin = {
		...(await makeUser({ siteId: (await makeSite()).id, role: 'admin' })),
		role: 'admin' as const,
	}
	const form = settingsForm(getCatalog().rules)
	const refused = await saveSettings(admin, { ...form, 'service.passPercent': '150' })
	expect(refused.ok).toBe(false)
	if (!refused.ok)
		expect(refused.problems.map((p) => p.message)).toEqual(['事项测验及格线（%）：不能大于 100'])
	expect(await settingsVersion()).toBe(0)

	const saved = await saveSettings(admin, { ...form, 'service.quizSize': '6' })
	expect(saved.ok).toBe(true)
	expect(getCatalog().rules.service.quizSize).toBe(6)
	// Another app server, starting now, applies it too.
	const other = await loadPublishedCatalog({ root, cacheDir: `${root}/.cache`, concurrency: 1 })
	expect(other.rules.service.quizSize).toBe(6)
	const [event] = await getDb().select().from(auditEvents)
	expect(describeAuditDetails(event?.action ?? '', event?.details)).toEqual([
		'认证规则第 1 版',
		'事项测验题数：5 → 6',
	])
})
