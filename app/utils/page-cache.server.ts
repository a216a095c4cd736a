// A rendered-page cache for lesson pages, the most read pages of the site. A cached page is
// reused only when everything it shows is the same: the manual as loaded, the lesson, the
// language, the signed-in user (name and role in the header) and their studied mark. The user
// and the mark come from the few-second caches of the session and progress modules: a change
// made on another app server shows within 5 s (docs/decisions/006).
import { createHash, randomBytes } from 'node:crypto'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { studiedMarkRecent } from '#app/modules/content/progress.server.ts'
import { validateSessionCookie } from '#app/modules/auth/session.server.ts'
import { languageFromCookie } from './language.server.ts'

const lessonPath = /^\/services\/([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)$/
const maxBytes = 48 * 1024 * 1024

type Entry = { body: string; bytes: number }
const pages = new Map<string, Entry>()
let cachedBytes = 0

function remember(key: string, body: string) {
	const bytes = body.length * 2
	if (bytes > maxBytes / 8) return
	const previous = pages.get(key)
	if (previous) {
		pages.delete(key)
		cachedBytes -= previous.bytes
	}
	pages.set(key, { body, bytes })
	cachedBytes += bytes
	// Least recently used first out (a Map keeps insertion order; hits re-insert).
	for (const [oldest, entry] of pages) {
		if (cachedBytes <= maxBytes) break
		pages.delete(oldest)
		cachedBytes -= entry.bytes
	}
}

/** The cache key of a lesson page view, or null when the request is not a cacheable lesson view. */
export async function lessonPageKey(
	method: string,
	pathAndQuery: string,
	cookieHeader: string,
): Promise<string | null> {
	if (method !== 'GET') return null
	const match = lessonPath.exec(pathAndQuery)
	if (!match?.[1]) return null
	const catalog = getCatalog()
	const service = catalog.services.get(match[1])
	if (!service?.active) return null
	const found = await validateSessionCookie(cookieHeader)
	if (!found || found.user.mustChangePassword) return null
	const { user } = found
	const mark = await studiedMarkRecent(user.id, service.code)
	return createHash('sha1')
		.update(
			[
				catalog.fingerprint,
				catalog.loadedAt,
				service.code,
				languageFromCookie(cookieHeader),
				user.id,
				user.displayName,
				user.role,
				mark ? mark.revision : '',
			].join('\u0000'),
		)
		.digest('base64url')
}

/** A cached page is a signed-in person's page: no shared or browser cache keeps it either. */
export const lessonPageHeaders = {
	'Content-Type': 'text/html; charset=utf-8',
	'Cache-Control': 'private, no-store',
}

// Pages are kept with a placeholder where the CSP nonce of the render was; each hit gets the
// nonce of its own response, so no two answers share one.
const noncePlaceholder = `cr-nonce-${randomBytes(12).toString('hex')}`

/** A cached page for this key, if any, carrying this response's nonce (and mark it recently used). */
export function cachedLessonPage(key: string, nonce: string): string | null {
	const hit = pages.get(key)
	if (!hit) return null
	remember(key, hit.body)
	return hit.body.replaceAll(noncePlaceholder, nonce)
}

export function storeLessonPage(key: string, body: string, nonce: string): void {
	remember(key, nonce ? body.replaceAll(nonce, noncePlaceholder) : body)
}
