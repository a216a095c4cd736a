// The 零拒绝 register: counts, the cases this person may see, and recording a case.
import { z } from 'zod'
import { requireUser } from '#app/modules/auth/require.server.ts'
import {
	caseInputSchema,
	listCases,
	recordCase,
	registerCounts,
	type RegisterProblem,
} from '#app/modules/zero-refusal/register.server.ts'

const caseStatus = z.enum(['registered', 'work_order', 'closed']).catch('registered')

export async function loadRegister(request: Request) {
	const user = await requireUser(request)
	const [counts, rows] = await Promise.all([registerCounts(user), listCases(user)])
	const recorded = new URL(request.url).searchParams.get('recorded')
	return {
		counts,
		cases: rows.map((r) => ({
			id: r.id,
			question: r.question,
			status: caseStatus.parse(r.status),
			createdAt: r.createdAt,
		})),
		recorded: recorded && /^\d{1,12}$/.test(recorded) ? recorded : null,
	}
}

const formSchema = z.object({
	question: z.string().max(1000).default(''),
	services: z.string().max(200).default(''),
	lacking: z.string().max(1000).default(''),
	closedOnSpot: z.literal('yes').optional(),
})

export async function recordFromForm(
	request: Request,
): Promise<
	| { ok: true; id: number }
	| { ok: false; problems: Array<RegisterProblem>; values: z.infer<typeof formSchema> }
> {
	const user = await requireUser(request)
	const form = formSchema.safeParse(Object.fromEntries(await request.formData()))
	if (!form.success) throw new Response('Bad request', { status: 400 })
	const values = form.data
	const input = caseInputSchema.safeParse({
		question: values.question,
		services: values.services
			.toUpperCase()
			.split(/[\s,，、;；]+/)
			.filter((s) => s !== ''),
		lacking: values.lacking,
		closedOnSpot: values.closedOnSpot === 'yes',
	})
	if (!input.success) {
		const labels: Record<string, string> = {
			question: '群众诉求',
			services: '涉及事项',
			lacking: '缺少的材料或条件',
		}
		return {
			ok: false,
			values,
			problems: input.error.issues.map((issue) => {
				const field = String(issue.path[0] ?? '')
				return {
					field,
					message: `${labels[field] ?? field}：${field === 'services' ? '请填写事项编码，如 XY-YL-017' : '内容太短或太长'}`,
				}
			}),
		}
	}
	const result = await recordCase(user, input.data)
	return result.ok ? result : { ...result, values }
}
