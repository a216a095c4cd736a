// Headers every dynamic answer carries: a Content-Security-Policy whose only inline scripts are
// those carrying this response's nonce (Remix's hydration data and module loader), and no
// caching of pages that show a signed-in person's data.
import { randomBytes } from 'node:crypto'

export function newCspNonce(): string {
	return randomBytes(18).toString('base64url')
}

export function contentSecurityPolicy(nonce: string): string {
	return [
		"default-src 'self'",
		`script-src 'self' 'nonce-${nonce}'`,
		"style-src 'self'",
		// React's style={{…}} props become style attributes; no inline <style> elements.
		"style-src-attr 'unsafe-inline'",
		// Certificates draw their QR code as inline SVG; data: covers SVG images in lessons.
		"img-src 'self' data:",
		"font-src 'self'",
		"connect-src 'self'",
		"form-action 'self'",
		"frame-ancestors 'none'",
		"base-uri 'none'",
		"object-src 'none'",
	].join('; ')
}

export const securityHeaders = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'same-origin',
	'X-Frame-Options': 'DENY',
} as const

/** Pages and data answers: never kept by a shared cache or the browser's back-forward store. */
export const privateNoStore = 'private, no-store'
