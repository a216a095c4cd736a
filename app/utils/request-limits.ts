// How much a request may send. Checked by server.js before a body is read (docs/decisions/009).

const kib = 1024
const mib = 1024 * kib

export const requestLimits = {
	/** Every form post: the largest real one (a site's 337 service checkboxes) is about 8 KB. */
	formBodyBytes: 256 * kib,
	/** A spreadsheet upload: the file itself plus the multipart envelope. */
	uploadBodyBytes: 3 * mib,
	/** The file in an upload; above this the page says so in its own words. */
	uploadFileBytes: 2 * mib,
} as const

/** Paths whose form carries a file; ".data" is the same route asked for by the browser's script. */
const uploadPaths = new Set(['/people/import', '/editor/import'])

export function bodyLimitFor(pathname: string): number {
	const path = pathname.replace(/\.data$/, '').replace(/\/+$/, '') || '/'
	return uploadPaths.has(path) ? requestLimits.uploadBodyBytes : requestLimits.formBodyBytes
}

export function formatBytes(bytes: number): string {
	return bytes >= mib
		? `${Math.round((bytes / mib) * 10) / 10} MB`
		: `${Math.round(bytes / kib)} KB`
}
