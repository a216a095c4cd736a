import { z } from 'zod'
import { passwordRules } from '#app/modules/auth/password-rules.ts'

export const passwordSchema = z
	.object({
		current: z.string({ message: 'form.required' }).min(1, 'form.required'),
		password: z
			.string({ message: 'form.required' })
			.min(passwordRules.minLength, 'password.tooShort')
			.max(passwordRules.maxLength, 'password.tooLong'),
		confirm: z.string({ message: 'form.required' }),
	})
	.refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'password.mismatch' })
	.refine((v) => v.password !== v.current, { path: ['password'], message: 'password.sameAsOld' })
