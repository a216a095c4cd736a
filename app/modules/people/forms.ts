// Form schemas for people, shared by the server (parseWithZod) and the browser (conform).
// Messages are i18n keys.
import { z } from 'zod'
import { databaseId, hasControlCharacters, maxDatabaseId } from '#app/utils/schemas.ts'

export const usernamePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{1,31}$/

// Ids arrive as strings from <select>; the schema's input type stays string for the form.
const id = z
	.string({ message: 'form.required' })
	.regex(/^[1-9]\d{0,9}$/, 'form.required')
	.transform(Number)
	.refine((n) => n <= maxDatabaseId, 'form.invalid')

export const userFieldsSchema = z.object({
	displayName: z
		.string({ message: 'form.required' })
		.trim()
		.min(1, 'form.required')
		.max(40, 'form.tooLong')
		.refine((v) => !hasControlCharacters(v), 'form.invalid'),
	role: z.enum(['clerk', 'trainer', 'admin'], { message: 'form.required' }),
	siteId: id,
	cohortId: z
		.string()
		.regex(/^(|[1-9]\d{0,9})$/, 'form.invalid')
		.optional()
		.transform((v) => (v ? Number(v) : null))
		.refine((n) => n === null || n <= maxDatabaseId, 'form.invalid'),
	managedSiteIds: z.preprocess(
		(v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
		z.array(databaseId),
	),
})

export const newUserSchema = userFieldsSchema.extend({
	username: z
		.string({ message: 'form.required' })
		.trim()
		.min(1, 'form.required')
		.regex(usernamePattern, 'people.usernameFormat'),
})

export const peopleFilterSchema = z.object({
	q: z
		.string()
		.trim()
		.max(40)
		.refine((v) => !hasControlCharacters(v))
		.optional()
		.catch(undefined),
	site: databaseId.optional().catch(undefined),
	cohort: databaseId.optional().catch(undefined),
	role: z.enum(['clerk', 'trainer', 'admin']).optional().catch(undefined),
	status: z.enum(['active', 'inactive']).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
})
