// The sign-in form, shared by the server and the browser (conform).
import { z } from 'zod'
import { hasControlCharacters } from '#app/utils/schemas.ts'

export const loginSchema = z.object({
	username: z
		.string({ message: 'form.required' })
		.trim()
		.min(1, 'form.required')
		.max(64, 'form.tooLong')
		.refine((v) => !hasControlCharacters(v), 'form.invalid'),
	password: z.string({ message: 'form.required' }).min(1, 'form.required').max(256, 'form.tooLong'),
	redirectTo: z.string().max(2000).optional(),
})
