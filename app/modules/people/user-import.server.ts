// Bulk import of clerks from CSV or XLSX (工号, 姓名, 站点, 班级, 角色). The file is read in a
// worker within limits (ADR 009) and validated whole; any bad row means nothing is written, and
// every bad row is reported with its number.
import { randomUUID } from 'node:crypto'
import { inArray, sql } from 'drizzle-orm'
import { users } from '#drizzle/schema/index.ts'
import { hashPassword } from '#app/modules/auth/password.server.ts'
import { type SessionUser } from '#app/modules/auth/session.server.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { getDb } from '#app/utils/db.server.ts'
import { requestLimits } from '#app/utils/request-limits.ts'
import { hasControlCharacters } from '#app/utils/schemas.ts'
import {
	partBytesFor,
	SpreadsheetError,
	type Table,
	type TableLimits,
} from '#app/utils/spreadsheet/errors.ts'
import { tableKindOf } from '#app/utils/spreadsheet/table.ts'
import { readTableInWorker } from '#app/utils/spreadsheet/worker.server.ts'
import {
	assignableRoles,
	inScope,
	listCohorts,
	listSites,
	temporaryPassword,
	type Role,
} from './people.server.ts'

export const importColumns = {
	username: '工号',
	displayName: '姓名',
	site: '站点',
	cohort: '班级',
	role: '角色',
} as const

/** The template a trainer downloads: the header row and one example clerk. */
export function importTemplateCsv(): string {
	const header = Object.values(importColumns).join(',')
	return `${header}\r\nc2001,王小明,市人社服务大厅,2026年第3期新员工班,学员\r\n`
}

export type ImportErrorCode =
	| 'unreadable'
	| 'fileTooLarge'
	| 'noRows'
	| 'tooManyRows'
	| 'tooManyColumns'
	| 'cellTooLong'
	| 'tooSlow'
	| 'busy'
	| 'controlCharacters'
	| 'missingColumn'
	| 'required'
	| 'usernameFormat'
	| 'usernameDuplicateInFile'
	| 'usernameTaken'
	| 'nameTooLong'
	| 'unknownSite'
	| 'siteOutOfScope'
	| 'unknownCohort'
	| 'unknownRole'
	| 'roleNotAllowed'

export type ImportError = { row: number; column: string; code: ImportErrorCode; value?: string }

export type ImportedUser = {
	username: string
	displayName: string
	password: string
	role: Role
	siteName: string
}

export const maxImportRows = 2000
export const maxReportedErrors = 200
import { usernamePattern } from './forms.ts'

/** A people file has five columns; a few more (notes, numbering) are tolerated and ignored. */
const peopleTableShape = { maxRows: maxImportRows, maxColumns: 20, maxCellChars: 100 }
export const peopleImportLimits: TableLimits = {
	maxBytes: requestLimits.uploadFileBytes,
	...peopleTableShape,
	maxPartBytes: partBytesFor(peopleTableShape),
}

const roleAliases = new Map<string, Role>([
	['', 'clerk'],
	['学员', 'clerk'],
	['窗口人员', 'clerk'],
	['clerk', 'clerk'],
	['培训师', 'trainer'],
	['trainer', 'trainer'],
	['管理员', 'admin'],
	['admin', 'admin'],
])

function normalizeHeader(text: string) {
	return text
		.replace(/^\uFEFF/, '')
		.normalize('NFKC')
		.replace(/\s+/g, '')
}

function clean(text: string) {
	return text.replace(/\u3000/g, ' ').trim()
}

/** Rows of a CSV or XLSX upload, numbered as the spreadsheet numbers them (header = 1). */
export async function readPeopleTable(
	fileName: string,
	bytes: Uint8Array,
): Promise<{ ok: true; table: Table } | { ok: false; error: ImportError }> {
	const kind = tableKindOf(fileName)
	if (!kind) return { ok: false, error: { row: 0, column: '-', code: 'unreadable' } }
	try {
		const table = await readTableInWorker(kind, bytes, peopleImportLimits)
		return {
			ok: true,
			table: {
				header: table.header.map(normalizeHeader),
				rows: table.rows.map(({ row, cells }) => ({ row, cells: cells.map(clean) })),
			},
		}
	} catch (error) {
		if (!(error instanceof SpreadsheetError)) throw error
		const at = error.at
		const codes: Record<SpreadsheetError['code'], ImportErrorCode> = {
			unreadable: 'unreadable',
			tooLarge: 'fileTooLarge',
			tooManyRows: 'tooManyRows',
			tooManyColumns: 'tooManyColumns',
			cellTooLong: 'cellTooLong',
			tooSlow: 'tooSlow',
			busy: 'busy',
		}
		const value =
			error.code === 'tooManyRows'
				? String(peopleImportLimits.maxRows)
				: error.code === 'tooManyColumns'
					? String(peopleImportLimits.maxColumns)
					: error.code === 'cellTooLong'
						? String(peopleImportLimits.maxCellChars)
						: undefined
		return {
			ok: false,
			error: {
				row: at?.row ?? 0,
				column: at ? columnName(at.column) : '-',
				code: codes[error.code],
				...(value !== undefined ? { value } : {}),
			},
		}
	}
}

/** 1 → A, 27 → AA: columns as the spreadsheet labels them. */
function columnName(column: number): string {
	let name = ''
	for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
		name = String.fromCharCode(65 + ((n - 1) % 26)) + name
	return name
}

export async function importUsers(
	fileName: string,
	bytes: Uint8Array,
	actor: SessionUser,
	scope: Array<number> | null,
): Promise<
	| { ok: true; created: Array<ImportedUser> }
	| { ok: false; errors: Array<ImportError>; errorCount?: number }
> {
	const read = await readPeopleTable(fileName, bytes)
	if (!read.ok) return { ok: false, errors: [read.error] }
	const { table } = read
	const index = Object.fromEntries(
		Object.entries(importColumns).map(([key, header]) => [key, table.header.indexOf(header)]),
	)
	const missing = Object.entries(importColumns).filter(
		([key]) => key !== 'cohort' && key !== 'role' && (index[key] ?? -1) < 0,
	)
	if (missing.length > 0) {
		return {
			ok: false,
			errors: missing.map(([, header]) => ({ row: 1, column: header, code: 'missingColumn' })),
		}
	}
	const rows = table.rows.filter((r) => r.cells.some((c) => c !== ''))
	if (rows.length === 0) return { ok: false, errors: [{ row: 0, column: '-', code: 'noRows' }] }

	const [allSites, allCohorts] = await Promise.all([listSites(), listCohorts()])
	// Only well-formed usernames are looked up: anything else is already a row error.
	const wanted = rows
		.map((r) =>
			(r.cells[index.username ?? -1] ?? '').normalize('NFKC').replace(/\s+/g, '').toLowerCase(),
		)
		.filter((username) => usernamePattern.test(username))
	const taken = new Set(
		(
			await getDb()
				.select({ username: sql<string>`lower(${users.username})` })
				.from(users)
				.where(inArray(sql`lower(${users.username})`, wanted.length > 0 ? wanted : ['']))
		).map((r) => r.username),
	)
	const allowedRoles = assignableRoles(actor)
	const errors: Array<ImportError> = []
	const seen = new Map<string, number>()
	const valid: Array<{
		username: string
		displayName: string
		siteId: number
		siteName: string
		cohortId: number | null
		role: Role
	}> = []

	for (const { row, cells } of rows) {
		const cell = (key: keyof typeof importColumns) => {
			const i = index[key] ?? -1
			return i >= 0 ? (cells[i] ?? '') : ''
		}
		const before = errors.length
		const fail = (key: keyof typeof importColumns, code: ImportErrorCode, value?: string) =>
			errors.push({
				row,
				column: importColumns[key],
				code,
				...(value !== undefined ? { value } : {}),
			})

		const username = cell('username').normalize('NFKC').replace(/\s+/g, '')
		if (!username) fail('username', 'required')
		else if (!usernamePattern.test(username)) fail('username', 'usernameFormat', username)
		else {
			const key = username.toLowerCase()
			const first = seen.get(key)
			if (first !== undefined)
				fail('username', 'usernameDuplicateInFile', `${username}（第 ${first} 行）`)
			else {
				seen.set(key, row)
				if (taken.has(key)) fail('username', 'usernameTaken', username)
			}
		}
		const displayName = cell('displayName')
		if (!displayName) fail('displayName', 'required')
		else if (hasControlCharacters(displayName)) fail('displayName', 'controlCharacters')
		else if (displayName.length > 40) fail('displayName', 'nameTooLong', displayName)

		const siteText = cell('site')
		const site = allSites.find((s) => s.name === siteText || s.code === siteText)
		if (!siteText) fail('site', 'required')
		else if (!site) fail('site', 'unknownSite', siteText)
		else if (!inScope(scope, site.id)) fail('site', 'siteOutOfScope', siteText)

		const cohortText = cell('cohort')
		const cohort = cohortText ? allCohorts.find((c) => c.name === cohortText) : undefined
		if (cohortText && !cohort) fail('cohort', 'unknownCohort', cohortText)

		const roleText = cell('role')
		const role = roleAliases.get(roleText.toLowerCase())
		if (!role) fail('role', 'unknownRole', roleText)
		else if (!allowedRoles.includes(role)) fail('role', 'roleNotAllowed', roleText)

		if (errors.length === before && site && role) {
			valid.push({
				username,
				displayName,
				siteId: site.id,
				siteName: site.name,
				cohortId: cohort?.id ?? null,
				role,
			})
		}
	}
	// A page of errors is enough to fix a file by; thousands would only slow the answer down.
	if (errors.length > 0)
		return { ok: false, errors: errors.slice(0, maxReportedErrors), errorCount: errors.length }

	const created: Array<ImportedUser> = valid.map((entry) => ({
		username: entry.username,
		displayName: entry.displayName,
		password: temporaryPassword(),
		role: entry.role,
		siteName: entry.siteName,
	}))
	// argon2 runs on libuv's thread pool (4 threads): two at a time leaves the other two to
	// everyone else's requests (gzip, files, sign-ins) while a large import hashes.
	const hashes: Array<string> = []
	for (let i = 0; i < created.length; i += 2) {
		hashes.push(
			...(await Promise.all(created.slice(i, i + 2).map((c) => hashPassword(c.password)))),
		)
	}
	const values = valid.map((entry, i) => ({
		id: randomUUID(),
		username: entry.username,
		displayName: entry.displayName,
		role: entry.role,
		siteId: entry.siteId,
		cohortId: entry.cohortId,
		passwordHash: hashes[i] ?? null,
		mustChangePassword: true,
	}))
	await getDb().transaction(async (tx) => {
		await tx.insert(users).values(values)
		await recordAudit(
			{
				actor,
				action: 'user.import',
				targetType: 'user',
				details: { fileName, count: values.length, usernames: values.map((v) => v.username) },
			},
			tx,
		)
	})
	return { ok: true, created }
}
