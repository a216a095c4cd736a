// 每日复习 page: the next due service's item (no key), its feedback after answering, and the
// day's progress. Works as plain GET/POST forms; the answer key never leaves the server first.
import { data, redirect } from '@remix-run/node'
import { requireUser } from '#app/modules/auth/require.server.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { serviceCodePattern } from '#app/modules/content/schema.ts'
import {
	answerReview,
	ownReview,
	reviewItem,
	reviewPlan,
	ReviewError,
} from '#app/modules/review/review.server.ts'
import { bankAnswer, disguiseItem, reviewKey } from '#app/modules/quizzes/disguise.server.ts'
import { answerFromForm, itemReview, itemView } from '#app/modules/quizzes/views.server.ts'

const notices = ['stale', 'not-due', 'not-eligible', 'daily-limit'] as const
export type ReviewNotice = (typeof notices)[number]

function serviceInfo(code: string) {
	const service = getCatalog().services.get(code)
	return {
		code,
		name: service?.frontmatter.name ?? code,
		category: service?.frontmatter.category ?? '',
	}
}

export async function loadReviewPage(request: Request) {
	const user = await requireUser(request)
	const url = new URL(request.url)
	const plan = await reviewPlan(user)
	const noticeParam = url.searchParams.get('notice')
	const notice = notices.find((n) => n === noticeParam) ?? null
	const doneParam = url.searchParams.get('done')
	if (doneParam !== null) {
		if (!/^\d{1,15}$/.test(doneParam)) throw new Response('Not found', { status: 404 })
		const done = await ownReview(user.id, Number(doneParam))
		if (!done) throw new Response('Not found', { status: 404 })
		return {
			plan,
			notice,
			current: null,
			feedback: {
				service: serviceInfo(done.row.serviceCode),
				review: itemReview(done.item, done.answer),
				due: done.row.due,
				scheduledDays: done.row.scheduledDays,
			},
		}
	}
	const next = plan.next
	const bankItem = next ? reviewItem(user.id, next.serviceCode, next.reps) : null
	// The page sees opaque ids, keyed per person and review: its source answers nothing.
	const item =
		next && bankItem
			? disguiseItem(bankItem, await reviewKey(user.id, next.serviceCode, next.reps))
			: null
	return {
		plan,
		notice,
		feedback: null,
		current:
			next && item
				? {
						service: serviceInfo(next.serviceCode),
						reps: next.reps,
						isNew: next.isNew,
						item: itemView(item),
					}
				: null,
	}
}

export async function handleReviewForm(request: Request) {
	const user = await requireUser(request)
	const form = await request.formData()
	const serviceCode = String(form.get('serviceCode') ?? '')
	const repsText = String(form.get('reps') ?? '')
	const itemId = String(form.get('itemId') ?? '')
	if (!serviceCodePattern.test(serviceCode) || !/^\d{1,6}$/.test(repsText))
		throw new Response('Malformed review form', { status: 400 })
	const reps = Number(repsText)
	const item = reviewItem(user.id, serviceCode, reps)
	const shown = item ? disguiseItem(item, await reviewKey(user.id, serviceCode, reps)) : null
	if (!item || !shown || shown.ref !== itemId) throw redirect('/review?notice=stale')
	const parsed = answerFromForm(shown, form)
	if ('problem' in parsed)
		return data(
			{
				error:
					parsed.problem === 'repeated-step'
						? ('review.repeatedStep' as const)
						: ('review.chooseAnswer' as const),
			},
			{ status: 400 },
		)
	if (parsed.answer === null)
		return data({ error: 'review.chooseAnswer' as const }, { status: 400 })
	const answer = bankAnswer(shown, parsed.answer)
	if (!answer) throw redirect('/review?notice=stale')
	try {
		const id = await answerReview({ user, serviceCode, reps, itemId: item.id, answer })
		throw redirect(`/review?done=${id}`)
	} catch (error) {
		if (error instanceof ReviewError) throw redirect(`/review?notice=${error.code}`)
		throw error
	}
}
