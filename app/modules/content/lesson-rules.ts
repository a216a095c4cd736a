// Editorial rules for lesson bodies that a schema cannot express: the section outline, the
// prose a core lesson must have, the local-rule notice, and no filler copied across lessons.
import { type ContentError } from './lesson-file.ts'
import { lessonSections } from './sections.ts'

export type BodyFacts = {
	/** H2 titles with their line in lesson.mdx. */
	headings: Array<{ title: string; line: number }>
	/** Chinese characters of prose, outside component tags and headings. */
	proseChars: number
	components: Set<string>
	paragraphs: Array<{ text: string; line: number }>
}

const cjk = /[\u3400-\u9fff]/g

export function bodyFacts(body: string, bodyStartLine: number): BodyFacts {
	const lines = body.split('\n')
	const headings: BodyFacts['headings'] = []
	const components = new Set<string>()
	const paragraphs: BodyFacts['paragraphs'] = []
	let proseChars = 0
	let current: { text: string; line: number } | null = null
	const flush = () => {
		if (current) paragraphs.push(current)
		current = null
	}
	lines.forEach((raw, index) => {
		const line = raw.trim()
		const lineNumber = bodyStartLine + index
		for (const match of line.matchAll(/<([A-Z][A-Za-z]*)/g)) if (match[1]) components.add(match[1])
		const heading = /^##\s+(.+?)\s*#*$/.exec(line)
		if (heading?.[1] && !line.startsWith('###')) {
			headings.push({ title: heading[1], line: lineNumber })
			flush()
			return
		}
		if (line === '' || line.startsWith('#')) {
			flush()
			return
		}
		const prose = line.replace(/<\/?[A-Za-z][^>]*>/g, '')
		proseChars += (prose.match(cjk) ?? []).length
		if (/^<\/?[A-Z]/.test(line) && prose.trim() === '') return
		current = current ? { text: `${current.text}${prose}`, line: current.line } : { text: prose, line: lineNumber }
	})
	flush()
	return { headings, proseChars, components, paragraphs }
}

export type LessonRuleInput = {
	file: string
	confidence: 'high' | 'medium' | 'low'
	facts: BodyFacts
	/** Core (high-use) services and every 综合服务 item need a substantive hand-written lesson. */
	isCore: boolean
}

export const coreMinimumProseChars = 600

export function checkLessonBody({ file, confidence, facts, isCore }: LessonRuleInput): Array<ContentError> {
	const errors: Array<ContentError> = []
	const known = new Map<string, number>(lessonSections.map((s, i) => [s.title, i]))
	let lastIndex = -1
	for (const heading of facts.headings) {
		const index = known.get(heading.title)
		if (index === undefined) {
			errors.push({
				file,
				line: heading.line,
				message: `unknown section "## ${heading.title}"; use ${lessonSections.map((s) => s.title).join('、')} (### for subsections)`,
			})
			continue
		}
		if (index <= lastIndex) {
			errors.push({ file, line: heading.line, message: `section "## ${heading.title}" is out of order or repeated` })
		}
		lastIndex = Math.max(lastIndex, index)
	}
	const present = new Set(facts.headings.map((h) => h.title))
	for (const section of lessonSections) {
		if (section.required && !present.has(section.title)) {
			errors.push({ file, line: 1, message: `missing section "## ${section.title}"` })
		}
	}
	if (confidence === 'low' && !facts.components.has('LocalRule')) {
		errors.push({
			file,
			line: 1,
			message: 'confidence is low: add a <LocalRule> saying which points the local rule decides',
		})
	}
	if (isCore) {
		if (facts.proseChars < coreMinimumProseChars) {
			errors.push({
				file,
				line: 1,
				message: `core lesson has ${facts.proseChars} Chinese characters of prose; write at least ${coreMinimumProseChars}`,
			})
		}
		if (!facts.components.has('CaseBox') || !present.has('办理实例')) {
			errors.push({ file, line: 1, message: 'core lesson needs a worked example: "## 办理实例" with a <CaseBox>' })
		}
	}
	return errors
}

/** Paragraphs of 30+ Chinese characters that appear word for word in three or more lessons. */
export function findRepeatedParagraphs(
	lessons: Array<{ file: string; facts: BodyFacts }>,
): Array<ContentError> {
	const byText = new Map<string, Array<{ file: string; line: number }>>()
	for (const lesson of lessons) {
		for (const paragraph of lesson.facts.paragraphs) {
			const text = paragraph.text.replace(/\s+/g, '')
			if ((text.match(cjk) ?? []).length < 30) continue
			const places = byText.get(text) ?? []
			if (!places.some((p) => p.file === lesson.file)) places.push({ file: lesson.file, line: paragraph.line })
			byText.set(text, places)
		}
	}
	const errors: Array<ContentError> = []
	for (const [text, places] of byText) {
		if (places.length < 3) continue
		for (const place of places) {
			errors.push({
				...place,
				message: `paragraph repeated in ${places.length} lessons ("${text.slice(0, 24)}…"); write what is specific to this service`,
			})
		}
	}
	return errors
}

/**
 * Notes to editors that must never reach a learner: about the catalogue, the course or its
 * authors instead of the procedure ("参考目录已更正", "本课程上线前须向省级人社部门核实").
 */
const editorialNote =
	/参考目录|本目录|目录已(?:经)?更正|本课程|上线前|编者[按注]|待核实|待确认|TODO|FIXME|须向省级人社部门(?:核实|确认)/

/** Editorial notes in a content file's learner text (YAML comments are for editors: skipped). */
export function findEditorialNotes(file: string, text: string): Array<ContentError> {
	const errors: Array<ContentError> = []
	text.split('\n').forEach((line, index) => {
		if (/^\s*#/.test(line) && !file.endsWith('.mdx')) return
		const match = editorialNote.exec(line)
		if (match)
			errors.push({
				file,
				line: index + 1,
				message: `editorial note "${match[0]}" in learner text: say what the clerk must do, or move it to a YAML comment`,
			})
	})
	return errors
}
