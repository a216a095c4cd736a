// One 零拒绝 case: what was recorded, the work order, and the 处理标准 that resolved it.
import { z } from 'zod'
import { requireUser } from '#app/modules/auth/require.server.ts'
import {
	findCase,
	publishStandard,
	triageCase,
	triages,
} from '#app/modules/zero-refusal/register.server.ts'

const idSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)

function parseId(id: string | undefined): number {
	const parsed = idSchema.safeParse(id)
	if (!parsed.success) throw new Response('Not found', { status: 404 })
	return parsed.data
}

/** A scenario to start from: the case's own words, in the schema of content/cases. */
function scenarioTemplate(question: string, lacking: string, services: Array<string>): string {
	const quote = (text: string) => JSON.stringify(text)
	return `title: ${quote(question.slice(0, 40))}
services: [${services.join(', ')}]
units: [政务服务科]
citizen: 一位前来办理的群众（请写年龄、经历等，不写真实姓名和证件号）
story: ${quote(`${question} 缺少：${lacking}`)}
documents:
  - 居民身份证（原件）
decisions:
  - id: first
    section: intake
    prompt: 群众缺少${lacking.slice(0, 30)}，你首先怎么做？
    options:
      - id: a
        action: refuse
        text: 告知材料不全，不予受理
        feedback: 错误。零拒绝：先登记、出回执，按处理标准办理。
        next: sent-away
      - id: b
        action: escalate
        correct: true
        text: 按零拒绝处理标准受理
        feedback: 正确。按处理标准办理。
  - id: materials
    section: materials
    prompt: 按处理标准，受理时请群众提供哪些材料？
    options:
      - id: a
        action: request
        correct: true
        text: （按处理标准填写可代替的材料）
        feedback: 正确。
      - id: b
        action: request
        text: 要求群众补齐原缺少的材料
        feedback: 错误。处理标准已明确可代替的材料。
  - id: next-steps
    section: steps
    prompt: 受理后如何告知群众？
    options:
      - id: a
        action: inform
        correct: true
        text: 告知办理时限和后续环节
        feedback: 正确。
      - id: b
        action: inform
        text: 请群众回去等通知
        feedback: 错误。要告知时限和联系人。
  - id: sent-away
    branch: true
    section: lookalikes
    prompt: 群众再次来到窗口，问题仍未解决。现在怎么办？
    options:
      - id: a
        action: escalate
        correct: true
        text: 登记零拒绝诉求，按处理标准办理
        feedback: 正确。
      - id: b
        action: inform
        text: 请群众回去等通知
        feedback: 错误。
outcome: 群众的诉求按处理标准得到办理。
`
}

export async function loadCase(request: Request, id: string | undefined) {
	const user = await requireUser(request)
	const found = await findCase(user, parseId(id))
	if (!found) throw new Response('Not found', { status: 404 })
	return {
		item: {
			id: found.id,
			question: found.question,
			lacking: found.lacking,
			services: found.services,
			status: z
				.enum(['registered', 'work_order', 'closed'])
				.catch('registered')
				.parse(found.status),
			closedOnSpot: found.closedOnSpot,
			triageNote: found.triageNote,
			createdAt: found.createdAt,
		},
		standard: found.standard
			? {
					title: found.standard.title,
					text: found.standard.standard,
					publishedAt: found.standard.publishedAt,
				}
			: null,
		canTriage: triages(user),
		template: scenarioTemplate(found.question, found.lacking, found.services),
	}
}

const actionSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('triage'), note: z.string().trim().max(1000).default('') }),
	z.object({
		intent: z.literal('standard'),
		title: z.string().max(200).default(''),
		standard: z.string().max(5000).default(''),
		scenario: z.string().max(50_000).default(''),
	}),
])

export async function caseAction(request: Request, id: string | undefined) {
	const user = await requireUser(request)
	const caseId = parseId(id)
	if (!triages(user)) throw new Response('Forbidden', { status: 403 })
	const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()))
	if (!parsed.success) throw new Response('Bad request', { status: 400 })
	const input = parsed.data
	if (input.intent === 'triage') {
		if (!(await triageCase(user, caseId, input.note)))
			throw new Response('Conflict', { status: 409 })
		return { ok: true as const, problems: [], values: null }
	}
	const result = await publishStandard(user, caseId, {
		title: input.title,
		standard: input.standard,
		scenarioYaml: input.scenario,
	})
	return result.ok
		? { ok: true as const, problems: [], values: null }
		: { ok: false as const, problems: result.problems, values: input }
}
