// What a publish must pass before it becomes a revision: the same schema, registry references,
// lesson rules and compile as `content:check`, reported in Chinese naming the rule and the field
// (the content:check wording follows in brackets, so an author can look the rule up).
import { type z } from 'zod'
import { loadCoreServices } from './check.server.ts'
import { compileMdx, renderLesson } from './compile.server.tsx'
import { formatZodPath } from './lesson-file.ts'
import { bodyFacts, checkLessonBody, findEditorialNotes } from './lesson-rules.ts'
import { checkReferences, type Registries } from './load.server.ts'
import { fieldLabel } from './revision.ts'
import { frontmatterSchema, type Frontmatter } from './schema.ts'

export type PublishProblem = {
	/** The field (frontmatter key, or "body" for the lesson text). */
	field: string
	/** The rule, in Chinese. */
	rule: string
	/** One Chinese sentence naming the field and the rule. */
	message: string
}

function ruleOfIssue(issue: z.core.$ZodIssue): string {
	switch (issue.code) {
		case 'too_small':
			return issue.origin === 'array' ? '至少一项' : issue.origin === 'string' ? '不能为空' : '取值过小'
		case 'too_big':
			return '取值过大'
		case 'invalid_type':
			return '类型不符'
		case 'invalid_value':
			return '取值须在允许范围内'
		case 'invalid_format':
			return '格式不符'
		case 'unrecognized_keys':
			return '不允许的字段'
		case 'custom':
			return customRule(issue.message)
		default:
			return '格式校验'
	}
}

function customRule(message: string): string {
	if (message.includes('承诺 service needs promiseDays')) return '承诺件须有承诺时限'
	if (message.includes('即办 service has no promiseDays')) return '即办件不设承诺时限'
	if (message.includes('listed twice')) return '材料不得重复'
	return '内容规则'
}

function fieldOfPath(path: ReadonlyArray<PropertyKey>): string {
	return String(path[0] ?? '-')
}

/** Check an edited service as content:check would; an empty list means it may be published. */
export async function checkPublishCandidate(input: {
	code: string
	frontmatter: unknown
	body: string
	registries: Registries
	/** Other services' data, for lessons that compare with them. */
	services: ReadonlyMap<string, Frontmatter>
	contentRoot: string
}): Promise<{ ok: true; frontmatter: Frontmatter; html: string } | { ok: false; problems: Array<PublishProblem> }> {
	const problems: Array<PublishProblem> = []
	const parsed = frontmatterSchema.safeParse(input.frontmatter)
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			const field = fieldOfPath(issue.path)
			const rule = ruleOfIssue(issue)
			const where = issue.path.length > 1 ? `（${formatZodPath(issue.path.slice(1))}）` : ''
			problems.push({
				field,
				rule,
				message: `${fieldLabel(field)}${where}：不符合规则「${rule}」（content:check：${formatZodPath(issue.path)}: ${issue.message}）`,
			})
		}
		return { ok: false, problems }
	}
	const frontmatter = parsed.data
	if (frontmatter.code !== input.code) {
		problems.push({
			field: 'code',
			rule: '事项编码不可更改',
			message: `${fieldLabel('code')}：不符合规则「事项编码不可更改」（应为 ${input.code}）`,
		})
	}
	for (const problem of checkReferences(frontmatter, input.registries)) {
		const rule = problem.field === 'backOffice' ? '须为 units.yml 登记的后台单位' : '须为 categories.yml 登记的分类'
		problems.push({
			field: problem.field,
			rule,
			message: `${fieldLabel(problem.field)}：不符合规则「${rule}」（content:check：${problem.message}）`,
		})
	}
	const body = input.body.startsWith('\n') ? input.body : `\n${input.body}`
	const file = `services/${input.code}/lesson.mdx`
	const core = await loadCoreServices(input.contentRoot)
	const bodyErrors = [
		...checkLessonBody({
			file,
			confidence: frontmatter.confidence,
			facts: bodyFacts(body, 1),
			isCore: core.codes.has(input.code) || core.categories.has(frontmatter.category),
		}),
		...findEditorialNotes(file, body),
	]
	for (const error of bodyErrors) {
		problems.push({
			field: 'body',
			rule: '课程正文规则',
			message: `课程正文第 ${error.line} 行：不符合规则「课程正文规则」（content:check：${error.message}）`,
		})
	}
	if (problems.length > 0) return { ok: false, problems }
	const compiled = await compileMdx(body, file, 1)
	if ('errors' in compiled) {
		return {
			ok: false,
			problems: compiled.errors.map((error) => ({
				field: 'body',
				rule: 'MDX 须能编译',
				message: `课程正文第 ${error.line} 行：不符合规则「MDX 须能编译」（content:check：${error.message}）`,
			})),
		}
	}
	const services = new Map(input.services)
	services.set(input.code, frontmatter)
	const rendered = await renderLesson(compiled.code, { frontmatter, file, body, bodyStartLine: 1 }, services, input.registries.units)
	if ('errors' in rendered) {
		return {
			ok: false,
			problems: rendered.errors.map((error) => ({
				field: 'body',
				rule: '课程组件须能渲染',
				message: `课程正文第 ${error.line} 行：不符合规则「课程组件须能渲染」（content:check：${error.message}）`,
			})),
		}
	}
	return { ok: true, frontmatter, html: rendered.html }
}
