// The environment, validated once. Bad configuration stops start-up with an English message.
import path from 'node:path'
import { z } from 'zod'
import { projectRoot } from './paths.server.ts'

function isOrigin(value: string): boolean {
	try {
		const url = new URL(value)
		return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value
	} catch {
		return false
	}
}

const envSchema = z
	.object({
		NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
		PORT: z.coerce.number().int().min(1).max(65535).default(3000),
		DATABASE_URL: z
			.string()
			.trim()
			.regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
			.optional()
			.or(z.literal('').transform(() => undefined)),
		DATA_DIR: z.string().trim().min(1).optional(),
		/**
		 * The site's public origin, as people reach it (https://counter.example.gov.cn): certificate
		 * links and QR codes are built from it, never from a request's Host header. More origins may
		 * follow, comma-separated: form posts from them pass the Origin check too.
		 */
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
			)
			.pipe(
				z.array(
					z.string().refine(isOrigin, {
						message: 'each origin must look like https://counter.example.gov.cn (no path)',
					}),
				),
			),
		/** Trust X-Forwarded-For / X-Forwarded-Proto from one proxy in front (load balancer). */
		TRUST_PROXY: z
			.enum(['true', 'false', '1', '0', ''])
			.optional()
			.transform((value) => value === 'true' || value === '1'),
		/**
		 * App server processes on this machine (node:cluster, sharing PORT), PostgreSQL only: the
		 * embedded database allows one process. Default: the CPU count (docs/decisions/013).
		 */
		WEB_CONCURRENCY: z.coerce
			.number()
			.int()
			.min(1)
			.max(64)
			.optional()
			.or(z.literal('').transform(() => undefined)),
		/** Set to "false" to skip loading demo data into an empty embedded database. */
		DEMO_DATA: z
			.enum(['true', 'false', '1', '0', ''])
			.optional()
			.transform((value) => value !== 'false' && value !== '0'),
	})
	// In production on a real database the public address cannot be guessed: a certificate's
	// link would otherwise follow whatever Host header the request that printed it carried.
	// `npm start` on the embedded database (a trainer's laptop) keeps working without it.
	.refine((env) => !(env.NODE_ENV === 'production' && env.DATABASE_URL && !env.APP_ORIGIN[0]), {
		path: ['APP_ORIGIN'],
		message:
			'required in production (with DATABASE_URL): the public origin, e.g. https://counter.example.gov.cn',
	})

export type Env = z.infer<typeof envSchema>

let cached: Env | null = null

/** The environment as the app reads it, or an error naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
	const result = envSchema.safeParse(source)
	if (!result.success) {
		const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
		throw new Error(`Invalid environment:\n${lines.join('\n')}`)
	}
	return result.data
}

export function getEnv(): Env {
	cached ??= parseEnv(process.env)
	return cached
}

/** Where the public reaches this site: APP_ORIGIN, or this machine's own address without it. */
/** How many app server processes to run: one on the embedded database, else WEB_CONCURRENCY. */
export function serverProcesses(env: Env, cpus: number): number {
	if (!env.DATABASE_URL) return 1
	return env.WEB_CONCURRENCY ?? Math.max(1, cpus)
}

export function publicOrigin(env: Env = getEnv()): string {
	return env.APP_ORIGIN[0] ?? `http://localhost:${env.PORT}`
}

export function dataDir(): string {
	return path.resolve(getEnv().DATA_DIR ?? path.join(projectRoot(), 'data'))
}
