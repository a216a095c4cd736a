// Imports a manual (the reference JSONL, or a 办事指南 spreadsheet as CSV or XLSX) into
// content/services/. Every row is validated first; any error means nothing is written, and the
// files are swapped in all at once (staged-write.server.ts).
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { SpreadsheetError, type TableLimits } from '#app/utils/spreadsheet/errors.ts'
import { readTable, tableKindOf } from '#app/utils/spreadsheet/table.ts'
import { readTableInWorker } from '#app/utils/spreadsheet/worker.server.ts'
import { parseLessonFile, serializeLessonFile, formatZodPath } from './lesson-file.ts'
import { checkReferences, loadRegistries, type Registries } from './load.server.ts'
import { describeChanges, diffNormative, revisionOf } from './revision.ts'
import { finishInterruptedImport, writeServicesAtOnce } from './staged-write.server.ts'
import {
	frontmatterSchema,
	materialForms,
	pickNormative,
	serviceCodePattern,
	type Frontmatter,
	type LegalDays,
	type Material,
} from './schema.ts'

export type ImportRowError = { row: number; column: string; message: string }

/** A source row: its number as the author sees it (spreadsheet row or JSONL line). */
type SourceRow = { row: number; values: Record<string, unknown> }

/** A row turned into a frontmatter candidate, still to be checked by the frontmatter schema. */
type ParsedRow = { row: number; code: string; candidate: Record<string, unknown> }

// ---------------------------------------------------------------------------------------------
// Reading files

const spreadsheetColumns = {
	code: '事项编码',
	name: '事项名称',
	category: '所属分类',
	subcategory: '子分类',
	type: '事项类型',
	backOffice: '责任单位',
	mode: '办件类型',
	legalDays: '法定办结时限',
	promiseDays: '承诺办结时限',
	eligibility: '受理条件',
	materials: '申请材料',
	steps: '办理流程',
	basis: '设定依据',
	pitfalls: '常见问题',
	onlineAvailable: '是否网办',
} as const
const optionalColumns = { confidence: '把握程度' } as const
const confidenceAliases = new Map<string, Frontmatter['confidence']>([
	['high', 'high'], ['高', 'high'], ['medium', 'medium'], ['中', 'medium'], ['low', 'low'], ['低', 'low'],
])
const columnByField = new Map<string, string>(Object.entries(spreadsheetColumns))

/** "事项 编码", "办件类型（即办件/承诺件）", "*事项名称" all mean the same column. */
export function normalizeHeader(header: string): string {
	return header
		.replace(/^\uFEFF/, '')
		.normalize('NFKC')
		.replace(/\s+/g, '')
		.replace(/^\*+|\*+$/g, '')
		.replace(/\(.*\)$/, '')
}

/** A value of a row as text: spreadsheet cells already are; JSONL values may be numbers. */
function cellText(value: unknown): string {
	if (typeof value === 'string') return value
	if (typeof value === 'number' || typeof value === 'boolean') return String(value)
	return ''
}

/**
 * A manual is a few hundred services of long prose: more columns and longer cells than a list
 * of people, and it is read by a CLI on the author's machine, but still within bounds.
 */
export const manualTableLimits: TableLimits = {
	maxBytes: 32 * 1024 * 1024,
	maxRows: 5000,
	maxColumns: 60,
	maxCellChars: 20_000,
	maxPartBytes: 256 * 1024 * 1024,
}

function rowsFromTable(header: Array<string>, rows: Array<{ row: number; cells: Array<string> }>): Array<SourceRow> {
	const names = header.map(normalizeHeader)
	return rows
		.filter(({ cells }) => cells.some((cell) => cell.trim() !== ''))
		.map(({ row, cells }) => ({
			row,
			values: Object.fromEntries(names.map((name, i) => [name, cells[i] ?? ''])),
		}))
}

const spreadsheetProblems: Record<SpreadsheetError['code'], string> = {
	unreadable: 'is not a readable spreadsheet',
	tooLarge: `is too large (${manualTableLimits.maxBytes / 1024 / 1024} MB at most, or it unpacks to too much)`,
	tooManyRows: `has more than ${manualTableLimits.maxRows} rows`,
	tooManyColumns: `has more than ${manualTableLimits.maxColumns} columns`,
	cellTooLong: `has a cell longer than ${manualTableLimits.maxCellChars} characters`,
	tooSlow: 'took too long to read',
	busy: 'could not be read now',
}

/** A CSV or XLSX manual, read as Excel shows its cells (the same reader as uploads). */
async function readSpreadsheet(file: string, kind: 'csv' | 'xlsx'): Promise<{ header: Array<string>; rows: Array<SourceRow> } | ImportRowError> {
	try {
		const table = await readTable(kind, await readFile(file), manualTableLimits)
		return { header: table.header.map(normalizeHeader), rows: rowsFromTable(table.header, table.rows) }
	} catch (error) {
		if (!(error instanceof SpreadsheetError)) throw error
		return {
			row: error.at?.row ?? 0,
			column: error.at ? String(error.at.column) : '-',
			message: `the ${kind.toUpperCase()} file ${spreadsheetProblems[error.code]}`,
		}
	}
}

async function readJsonl(file: string): Promise<{ rows: Array<SourceRow>; errors: Array<ImportRowError> }> {
	const lines = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/)
	const rows: Array<SourceRow> = []
	const errors: Array<ImportRowError> = []
	lines.forEach((line, i) => {
		if (line.trim() === '') return
		try {
			const value: unknown = JSON.parse(line)
			if (value && typeof value === 'object' && !Array.isArray(value)) {
				rows.push({ row: i + 1, values: Object.fromEntries(Object.entries(value)) })
			} else {
				errors.push({ row: i + 1, column: '-', message: 'line is not a JSON object' })
			}
		} catch {
			errors.push({ row: i + 1, column: '-', message: 'line is not valid JSON' })
		}
	})
	return { rows, errors }
}

// ---------------------------------------------------------------------------------------------
// Cell parsing: the quirks of hand-kept spreadsheets

/** Trim, turn ideographic spaces into spaces and collapse runs of spaces. */
export function cleanText(value: string): string {
	return value.replace(/\u3000/g, ' ').replace(/[ \t]+/g, ' ').trim()
}

/** Split a multi-value cell: one item per line, or separated by ；/;, with numbering removed. */
export function splitList(value: string): Array<string> {
	return value
		.split(/\r?\n|[；;]/)
		.map((item) => cleanText(item).replace(/^(?:\d+[.、．)）]|[（(]\d+[)）]|[①-⑳]|第[一二三四五六七八九十]+步[：:、]?)\s*/, ''))
		.map(cleanText)
		.filter((item) => item !== '')
}

const formAliases: Record<string, Material['form']> = {
	原件: '原件',
	复印件: '复印件',
	原件及复印件: '原件及复印件',
	原件和复印件: '原件及复印件',
	'原件、复印件': '原件及复印件',
	原件或复印件: '原件及复印件',
	电子材料: '电子材料',
	电子版: '电子材料',
	电子证照: '电子材料',
	表格: '表格',
	申请表: '表格',
}

/** `劳动合同（复印件，系统已共享的可免交）` → name, form and condition. */
export function parseMaterial(text: string): { ok: true; material: Material } | { ok: false; message: string } {
	const cleaned = cleanText(text)
	const bracket = /^(.*?)[（(]([^（）()]*)[)）]\s*(?:[：:]\s*(.+))?$/.exec(cleaned)
	if (bracket && bracket[1] && bracket[2] !== undefined) {
		const [formPart = '', ...conditionParts] = bracket[2].split(/[，,]/).map(cleanText)
		const form = formAliases[formPart]
		if (form) {
			const note = [...conditionParts, bracket[3] ? cleanText(bracket[3]) : ''].filter(Boolean).join('，')
			return { ok: true, material: { name: cleanText(bracket[1]), form, ...(note ? { note } : {}) } }
		}
	}
	const [name = cleaned, note] = cleaned.split(/[：:]/, 2).map(cleanText)
	if (/(表|申请书|登记表|承诺书)$/.test(name)) {
		return { ok: true, material: { name, form: '表格', ...(note ? { note } : {}) } }
	}
	return {
		ok: false,
		message: `material "${cleaned}" has no form; write it in brackets, one of ${materialForms.join('、')}, e.g. 居民身份证（原件）`,
	}
}

const numberWords: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 }

function parseChineseNumber(text: string): number | null {
	if (/^\d+$/.test(text)) return Number(text)
	if (!/^[一二三四五六七八九十]+$/.test(text)) return null
	if (text === '十') return 10
	const [tens, ones] = text.includes('十') ? text.split('十') : ['', text]
	return (tens ? (numberWords[tens] ?? 0) : text.includes('十') ? 1 : 0) * 10 + (ones ? (numberWords[ones] ?? 0) : 0)
}

export type TimeLimit =
	| { kind: 'none' }
	| { kind: 'immediate' }
	| { kind: 'days'; value: number; unit: LegalDays['unit'] | null }

/** `15`, `15个工作日`, `60日`, `60天`, `即办`, `当场办结`, `无` / empty. */
export function parseTimeLimit(text: string): TimeLimit | { kind: 'invalid' } {
	const value = cleanText(text.normalize('NFKC')).replace(/\s+/g, '')
	if (value === '' || /^(无|-+|—+|\/|不适用|无规定|法律未规定)$/.test(value)) return { kind: 'none' }
	if (/^(即办|即办件|当场办结|即时办结|立即办结|当场)$/.test(value)) return { kind: 'immediate' }
	const match = /^([0-9]+|[一二三四五六七八九十]+)(个)?(工作日|自然日|日|天)?$/.exec(value)
	const days = match?.[1] ? parseChineseNumber(match[1]) : null
	if (!match || days === null || days <= 0) return { kind: 'invalid' }
	const unit = match[3] === '工作日' ? '工作日' : match[3] ? '自然日' : null
	return { kind: 'days', value: days, unit }
}

function parseBoolean(text: string): boolean | null {
	const value = cleanText(text.normalize('NFKC')).toLowerCase()
	if (/^(是|可|可以|支持|y|yes|true|1|√|全程网办|网办)$/.test(value)) return true
	if (/^(否|不可|不可以|不支持|n|no|false|0|×|x)$/.test(value)) return false
	return null
}

function parseMode(text: string): '即办' | '承诺' | null {
	const value = cleanText(text).replace(/\s+/g, '')
	if (/^即办件?$/.test(value)) return '即办'
	if (/^承诺件?$/.test(value)) return '承诺'
	return null
}

/**
 * A statute's limit with no unit written: 行政许可 limits are working days (行政许可法 第八十二条),
 * as are the limits of the 国办发〔2009〕66号 transfer rules and the 劳动保障监察条例's 60-day
 * investigation; other statutes count calendar days ("日").
 */
export function inferLegalUnit(type: string, basis: Array<string>, value: number): LegalDays['unit'] {
	if (type === '行政许可') return '工作日'
	if (basis.some((b) => b.includes('国办发〔2009〕66号'))) return '工作日'
	if (value === 60 && basis.some((b) => b.includes('劳动保障监察条例'))) return '工作日'
	return '自然日'
}

// ---------------------------------------------------------------------------------------------
// Row → frontmatter

function spreadsheetRow(source: SourceRow, existing: Map<string, Frontmatter>, errors: Array<ImportRowError>): ParsedRow | null {
	const before = errors.length
	const get = (column: string) => cellText(source.values[column])
	const fail = (column: string, message: string) => errors.push({ row: source.row, column, message })
	const c = spreadsheetColumns

	const code = cleanText(get(c.code).normalize('NFKC')).replace(/\s+/g, '').toUpperCase()
	if (!serviceCodePattern.test(code)) fail(c.code, code ? `"${code}" is not a service code like XY-YL-008` : 'is empty')

	const mode = parseMode(get(c.mode))
	if (!mode) fail(c.mode, `"${cleanText(get(c.mode))}" must be 即办件 or 承诺件`)

	const promise = parseTimeLimit(get(c.promiseDays))
	let promiseDays: number | null = null
	if (promise.kind === 'invalid') fail(c.promiseDays, `"${cleanText(get(c.promiseDays))}" is not a time limit such as 15个工作日 or 即办`)
	else if (promise.kind === 'days') {
		if (promise.unit === '自然日') fail(c.promiseDays, 'promised limits are counted in working days; write e.g. 15个工作日')
		else promiseDays = promise.value
	}
	if (mode === '承诺' && promiseDays === null && promise.kind !== 'invalid') fail(c.promiseDays, 'a 承诺件 needs a promised limit in working days')
	if (mode === '即办' && promise.kind === 'days') fail(c.promiseDays, 'a 即办件 has no promised limit; leave it empty or write 即办')

	const type = cleanText(get(c.type))
	const basis = splitList(get(c.basis))
	const legal = parseTimeLimit(get(c.legalDays))
	let legalDays: LegalDays | null = null
	if (legal.kind === 'invalid') fail(c.legalDays, `"${cleanText(get(c.legalDays))}" is not a time limit such as 60日 or 20个工作日`)
	else if (legal.kind === 'days') {
		const known = existing.get(code)?.legalDays
		const unit = legal.unit ?? (known && known.value === legal.value ? known.unit : inferLegalUnit(type, basis, legal.value))
		legalDays = { value: legal.value, unit }
	}

	const materials: Array<Material> = []
	for (const item of splitList(get(c.materials))) {
		const parsed = parseMaterial(item)
		if (parsed.ok) materials.push(parsed.material)
		else fail(c.materials, parsed.message)
	}

	const online = parseBoolean(get(c.onlineAvailable))
	if (online === null) fail(c.onlineAvailable, `"${cleanText(get(c.onlineAvailable))}" must be 是 or 否`)

	const confidenceText = cleanText(cellText(source.values[optionalColumns.confidence])).toLowerCase()
	const confidence = confidenceAliases.get(confidenceText)
	if (confidenceText && !confidence) fail(optionalColumns.confidence, 'must be 高/中/低 (high/medium/low)')

	if (errors.length > before || !mode || online === null) return null
	return {
		row: source.row,
		code,
		candidate: {
			code,
			name: cleanText(get(c.name)),
			category: cleanText(get(c.category)),
			subcategory: cleanText(get(c.subcategory)),
			type: cleanText(get(c.type)),
			backOffice: cleanText(get(c.backOffice)),
			mode,
			promiseDays,
			legalDays,
			eligibility: cleanText(get(c.eligibility).replace(/\r?\n/g, ' ')),
			materials,
			steps: splitList(get(c.steps)),
			basis,
			pitfalls: splitList(get(c.pitfalls)),
			onlineAvailable: online,
			...(confidence ? { confidence } : {}),
		},
	}
}

const catalogRowSchema = z.object({
	code: z.string(),
	nationalCode: z.string().nullable().optional(),
	name: z.string(),
	category: z.string(),
	subcategory: z.string(),
	type: z.string(),
	backOffice: z.string(),
	mode: z.string(),
	promiseDays: z.number().nullable(),
	legalDays: z.union([z.number(), z.object({ value: z.number(), unit: z.string() })]).nullable(),
	eligibility: z.string(),
	materials: z.array(z.object({ name: z.string(), form: z.string(), note: z.string().optional() })),
	steps: z.array(z.string()),
	basis: z.array(z.string()),
	pitfalls: z.array(z.string()),
	onlineAvailable: z.boolean(),
	confidence: z.string().optional(),
})

function catalogRow(source: SourceRow, existing: Map<string, Frontmatter>, errors: Array<ImportRowError>): ParsedRow | null {
	const parsed = catalogRowSchema.safeParse(source.values)
	if (!parsed.success) {
		for (const issue of parsed.error.issues) errors.push({ row: source.row, column: formatZodPath(issue.path) || '-', message: issue.message })
		return null
	}
	const row = parsed.data
	const code = row.code.trim()
	let legalDays: unknown = row.legalDays
	if (typeof row.legalDays === 'number') {
		const known = existing.get(code)?.legalDays
		const unit = known && known.value === row.legalDays ? known.unit : inferLegalUnit(row.type, row.basis, row.legalDays)
		legalDays = { value: row.legalDays, unit }
	}
	return {
		row: source.row,
		code,
		candidate: {
			...row,
			code,
			legalDays,
			nationalCode: row.nationalCode ?? null,
			materials: row.materials.map((m) => ({ ...m, name: cleanText(m.name), ...(m.note ? { note: cleanText(m.note) } : {}) })),
		},
	}
}

// ---------------------------------------------------------------------------------------------
// Planning and writing

export type ImportPlan = {
	/** The content folder the plan was made for. */
	contentRoot: string
	created: Array<{ code: string; name: string; revision: string }>
	changed: Array<{ code: string; name: string; from: string; to: string; changes: Array<string> }>
	/** Frontmatter rewritten (e.g. confidence) with the same revision. */
	touched: Array<{ code: string }>
	unchanged: Array<{ code: string }>
	/** Files to write, relative to services/ ("XY-YL-008/lesson.mdx"). */
	writes: Array<{ file: string; text: string }>
}

export type ImportResult = { ok: true; plan: ImportPlan } | { ok: false; errors: Array<ImportRowError> }

/** The body a new service starts with: every section, filled from its own procedure data. */
export function scaffoldBody(frontmatter: Frontmatter): string {
	return `
## 事项概述

${frontmatter.eligibility}

## 受理要点

<RoutingCard />

## 申请材料

<MaterialsTable />

## 办理流程

<StepFlow />

## 易错点

<PitfallList />

## 法律依据

<LegalBasis />
`
}

function missingColumns(header: Array<string>): Array<string> {
	return Object.values(spreadsheetColumns).filter((column) => !header.includes(column))
}

/** Rows to frontmatter, checked by the schema and the registries; problems go to `errors`. */
function validateRows(
	sourceRows: Array<SourceRow>,
	toRow: typeof spreadsheetRow,
	existingFrontmatter: Map<string, Frontmatter>,
	registries: Registries,
	errors: Array<ImportRowError>,
): Array<{ row: number; frontmatter: Frontmatter }> {
	const columnOf = (field: string) =>
		toRow === spreadsheetRow ? (columnByField.get(field) ?? field) : field
	const seenCodes = new Map<string, number>()
	const valid: Array<{ row: number; frontmatter: Frontmatter }> = []
	for (const source of sourceRows) {
		const parsed = toRow(source, existingFrontmatter, errors)
		if (!parsed) continue
		const previous = existingFrontmatter.get(parsed.code)
		const candidate = {
			...parsed.candidate,
			confidence: parsed.candidate.confidence ?? previous?.confidence ?? 'high',
			...(previous?.active !== undefined ? { active: previous.active } : {}),
		}
		const result = frontmatterSchema.safeParse(candidate)
		if (!result.success) {
			for (const issue of result.error.issues) {
				const field = String(issue.path[0] ?? '-')
				errors.push({ row: source.row, column: columnOf(field), message: `${formatZodPath(issue.path)}: ${issue.message}` })
			}
			continue
		}
		for (const problem of checkReferences(result.data, registries)) {
			errors.push({ row: source.row, column: columnOf(problem.field), message: problem.message })
		}
		const firstRow = seenCodes.get(result.data.code)
		if (firstRow !== undefined) {
			errors.push({ row: source.row, column: columnOf('code'), message: `${result.data.code} already appears in row ${firstRow}` })
		}
		seenCodes.set(result.data.code, source.row)
		valid.push({ row: source.row, frontmatter: result.data })
	}
	return valid
}

export async function planImport(file: string, contentRoot: string): Promise<ImportResult> {
	await finishInterruptedImport(contentRoot)
	const extension = path.extname(file).toLowerCase()
	if (!existsSync(file)) return { ok: false, errors: [{ row: 0, column: '-', message: `file not found: ${file}` }] }
	const registries = await loadRegistries(contentRoot)
	if (registries.errors.length > 0) {
		return { ok: false, errors: registries.errors.map((e) => ({ row: 0, column: e.file, message: `line ${e.line}: ${e.message}` })) }
	}

	const errors: Array<ImportRowError> = []
	const existing = new Map<string, { frontmatter: Frontmatter; body: string }>()
	const existingFrontmatter = new Map<string, Frontmatter>()
	const servicesDir = path.join(contentRoot, 'services')

	async function readExisting(code: string) {
		const lessonPath = path.join(servicesDir, code, 'lesson.mdx')
		if (!existsSync(lessonPath)) return
		const parsed = parseLessonFile(await readFile(lessonPath, 'utf8'), lessonPath)
		if (parsed.ok) {
			existing.set(code, parsed.lesson)
			existingFrontmatter.set(code, parsed.lesson.frontmatter)
		} else {
			errors.push({ row: 0, column: '-', message: `existing ${path.relative(contentRoot, lessonPath)} is invalid; fix it first (${parsed.errors[0]?.message})` })
		}
	}

	let sourceRows: Array<SourceRow>
	let toRow: typeof spreadsheetRow
	if (extension === '.jsonl' || extension === '.ndjson') {
		const read = await readJsonl(file)
		errors.push(...read.errors)
		sourceRows = read.rows
		toRow = catalogRow
	} else if (extension === '.csv' || extension === '.xlsx') {
		const read = await readSpreadsheet(file, extension === '.csv' ? 'csv' : 'xlsx')
		if ('message' in read) return { ok: false, errors: [read] }
		const missing = missingColumns(read.header)
		if (missing.length > 0) return { ok: false, errors: [{ row: 1, column: missing.join('、'), message: 'required column is missing from the header row' }] }
		sourceRows = read.rows
		toRow = spreadsheetRow
	} else {
		return { ok: false, errors: [{ row: 0, column: '-', message: 'unsupported file type; use .jsonl, .csv or .xlsx' }] }
	}
	if (sourceRows.length === 0 && errors.length === 0) return { ok: false, errors: [{ row: 0, column: '-', message: 'the file has no service rows' }] }

	// Existing frontmatter informs unit inference and keeps editorial fields.
	for (const source of sourceRows) {
		const code = cellText(source.values.code ?? source.values[spreadsheetColumns.code]).normalize('NFKC').replace(/\s+/g, '').toUpperCase()
		if (serviceCodePattern.test(code)) await readExisting(code)
	}

	const valid = validateRows(sourceRows, toRow, existingFrontmatter, registries, errors)
	if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.row - b.row) }

	const plan: ImportPlan = { contentRoot, created: [], changed: [], touched: [], unchanged: [], writes: [] }
	for (const { frontmatter } of valid) {
		const file = path.join(frontmatter.code, 'lesson.mdx')
		const revision = revisionOf(pickNormative(frontmatter))
		const old = existing.get(frontmatter.code)
		if (!old) {
			plan.created.push({ code: frontmatter.code, name: frontmatter.name, revision })
			plan.writes.push({ file, text: serializeLessonFile(frontmatter, scaffoldBody(frontmatter)) })
			continue
		}
		const text = serializeLessonFile(frontmatter, old.body)
		const oldNormative = pickNormative(old.frontmatter)
		const oldRevision = revisionOf(oldNormative)
		if (oldRevision !== revision) {
			plan.changed.push({
				code: frontmatter.code,
				name: frontmatter.name,
				from: oldRevision,
				to: revision,
				changes: describeChanges(diffNormative(oldNormative, pickNormative(frontmatter))),
			})
		} else if (serializeLessonFile(old.frontmatter, old.body) !== text) {
			plan.touched.push({ code: frontmatter.code })
		} else {
			plan.unchanged.push({ code: frontmatter.code })
			continue
		}
		plan.writes.push({ file, text })
	}
	return { ok: true, plan }
}

/** Write every planned file at once: the manual changes whole or not at all. */
export async function applyImport(plan: ImportPlan): Promise<{ removed: Array<string> }> {
	return writeServicesAtOnce(plan.contentRoot, plan.writes)
}

export type UploadedService = { row: number; frontmatter: Frontmatter }

/**
 * A 办事指南 spreadsheet uploaded in the browser (CSV in UTF-8 or GBK, or XLSX), read in a worker
 * within the upload limits and checked row by row like manual:import. Rows become frontmatter
 * keeping each existing service's editorial fields; nothing is written here.
 */
export async function readUploadedManual(
	fileName: string,
	bytes: Uint8Array,
	existingFrontmatter: Map<string, Frontmatter>,
	registries: Registries,
): Promise<{ ok: true; services: Array<UploadedService> } | { ok: false; errors: Array<ImportRowError> }> {
	const kind = tableKindOf(fileName)
	if (!kind) return { ok: false, errors: [{ row: 0, column: '-', message: 'unsupported file type; use .csv or .xlsx' }] }
	let header: Array<string>
	let sourceRows: Array<SourceRow>
	try {
		const table = await readTableInWorker(kind, bytes, manualTableLimits)
		header = table.header.map(normalizeHeader)
		sourceRows = rowsFromTable(table.header, table.rows)
	} catch (error) {
		if (!(error instanceof SpreadsheetError)) throw error
		return {
			ok: false,
			errors: [{ row: error.at?.row ?? 0, column: error.at ? String(error.at.column) : '-', message: `the ${kind.toUpperCase()} file ${spreadsheetProblems[error.code]}` }],
		}
	}
	const missing = missingColumns(header)
	if (missing.length > 0) return { ok: false, errors: [{ row: 1, column: missing.join('、'), message: 'required column is missing from the header row' }] }
	if (sourceRows.length === 0) return { ok: false, errors: [{ row: 0, column: '-', message: 'the file has no service rows' }] }
	const errors: Array<ImportRowError> = []
	const valid = validateRows(sourceRows, spreadsheetRow, existingFrontmatter, registries, errors)
	if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.row - b.row) }
	return { ok: true, services: valid }
}
