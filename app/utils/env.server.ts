// The environment, validated once. Bad configuration stops start-up with an English message.
import path from 'node:path'
import { z } from 'zod'
import { projectRoot } from './paths.server.ts'

const envSchema = z.object({
	NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
	PORT: z.coerce.number().int().min(1).max(65535).default(3000),
	DATABASE_URL: z
		.string()
		.trim()
		.regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
		.optional()
		.or(z.literal('').transform(() => undefined)),
	DATA_DIR: z.string().trim().min(1).optional(),
	/** Public origins allowed for form posts when behind a proxy, comma-separated. */
	APP_ORIGIN: z
		.string()
		.trim()
		.optional()
		.transform((value) =>
			value
				? value
						.split(',')
						.map((o) => o.trim().replace(/\/$/, ''))
						.filter(Boolean)
				: [],
		),
	/** Trust X-Forwarded-For / X-Forwarded-Proto from one proxy in front (load balancer). */
	TRUST_PROXY: z
		.enum(['true', 'false', '1', '0', ''])
		.optional()
		.transform((value) => value === 'true' || value === '1'),
	/** Set to "false" to skip loading demo data into an empty embedded database. */
	DEMO_DATA: z
		.enum(['true', 'false', '1', '0', ''])
		.optional()
		.transform((value) => value !== 'false' && value !== '0'),
})

export type Env = z.infer<typeof envSchema>

let cached: Env | null = null

export function getEnv(): Env {
	if (cached) return cached
	const result = envSchema.safeParse(process.env)
	if (!result.success) {
		const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
		throw new Error(`Invalid environment:\n${lines.join('\n')}`)
	}
	cached = result.data
	return cached
}

export function dataDir(): string {
	return path.resolve(getEnv().DATA_DIR ?? path.join(projectRoot(), 'data'))
}
