// Where to send a user after sign-in or a language switch: only ever a path on this site.
// The target is parsed as a browser would parse it (WHATWG URL: tabs and newlines dropped,
// backslashes read as slashes), so "/\t/evil.example" or "/\\evil.example" cannot reach
// another host; what is returned is the parsed path, re-serialised and percent-encoded.

const probeOrigin = 'http://counter-ready.invalid'

export function safeRedirect(
	to: FormDataEntryValue | string | null | undefined,
	fallback = '/',
): string {
	if (typeof to !== 'string' || !to.startsWith('/') || to.length > 2000) return fallback
	let url: URL
	try {
		url = new URL(to, probeOrigin)
	} catch {
		return fallback
	}
	if (url.origin !== probeOrigin) return fallback
	const path = `${url.pathname}${url.search}${url.hash}`
	// "/.//evil.example" parses to the path "//evil.example", which a browser reads as a host.
	if (!path.startsWith('/') || path.startsWith('//')) return fallback
	return path
}
