// Bulk import of clerks from CSV or XLSX (工号, 姓名, 站点, 班级, 角色). The file is validated
// whole; any bad row means nothing is written, and every bad row is reported with its number.
import { randomUUID } from 'node:crypto'
import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { inArray, sql } from 'drizzle-orm'
import { users } from '#drizzle/schema/index.ts'
import { hashPassword } from '#app/modules/auth/password.server.ts'
import { type SessionUser } from '#app/modules/auth/session.server.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { getDb } from '#app/utils/db.server.ts'
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

export type ImportErrorCode =
	| 'unreadable'
	| 'noRows'
	| 'tooManyRows'
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
import { usernamePattern } from './forms.ts'

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

function clean(text: unknown) {
	if (text === null || text === undefined) return ''
	if (typeof text === 'object' && 'text' in text)
		return String(text.text)
			.replace(/\u3000/g, ' ')
			.trim()
	if (typeof text === 'object' && 'result' in text)
		return String(text.result)
			.replace(/\u3000/g, ' ')
			.trim()
	return String(text)
		.replace(/\u3000/g, ' ')
		.trim()
}

/** Rows of a CSV or XLSX upload, numbered as the spreadsheet numbers them (header = 1). */
export async function readTable(
	fileName: string,
	bytes: Uint8Array,
): Promise<{ header: Array<string>; rows: Array<{ row: number; cells: Array<string> }> } | null> {
	try {
		if (/\.xlsx$/i.test(fileName)) {
			const workbook = new ExcelJS.Workbook()
			// exceljs types its Buffer as an ArrayBuffer; a copied ArrayBuffer satisfies it.
			await workbook.xlsx.load(new Uint8Array(bytes).buffer)
			const sheet = workbook.worksheets[0]
			if (!sheet) return null
			const all: Array<{ row: number; cells: Array<string> }> = []
			sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
				const cells: Array<string> = []
				for (let col = 1; col <= Math.max(sheet.columnCount, 5); col++)
					cells.push(clean(row.getCell(col).value))
				all.push({ row: rowNumber, cells })
			})
			const [header, ...rows] = all
			return header ? { header: header.cells.map(normalizeHeader), rows } : null
		}
		const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
		const records: Array<Array<string>> = parseCsv(text, {
			relax_column_count: true,
			skip_empty_lines: false,
		})
		const [header, ...rows] = records
		return header
			? {
					header: header.map(normalizeHeader),
					rows: rows.map((cells, i) => ({ row: i + 2, cells: cells.map(clean) })),
				}
			: null
	} catch {
		return null
	}
}

export async function importUsers(
	fileName: string,
	bytes: Uint8Array,
	actor: SessionUser,
	scope: Array<number> | null,
): Promise<{ ok: true; created: Array<ImportedUser> } | { ok: false; errors: Array<ImportError> }> {
	const table = await readTable(fileName, bytes)
	if (!table) return { ok: false, errors: [{ row: 0, column: '-', code: 'unreadable' }] }
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
	if (rows.length > maxImportRows)
		return {
			ok: false,
			errors: [{ row: 0, column: '-', code: 'tooManyRows', value: String(maxImportRows) }],
		}

	const [allSites, allCohorts] = await Promise.all([listSites(), listCohorts()])
	const wanted = rows.map((r) =>
		(r.cells[index.username ?? -1] ?? '').normalize('NFKC').replace(/\s+/g, '').toLowerCase(),
	)
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
	if (errors.length > 0) return { ok: false, errors }

	const created: Array<ImportedUser> = valid.map((entry) => ({
		username: entry.username,
		displayName: entry.displayName,
		password: temporaryPassword(),
		role: entry.role,
		siteName: entry.siteName,
	}))
	// argon2 runs on libuv's thread pool: hash a few at a time rather than one by one.
	const hashes: Array<string> = []
	for (let i = 0; i < created.length; i += 4) {
		hashes.push(
			...(await Promise.all(created.slice(i, i + 4).map((c) => hashPassword(c.password)))),
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
