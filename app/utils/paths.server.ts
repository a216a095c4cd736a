// Where the project's folders are. Everything runs from the project root (npm scripts do);
// CONTENT_DIR and DATA_DIR let tests and benchmarks point elsewhere.
import path from 'node:path'

export function projectRoot(): string {
	return process.cwd()
}

export function contentRoot(): string {
	return path.resolve(process.env.CONTENT_DIR ?? path.join(projectRoot(), 'content'))
}

export function cacheRoot(): string {
	return path.resolve(process.env.CACHE_DIR ?? path.join(projectRoot(), '.cache'))
}

export function migrationsFolder(): string {
	return path.join(projectRoot(), 'drizzle', 'migrations')
}
