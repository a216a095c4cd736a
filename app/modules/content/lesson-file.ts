// Reading and writing `content/services/<code>/lesson.mdx`: YAML frontmatter + MDX body,
// with line numbers for every validation error.
import { LineCounter, parseDocument, stringify, isNode, type Document } from 'yaml'
import { type z } from 'zod'
import { frontmatterSchema, type Frontmatter } from './schema.ts'

export type ContentError = { file: string; line: number; message: string }

export type LessonFile = {
	frontmatter: Frontmatter
	body: string
	/** 1-based line of the first body line in the file. */
	bodyStartLine: number
}

const frontmatterFence = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/

/** Line (1-based, in the YAML text) of the node at `path`, or of the nearest ancestor. */
function lineOfPath(doc: Document, counter: LineCounter, path: ReadonlyArray<PropertyKey>): number {
	for (let depth = path.length; depth >= 0; depth--) {
		const node = doc.getIn(path.slice(0, depth).map(String).map((k) => (/^\d+$/.test(k) ? Number(k) : k)), true)
		if (isNode(node) && node.range) return counter.linePos(node.range[0]).line
	}
	return 1
}

export function formatZodPath(path: ReadonlyArray<PropertyKey>): string {
	return path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '')
}

/** Parse YAML text and validate it with `schema`; errors carry the line of the offending node. */
export function parseYamlWith<T extends z.ZodType>(
	text: string,
	schema: T,
	file: string,
	lineOffset = 0,
): { ok: true; value: z.infer<T> } | { ok: false; errors: Array<ContentError> } {
	const counter = new LineCounter()
	const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: true })
	if (doc.errors.length > 0) {
		return {
			ok: false,
			errors: doc.errors.map((error) => ({
				file,
				line: lineOffset + (error.linePos?.[0]?.line ?? 1),
				message: `YAML: ${error.message.split('\n')[0]}`,
			})),
		}
	}
	const result = schema.safeParse(doc.toJS())
	if (result.success) return { ok: true, value: result.data }
	return {
		ok: false,
		errors: result.error.issues.map((issue) => {
			// An unknown key is reported on its parent; point at the key itself.
			const path = issue.code === 'unrecognized_keys' && issue.keys[0] ? [...issue.path, issue.keys[0]] : issue.path
			return {
				file,
				line: lineOffset + lineOfPath(doc, counter, path),
				message: issue.path.length > 0 ? `${formatZodPath(issue.path)}: ${issue.message}` : issue.message,
			}
		}),
	}
}

export function parseLessonFile(
	text: string,
	file: string,
): { ok: true; lesson: LessonFile } | { ok: false; errors: Array<ContentError> } {
	const source = text.replace(/^\uFEFF/, '')
	const match = frontmatterFence.exec(source)
	if (!match || match[1] === undefined) {
		return { ok: false, errors: [{ file, line: 1, message: 'lesson.mdx must start with YAML frontmatter between --- lines' }] }
	}
	const parsed = parseYamlWith(match[1], frontmatterSchema, file, 1)
	if (!parsed.ok) return parsed
	const bodyStartLine = match[0].split('\n').length
	return { ok: true, lesson: { frontmatter: parsed.value, body: source.slice(match[0].length), bodyStartLine } }
}

const frontmatterKeyOrder: Array<keyof Frontmatter> = [
	'code',
	'name',
	'category',
	'subcategory',
	'type',
	'backOffice',
	'mode',
	'promiseDays',
	'legalDays',
	'onlineAvailable',
	'eligibility',
	'materials',
	'steps',
	'basis',
	'pitfalls',
	'confidence',
	'nationalCode',
	'active',
]

export function serializeFrontmatter(frontmatter: Frontmatter): string {
	const ordered = Object.fromEntries(
		frontmatterKeyOrder.filter((key) => frontmatter[key] !== undefined).map((key) => [key, frontmatter[key]]),
	)
	return stringify(ordered, { lineWidth: 0, defaultStringType: 'PLAIN', nullStr: 'null' })
}

export function serializeLessonFile(frontmatter: Frontmatter, body: string): string {
	return `---\n${serializeFrontmatter(frontmatter)}---\n${body.startsWith('\n') ? body : `\n${body}`}`
}
