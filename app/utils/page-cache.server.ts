// A rendered-page cache for lesson pages, the most read pages of the site (docs/decisions/006,
// 014), and for search results pages (021). A page is rendered once per *shell*: for a lesson,
// the manual as loaded, the lesson and its revision, the language, the reader's role and whether
// they studied this revision; for a search, the manual as loaded, the address (query and page),
// the language and the role. It is rendered for a stand-in reader whose id, username and name
// are placeholders; each request gets the shell with its own reader's values (escaped for where
// each one stands: page text or the hydration script) and its own CSP nonce. Who is asking, and
// their mark, are read for every request (on PostgreSQL from the database; on the embedded
// database from 5-second caches that the one process clears on change), so a shell is never stale.
import { createHash, randomBytes } from 'node:crypto'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { studiedMarkRecent, studiedRevisionColumn } from '#app/modules/content/progress.server.ts'
import {
	validateSessionCookie,
	validateSessionCookieWith,
	type SessionUser,
} from '#app/modules/auth/session.server.ts'
import { isManualEditor } from '#app/modules/people/editor-right.server.ts'
import { languageFromCookie } from './language.server.ts'

const lessonPath = /^\/services\/([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)$/
// A search as the page's own form and page links write it (a 60-character query, percent-encoded);
// any other address is rendered directly, so odd addresses cannot crowd the cache.
const searchPath = /^\/search\?q=[^&#]{1,600}(?:&page=[1-9]\d{0,3})?$/

/** What a lesson page shows of its reader, as the root and lesson loaders take it from a shell. */
export type LessonShell = {
	user: Pick<SessionUser, 'id' | 'username' | 'displayName' | 'role'>
	studied: 'current' | 'outdated' | null
	/** Whether the reader may edit the manual (the page links to the editor). */
	editor: boolean
}

export type LessonPageView = {
	/** The shell's key: everything the page shows except who is reading. */
	key: string
	/** Lessons and searches are kept apart, so many distinct searches never push lessons out. */
	kind: 'lesson' | 'search'
	reader: Pick<SessionUser, 'id' | 'username' | 'displayName'>
	/** The stand-in reader the shell is rendered for (server.js hands it to Remix). */
	shell: LessonShell
}

// Placeholders: lowercase letters and digits, which neither React nor JSON nor Remix's script
// escaping changes, unguessable so no lesson text can contain them.
const token = randomBytes(9).toString('hex')
const placeholder = {
	id: `crshellid${token}`,
	username: `crshelluser${token}`,
	displayName: `crshellname${token}`,
	nonce: `crshellnonce${token}`,
} as const
type Slot = keyof typeof placeholder
const slotPattern = new RegExp(
	`<script\\b[^>]*>[\\s\\S]*?</script>|${Object.values(placeholder).join('|')}`,
	'g',
)
const slotOf = new Map<string, Slot>([
	[placeholder.id, 'id'],
	[placeholder.username, 'username'],
	[placeholder.displayName, 'displayName'],
	[placeholder.nonce, 'nonce'],
])

/** A shell cut at its placeholders: text, then a slot and where it stands, and so on. */
type Shell = { parts: Array<string | { slot: Slot; inScript: boolean }>; bytes: number }

type Store = { shells: Map<string, Shell>; bytes: number; maxBytes: number }
const stores: Record<LessonPageView['kind'], Store> = {
	lesson: { shells: new Map(), bytes: 0, maxBytes: 48 * 1024 * 1024 },
	search: { shells: new Map(), bytes: 0, maxBytes: 16 * 1024 * 1024 },
}

function cut(page: string): Shell {
	const parts: Shell['parts'] = []
	let last = 0
	const push = (text: string) => {
		if (text) parts.push(text)
	}
	for (const match of page.matchAll(slotPattern)) {
		const found = match[0]
		const at = match.index ?? 0
		const slot = slotOf.get(found)
		if (slot) {
			push(page.slice(last, at))
			parts.push({ slot, inScript: false })
			last = at + found.length
			continue
		}
		// A script element: its placeholders are inside the hydration data (or are its nonce).
		const inner = new RegExp(Object.values(placeholder).join('|'), 'g')
		let from = 0
		push(page.slice(last, at))
		for (const m of found.matchAll(inner)) {
			const innerSlot = slotOf.get(m[0])
			if (!innerSlot) continue
			push(found.slice(from, m.index ?? 0))
			parts.push({ slot: innerSlot, inScript: true })
			from = (m.index ?? 0) + m[0].length
		}
		push(found.slice(from))
		last = at + found.length
	}
	push(page.slice(last))
	return { parts, bytes: page.length * 2 }
}

const htmlEscapes: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#x27;',
}
const scriptEscapes: Record<string, string> = {
	'&': '\\u0026',
	'>': '\\u003e',
	'<': '\\u003c',
	'\u2028': '\\u2028',
	'\u2029': '\\u2029',
}

/** As React writes a value into page text or an attribute. */
function inHtml(value: string): string {
	return value.replace(/[&<>"']/g, (c) => htmlEscapes[c] ?? c)
}

/**
 * As Remix writes a loader's string into the hydration script: a JSON string inside the
 * turbo-stream text, which is itself a JSON string in the script, HTML-sensitive characters
 * escaped (@remix-run/react single-fetch.js, markup.js).
 */
function inScript(value: string): string {
	const inStream = JSON.stringify(value).slice(1, -1)
	return JSON.stringify(inStream)
		.slice(1, -1)
		.replace(/[&><\u2028\u2029]/g, (c) => scriptEscapes[c] ?? c)
}

function fill(shell: Shell, reader: LessonPageView['reader'], nonce: string): string {
	let page = ''
	for (const part of shell.parts) {
		if (typeof part === 'string') {
			page += part
			continue
		}
		const value = part.slot === 'nonce' ? nonce : reader[part.slot]
		page += part.slot === 'nonce' ? value : part.inScript ? inScript(value) : inHtml(value)
	}
	return page
}

function remember(view: LessonPageView, shell: Shell) {
	const store = stores[view.kind]
	if (shell.bytes > store.maxBytes / 8) return
	const previous = store.shells.get(view.key)
	if (previous) {
		store.shells.delete(view.key)
		store.bytes -= previous.bytes
	}
	store.shells.set(view.key, shell)
	store.bytes += shell.bytes
	// Least recently used first out (a Map keeps insertion order; hits re-insert).
	for (const [oldest, entry] of store.shells) {
		if (store.bytes <= store.maxBytes) break
		store.shells.delete(oldest)
		store.bytes -= entry.bytes
	}
}

/** The view of a lesson page request, or null when it is not a cacheable lesson view. */
export async function lessonPageView(
	method: string,
	pathAndQuery: string,
	cookieHeader: string,
): Promise<LessonPageView | null> {
	if (method !== 'GET') return null
	const match = lessonPath.exec(pathAndQuery)
	if (!match?.[1]) return null
	const catalog = getCatalog()
	const service = catalog.services.get(match[1])
	if (!service?.active) return null
	// Who is asking and their mark on this lesson: one query on PostgreSQL.
	const found = await validateSessionCookieWith(
		cookieHeader,
		(userId) => studiedRevisionColumn(userId, service.code),
		async (userId) => (await studiedMarkRecent(userId, service.code))?.revision ?? null,
	)
	if (!found || found.user.mustChangePassword) return null
	const { user, extra: markedRevision } = found
	const studied = markedRevision
		? markedRevision === service.revision
			? 'current'
			: 'outdated'
		: null
	const language = languageFromCookie(cookieHeader)
	const editor = await isManualEditor(user)
	// A revision layered over content/ (a published edit) must be part of the key: the lesson's
	// revision is, and so is the catalog's fingerprint.
	const key = createHash('sha1')
		.update(
			[
				catalog.fingerprint,
				catalog.loadedAt,
				service.code,
				service.revision,
				language,
				user.role,
				studied ?? '',
				editor ? 'editor' : '',
			].join('\u0000'),
		)
		.digest('base64url')
	return {
		key,
		kind: 'lesson',
		reader: { id: user.id, username: user.username, displayName: user.displayName },
		shell: { user: standIn(user.role), studied, editor },
	}
}

function standIn(role: SessionUser['role']): LessonShell['user'] {
	return {
		id: placeholder.id,
		username: placeholder.username,
		displayName: placeholder.displayName,
		role,
	}
}

/**
 * The view of a search results page (a query, maybe a page number), or null. The results are
 * the same for every reader (routes/search/results.server.tsx); the header around them shows
 * the reader's role and name.
 */
export async function searchPageView(
	method: string,
	pathAndQuery: string,
	cookieHeader: string,
): Promise<LessonPageView | null> {
	if (method !== 'GET' || !searchPath.test(pathAndQuery)) return null
	const found = await validateSessionCookie(cookieHeader)
	if (!found || found.user.mustChangePassword) return null
	const { user } = found
	const catalog = getCatalog()
	const key = createHash('sha1')
		.update(
			[
				catalog.fingerprint,
				catalog.loadedAt,
				pathAndQuery,
				languageFromCookie(cookieHeader),
				user.role,
			].join('\u0000'),
		)
		.digest('base64url')
	return {
		key,
		kind: 'search',
		reader: { id: user.id, username: user.username, displayName: user.displayName },
		shell: { user: standIn(user.role), studied: null, editor: false },
	}
}

/** The view of a page kept as a shell (a lesson or a search), or null to render it directly. */
export async function shellPageView(
	method: string,
	pathAndQuery: string,
	cookieHeader: string,
): Promise<LessonPageView | null> {
	return (
		(await lessonPageView(method, pathAndQuery, cookieHeader)) ??
		(await searchPageView(method, pathAndQuery, cookieHeader))
	)
}

/** A cached page is a signed-in person's page: no shared or browser cache keeps it either. */
export const lessonPageHeaders = {
	'Content-Type': 'text/html; charset=utf-8',
	'Cache-Control': 'private, no-store',
}

/** This reader's page from the shell, if there is one (and mark it recently used). */
export function cachedLessonPage(view: LessonPageView, nonce: string): string | null {
	const shell = stores[view.kind].shells.get(view.key)
	if (!shell) return null
	remember(view, shell)
	return fill(shell, view.reader, nonce)
}

/** Keep a shell rendered for the stand-in reader; return this reader's page from it. */
export function storeLessonPage(view: LessonPageView, rendered: string, nonce: string): string {
	// React 18.3's stream writes a whole 2,048-byte buffer when a multi-byte character does not
	// fit its end, so a NUL or two can appear in the HTML (react-dom-server.node, function r);
	// NUL is never part of a page, and a shell is kept clean of it.
	const clean = rendered.replaceAll('\u0000', '')
	const shell = cut(nonce ? clean.replaceAll(nonce, placeholder.nonce) : clean)
	remember(view, shell)
	return fill(shell, view.reader, nonce)
}

/** Pages rendered as they are, not from a shell (their status or headers say they are not shells). */
export function readerPage(view: LessonPageView, rendered: string): string {
	return fill(cut(rendered), view.reader, '')
}
