// npm run items:audit — answers the whole item bank as a test-wise person who knows no procedure
// would, prints per kind chance, the test-wise rate and the gap, checks retakes, and exits
// non-zero when a gate fails. `-- --service XY-SY-001` lists that service's items and what
// answers each one without knowledge.
import { parseArgs } from 'node:util'
import { loadCertificationRules } from '#app/modules/certification/rules.server.ts'
import { loadContent } from '#app/modules/content/load.server.ts'
import { auditBank, formatAuditTable, questionsOf, kindOf } from '#app/modules/quizzes/audit.ts'
import { loadItemBank } from '#app/modules/quizzes/bank.server.ts'
import { type QuizItem } from '#app/modules/quizzes/items.ts'
import { contentRoot } from '#app/utils/paths.server.ts'

const { values } = parseArgs({
	options: {
		service: { type: 'string', multiple: true },
		// Only items whose first service starts with one of these (e.g. XY-YL,XY-BY; "case" for
		// the hard cases): for an author checking their own part of the bank.
		scope: { type: 'string' },
		json: { type: 'boolean' },
	},
})

const root = contentRoot()
const content = await loadContent(root)
if (!content.registryOk || content.errors.length > 0) {
	console.error(`content has ${content.errors.length} error(s): run npm run content:check`)
	process.exit(1)
}
const bank = await loadItemBank(root, content.services, content.units)
const rules = await loadCertificationRules(root)
if (!rules.ok) {
	console.error('certification.yml is invalid: run npm run content:check')
	process.exit(1)
}
const names = new Map(content.services.map((s) => [s.code, s.normative.name]))
const pools = new Map<string, Array<QuizItem>>()
for (const [code, ids] of bank.byService)
	pools.set(
		code,
		ids.flatMap((id) => {
			const item = bank.items.get(id)
			return item ? [item] : []
		}),
	)

const scope =
	values.scope
		?.split(',')
		.map((s) => s.trim())
		.filter(Boolean) ?? []
const inScope = (item: QuizItem) =>
	scope.length === 0 ||
	scope.some((prefix) =>
		prefix === 'case' ? item.id.startsWith('case.') : (item.services[0] ?? '').startsWith(prefix),
	)
if (scope.length > 0)
	for (const code of [...pools.keys()])
		if (!scope.some((p) => code.startsWith(p))) pools.delete(code)

const report = auditBank({
	items: [...bank.items.values()].filter(inScope),
	pools,
	serviceName: (code) => names.get(code) ?? code,
	quiz: { size: rules.rules.service.quizSize, maxScenarios: rules.rules.service.maxScenarios },
})

if (values.json) {
	console.log(JSON.stringify({ ...report, flagged: Object.fromEntries(report.flagged) }, null, 2))
} else {
	console.log(formatAuditTable(report))
	const sizes = report.retakes.map((r) => r.pool).sort((a, b) => a - b)
	const worst = Math.max(0, ...report.retakes.map((r) => r.maxShared))
	console.log(
		`\npools: ${sizes.length} services, smallest ${sizes[0] ?? 0}, median ${sizes[Math.floor(sizes.length / 2)] ?? 0}; a retake right after an attempt shares at most ${worst} item(s)`,
	)
	for (const code of values.service ?? []) {
		const pool = pools.get(code)
		if (!pool) {
			console.error(`\nunknown service ${code}`)
			continue
		}
		console.log(`\n${code} ${names.get(code) ?? ''}: ${pool.length} items`)
		for (const item of pool) {
			const flags = questionsOf(item, [names.get(code) ?? code], 'audit')
				.map((q) => report.flagged.get(q.itemId) ?? [])
				.flat()
			console.log(
				`  ${kindOf(item).padEnd(20)} ${item.id.padEnd(44)} ${flags.length > 0 ? `answered by: ${[...new Set(flags)].join(', ')}` : ''}`,
			)
		}
	}
	for (const failure of report.failures) console.error(`\n✖ ${failure}`)
	if (report.failures.length === 0) console.log('\nitems:audit passed')
}
process.exitCode = report.failures.length > 0 ? 1 : 0
