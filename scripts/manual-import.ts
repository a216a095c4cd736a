// npm run manual:import -- FILE [--dry-run]: imports a manual (JSONL, CSV or XLSX) into content/.
import path from 'node:path'
import { parseArgs } from 'node:util'
import { applyImport, planImport } from '#app/modules/content/manual-import.server.ts'
import { contentRoot } from '#app/utils/paths.server.ts'

const usage = 'usage: npm run manual:import -- FILE [--dry-run]   (FILE: .jsonl, .csv or .xlsx)'

async function main() {
	let parsed
	try {
		parsed = parseArgs({
			allowPositionals: true,
			options: { 'dry-run': { type: 'boolean' }, help: { type: 'boolean' } },
		})
	} catch (error) {
		console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`)
		return 2
	}
	const [file] = parsed.positionals
	if (parsed.values.help || !file || parsed.positionals.length > 1) {
		console.error(usage)
		return parsed.values.help ? 0 : 2
	}
	const dryRun = parsed.values['dry-run'] === true
	const result = await planImport(path.resolve(file), contentRoot())
	if (!result.ok) {
		console.error(`Import refused: ${result.errors.length} error(s); nothing was written.`)
		for (const error of result.errors) {
			console.error(`  row ${error.row}, column ${error.column}: ${error.message}`)
		}
		return 1
	}
	const { plan } = result
	for (const service of plan.created)
		console.log(`new      ${service.code}  ${service.name}  (revision ${service.revision})`)
	for (const service of plan.changed) {
		console.log(
			`changed  ${service.code}  ${service.name}  (revision ${service.from} → ${service.to})`,
		)
		for (const change of service.changes) console.log(`           ${change}`)
	}
	for (const service of plan.touched)
		console.log(`updated  ${service.code}  (frontmatter only, same revision)`)
	if (!dryRun) {
		const { removed } = await applyImport(plan)
		if (removed.length > 0)
			console.log(`Cleaned up after an interrupted import: ${removed.join(', ')}`)
	}
	console.log(
		`${dryRun ? 'Dry run: would import' : 'Imported'} ${plan.created.length} new, ${plan.changed.length} changed, ` +
			`${plan.touched.length} updated without a new revision, ${plan.unchanged.length} unchanged.`,
	)
	return 0
}

process.exitCode = await main()
