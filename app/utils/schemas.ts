// Zod pieces every boundary shares: ids that fit the database's integer columns, calendar
// dates that exist, and text without control characters. Plain module: forms use it in the
// browser too (conform).
import { z } from 'zod'

/** A serial id (PostgreSQL integer): 1 … 2,147,483,647. */
export const maxDatabaseId = 2_147_483_647

export const databaseId = z.coerce.number().int().min(1).max(maxDatabaseId)

/** "2026-02-30" matches \d{4}-\d{2}-\d{2} but is no day: such dates are refused, not sent on. */
export const isoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'form.invalid')
	.refine((value) => {
		const date = new Date(`${value}T00:00:00Z`)
		return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
	}, 'form.invalid')

/** Control characters (NUL, escapes, bidi overrides excepted) never belong in a name or a code. */
export function hasControlCharacters(value: string): boolean {
	for (const char of value) {
		const code = char.charCodeAt(0)
		if ((code < 0x20 && char !== '\t' && char !== '\n' && char !== '\r') || code === 0x7f)
			return true
	}
	return false
}

/** An id from the URL (/admin/sites/:id): a number that fits, or null (the route answers 404). */
export function databaseIdParam(value: string | undefined): number | null {
	if (!value || !/^[1-9]\d{0,9}$/.test(value)) return null
	const id = Number(value)
	return id <= maxDatabaseId ? id : null
}
