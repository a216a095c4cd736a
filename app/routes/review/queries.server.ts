// 每日复习 page: the next due service's item (no key), its feedback after answering, and the
// day's progress. Works as plain GET/POST forms; the answer key never leaves the server first.
import { data, redirect } from '@remix-run/node'
import { requireUser } from '#app/modules/auth/require.server.ts'
import { getCatalog } from '#app/modules/content/catalog.server.ts'
import { serviceCodePattern } from '#app/modules/content/schema.ts'
import {
	answerReview,
	ownReview,
	reviewItem,
	reviewPlan,
	ReviewError,
} from '#app/modules/review/review.server.ts'
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
	const item = next ? reviewItem(user.id, next.serviceCode, next.reps) : null
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
	if (!item || item.id !== itemId) throw redirect('/review?notice=stale')
	const answer = answerFromForm(item, form)
	if (answer === 'invalid') throw new Response('Malformed answer', { status: 400 })
	if (answer === null) return data({ error: 'review.chooseAnswer' as const }, { status: 400 })
	try {
		const id = await answerReview({ user, serviceCode, reps, itemId, answer })
		throw redirect(`/review?done=${id}`)
	} catch (error) {
		if (error instanceof ReviewError) throw redirect(`/review?notice=${error.code}`)
		throw error
	}
}
