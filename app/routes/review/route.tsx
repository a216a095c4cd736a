import {
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { ItemFields } from '#app/components/quiz/item-fields.tsx'
import { ItemResult } from '#app/components/quiz/item-result.tsx'
import { Notice } from '#app/components/ui/form.tsx'
import { formatDate } from '#app/utils/format.ts'
import { useLanguage, useT } from '#app/utils/use-root-data.ts'
import { handleReviewForm, loadReviewPage } from './queries.server.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'title.review')

export async function loader({ request }: LoaderFunctionArgs) {
	return loadReviewPage(request)
}

export async function action({ request }: ActionFunctionArgs) {
	return handleReviewForm(request)
}

export default function DailyReview() {
	const t = useT()
	const language = useLanguage()
	const { plan, notice, current, feedback } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const submitting = useNavigation().state === 'submitting'
	return (
		<div className="page reading">
			<h1>{t('review.title')}</h1>
			<p className="muted">{t('review.intro')}</p>
			<p role="status">
				{t('review.progress', {
					done: plan.doneToday,
					correct: plan.correctToday,
					remaining: plan.remainingToday,
				})}
			</p>
			{notice ? <Notice tone="warn">{t(`review.notice.${notice}`)}</Notice> : null}

			{feedback ? (
				<section aria-labelledby="feedback-title">
					<h2 id="feedback-title">
						<Link to={`/services/${feedback.service.code}`}>{feedback.service.name}</Link>
					</h2>
					<ol className="result-list">
						<ItemResult item={feedback.review} />
					</ol>
					<p>
						{t('review.nextDue', {
							date: formatDate(feedback.due, language),
							days: feedback.scheduledDays,
						})}
					</p>
					{plan.remainingToday > 0 ? (
						<p>
							<Link to="/review" className="button">
								{t('review.continue')}
							</Link>
						</p>
					) : (
						<Notice tone="ok">{t('review.allDone')}</Notice>
					)}
				</section>
			) : current ? (
				<Form
					method="post"
					key={`${current.service.code}-${current.reps}`}
					className="attempt-item"
				>
					<h2>
						{current.service.name}{' '}
						<span className="muted" style={{ fontSize: '0.9rem', fontWeight: 'normal' }}>
							{current.service.category}
						</span>{' '}
						{current.isNew ? <span className="badge badge-info">{t('review.new')}</span> : null}
					</h2>
					<input type="hidden" name="serviceCode" value={current.service.code} />
					<input type="hidden" name="reps" value={current.reps} />
					<input type="hidden" name="itemId" value={current.item.id} />
					<ItemFields item={current.item} answer={null} />
					{actionData?.error ? <Notice tone="bad">{t(actionData.error)}</Notice> : null}
					<p>
						<button type="submit" className="button" disabled={submitting}>
							{t('review.submit')}
						</button>
					</p>
				</Form>
			) : plan.eligible === 0 ? (
				<Notice>
					{t('review.nothing')} <Link to="/services">{t('review.toServices')}</Link>
				</Notice>
			) : (
				<Notice tone="ok">
					{t('review.allDone')}
					{plan.nextDueAt
						? ` ${t('review.nextSession', { date: formatDate(plan.nextDueAt, language) })}`
						: ''}
				</Notice>
			)}
		</div>
	)
}
