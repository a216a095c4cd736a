// CSRF protection: every request that can change something must come from our own origin.
// Browsers send Origin on every POST; Referer is the fallback for the rare one that does not.

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

export type OriginCheckInput = {
	method: string
	/** Scheme and host this server was reached at, e.g. "http://localhost:3000". */
	selfOrigin: string
	origin: string | undefined
	referer: string | undefined
	/** Extra public origins (APP_ORIGIN), when a proxy rewrites the host. */
	allowedOrigins: ReadonlyArray<string>
}

function originOf(url: string | undefined): string | null {
	if (!url || url === 'null') return null
	try {
		return new URL(url).origin
	} catch {
		return null
	}
}

export function isRequestFromOwnOrigin(input: OriginCheckInput): boolean {
	if (safeMethods.has(input.method.toUpperCase())) return true
	const origin = originOf(input.origin) ?? originOf(input.referer)
	if (!origin) return false
	return origin === input.selfOrigin || input.allowedOrigins.includes(origin)
}
