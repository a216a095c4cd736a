// npm run content:check — validates and compiles all content, then answers the item bank as a
// test-wise guesser would (items:audit); one summary line; non-zero on any error.
import path from 'node:path'
import { loadCertificationRules } from '#app/modules/certification/rules.server.ts'
import { checkManual } from '#app/modules/catalog/check.server.ts'
import { formatContentError } from '#app/modules/content/check.server.ts'
import { auditBank, formatAuditTable } from '#app/modules/quizzes/audit.ts'
import { type QuizItem } from '#app/modules/quizzes/items.ts'
import { cacheRoot, contentRoot } from '#app/utils/paths.server.ts'

const root = contentRoot()
const result = await checkManual(root, { cacheDir: path.join(cacheRoot(), 'lessons') })
for (const error of result.errors) console.error(formatContentError(root, error))

// The audit needs a bank that loaded cleanly; a broken manual is reported above first.
let auditFailures: Array<string> = []
const rules = await loadCertificationRules(root)
if (result.bank && result.errors.length === 0 && rules.ok) {
	const bank = result.bank
	const pools = new Map<string, Array<QuizItem>>()
	for (const [code, ids] of bank.byService)
		pools.set(
			code,
			ids.flatMap((id) => bank.items.get(id) ?? []),
		)
	const names = new Map(result.content.services.map((s) => [s.code, s.normative.name]))
	const report = auditBank({
		items: [...bank.items.values()],
		pools,
		serviceName: (code) => names.get(code) ?? code,
		quiz: { size: rules.rules.service.quizSize, maxScenarios: rules.rules.service.maxScenarios },
	})
	console.log(formatAuditTable(report))
	auditFailures = report.failures
	for (const failure of auditFailures) console.error(`items:audit: ${failure}`)
}
const errors = result.errors.length + auditFailures.length
console.log(
	`services: ${result.content.services.length}, items: ${result.items}, scenarios: ${result.scenarios}, errors: ${errors}`,
)
process.exitCode = errors > 0 ? 1 : 0
