import {
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useCallback, useEffect, useRef, useState } from 'react'
import { formatTime } from '#app/utils/format.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { useLanguage, useT } from '#app/utils/use-root-data.ts'
import { handleAttemptForm, loadAttemptPage } from './queries.server.ts'
import { ItemFields } from '#app/components/quiz/item-fields.tsx'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
	data && !data.otherSession
		? pageTitle(matches, { text: data.attempt.title })
		: pageTitle(matches, 'attempt.otherSession.title')

export async function loader({ request, params }: LoaderFunctionArgs) {
	return loadAttemptPage(request, params.id ?? '')
}

export async function action({ request, params }: ActionFunctionArgs) {
	return handleAttemptForm(request, params.id ?? '')
}

type SaveState = 'idle' | 'saving' | 'saved' | 'partial' | 'retrying' | 'failed' | 'repeated'

/** With JavaScript: save on every change, retrying with backoff until the server confirms. */
function useAutosave(attemptId: string) {
	const [state, setState] = useState<SaveState>('idle')
	const latest = useRef(0)
	const save = useCallback(
		async (form: HTMLFormElement) => {
			const ticket = ++latest.current
			const body = new FormData(form)
			body.set('intent', 'save')
			setState('saving')
			for (let attempt = 0; attempt < 8; attempt++) {
				try {
					const response = await fetch(`/attempts/${attemptId}/answers`, {
						method: 'POST',
						body,
						credentials: 'same-origin',
					})
					if (ticket !== latest.current) return
					if (response.ok) {
						const body: unknown = await response.json().catch(() => null)
						const partial =
							typeof body === 'object' && body !== null && 'partial' in body && body.partial
						setState(partial ? 'partial' : 'saved')
						return
					}
					if (response.status === 422) {
						// The learner's slip (a step chosen twice): say so; nothing was saved.
						setState('repeated')
						return
					}
					if (response.status === 409 || response.status === 404) {
						// Submitted elsewhere or out of time: the server decides; show it.
						window.location.reload()
						return
					}
					if (response.status < 500) {
						setState('failed')
						return
					}
				} catch {
					// Network down: retry below.
				}
				if (ticket !== latest.current) return
				setState('retrying')
				await new Promise((resolve) => setTimeout(resolve, Math.min(8000, 500 * 2 ** attempt)))
			}
			if (ticket === latest.current) setState('failed')
		},
		[attemptId],
	)
	return { state, save }
}

function ExamClock({ deadlineAt, serverNow }: { deadlineAt: string; serverNow: string }) {
	const t = useT()
	const language = useLanguage()
	const offset = useRef(new Date(serverNow).getTime() - Date.now())
	const [remaining, setRemaining] = useState<number | null>(null)
	useEffect(() => {
		const tick = () => {
			const left = new Date(deadlineAt).getTime() - (Date.now() + offset.current)
			setRemaining(left)
			// Time is up on the server's clock: reload, and the server submits what was saved.
			if (left <= 0) window.location.reload()
		}
		tick()
		const timer = setInterval(tick, 1000)
		return () => clearInterval(timer)
	}, [deadlineAt])
	const minutes = remaining === null ? null : Math.max(0, Math.floor(remaining / 60000))
	const seconds = remaining === null ? null : Math.max(0, Math.floor((remaining % 60000) / 1000))
	return (
		<p
			className={`notice ${remaining !== null && remaining < 5 * 60000 ? 'warn' : ''}`}
			style={{ margin: '0.5rem 0' }}
		>
			{t('attempt.deadline', { time: formatTime(deadlineAt, language) })}
			{minutes !== null && seconds !== null ? (
				<strong role="timer" aria-live="off" style={{ marginLeft: '0.75rem' }}>
					{t('attempt.remaining', { m: minutes, s: String(seconds).padStart(2, '0') })}
				</strong>
			) : null}
		</p>
	)
}

/** 切屏: each time the exam page is hidden, tell the server (it is shown to the trainer). */
function useFocusLossReporting(attemptId: string, enabled: boolean) {
	useEffect(() => {
		if (!enabled) return
		// A reload or a closed tab also hides the page: that is leaving, not switching away.
		let leaving = false
		const onLeave = () => {
			leaving = true
		}
		const onShow = (event: PageTransitionEvent) => {
			if (event.persisted) leaving = false
		}
		const onHide = () => {
			if (document.visibilityState !== 'hidden' || leaving) return
			const body = new FormData()
			body.set('intent', 'focus-loss')
			if (!navigator.sendBeacon?.(`/attempts/${attemptId}/answers`, body)) {
				void fetch(`/attempts/${attemptId}/answers`, {
					method: 'POST',
					body,
					keepalive: true,
					credentials: 'same-origin',
				})
			}
		}
		window.addEventListener('beforeunload', onLeave)
		window.addEventListener('pagehide', onLeave)
		window.addEventListener('pageshow', onShow)
		document.addEventListener('visibilitychange', onHide)
		return () => {
			window.removeEventListener('beforeunload', onLeave)
			window.removeEventListener('pagehide', onLeave)
			window.removeEventListener('pageshow', onShow)
			document.removeEventListener('visibilitychange', onHide)
		}
	}, [attemptId, enabled])
}

type PageData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { otherSession: false }>
type LoaderItem = NonNullable<PageData['item']>
type SavedAnswer = PageData['savedAnswer']

/**
 * One item's form. Keyed by the item, so its save state starts fresh on every item, and the
 * heading takes the focus when the item changes (a screen reader reads where the learner is).
 */
function ItemForm({
	attemptId,
	item,
	savedAnswer,
	index,
	total,
	unfinished,
	problem,
	flagged,
}: {
	attemptId: string
	item: LoaderItem
	savedAnswer: SavedAnswer
	index: number
	total: number
	unfinished: 'order' | 'scenario' | null
	problem: { code: string; missing: number } | null
	flagged: boolean
}) {
	const t = useT()
	const { state, save } = useAutosave(attemptId)
	const heading = useRef<HTMLHeadingElement>(null)
	useEffect(() => {
		heading.current?.focus()
	}, [item.id])
	const stateText: Record<SaveState, string> = {
		// This item's own state: saved earlier, partly, or not yet (never the previous item's).
		idle:
			unfinished === 'order'
				? t('attempt.orderPartial')
				: savedAnswer
					? t('attempt.saved')
					: t('attempt.notSavedYet'),
		saving: t('attempt.saving'),
		saved: t('attempt.saved'),
		partial: t('attempt.orderPartial'),
		retrying: t('attempt.retrying'),
		failed: t('attempt.failed'),
		repeated: t('attempt.problem.repeated-step'),
	}
	return (
		<Form
			method="post"
			className="attempt-item"
			// A scenario saves on "confirm this step" only: a decision is final once made.
			onChange={item.kind === 'scenario' ? undefined : (event) => void save(event.currentTarget)}
			aria-labelledby="item-heading"
		>
			<input type="hidden" name="itemId" value={item.id} />
			<h2 id="item-heading" tabIndex={-1} ref={heading}>
				{t('attempt.itemOf', { n: index + 1, total })}
				{item.critical ? (
					<span className="badge badge-warn" style={{ marginLeft: '0.5rem' }}>
						{t('attempt.critical')}
					</span>
				) : null}
				{flagged ? (
					<span className="badge" style={{ marginLeft: '0.5rem' }}>
						{t('attempt.flaggedBadge')}
					</span>
				) : null}
			</h2>
			{problem ? (
				<p className="notice warn" role="alert">
					{problem.code === 'order-incomplete'
						? t('attempt.problem.order-incomplete', { n: problem.missing })
						: t(`attempt.problem.${problem.code}` as 'attempt.problem.malformed')}
				</p>
			) : null}
			<ItemFields item={item} answer={savedAnswer} />
			<p className="save-state" role="status" aria-live="polite">
				{stateText[state]}
			</p>
			<div className="page-actions">
				<button
					type="submit"
					name="intent"
					value={flagged ? 'unflag' : 'flag'}
					className="button secondary"
					aria-pressed={flagged}
				>
					{t('attempt.flag')}
				</button>
				{index > 0 ? (
					<button type="submit" name="intent" value="save-prev" className="button secondary">
						{t('attempt.prev')}
					</button>
				) : null}
				<button
					type="submit"
					name="intent"
					value={index + 1 < total ? 'save-next' : 'save-review'}
					className="button"
				>
					{index + 1 < total ? t('attempt.next') : t('attempt.toReview')}
				</button>
			</div>
		</Form>
	)
}

/** A second sign-in opened a running exam: say what happened and what to do. */
function OtherSession({ attemptId }: { attemptId: string }) {
	const t = useT()
	return (
		<div className="page reading">
			<h1>{t('attempt.otherSession.title')}</h1>
			<p>{t('attempt.otherSession.what')}</p>
			<p className="notice warn">{t('attempt.otherSession.todo')}</p>
			<p>
				<Link to={`/attempts/${attemptId}`} className="button" reloadDocument>
					{t('attempt.otherSession.retry')}
				</Link>
			</p>
		</div>
	)
}

export default function AttemptPage() {
	const loaded = useLoaderData<typeof loader>()
	if (loaded.otherSession) return <OtherSession attemptId={loaded.attemptId} />
	return <RunningAttempt data={loaded} />
}

function RunningAttempt({ data }: { data: PageData }) {
	const t = useT()
	const { attempt, review, index, item, savedAnswer, answered, unfinished, flagged } = data
	const actionData = useActionData<typeof action>()
	useFocusLossReporting(attempt.id, attempt.kind === 'exam')
	const flaggedCount = flagged.filter(Boolean).length
	const answeredCount = answered.filter(Boolean).length
	const missingSteps =
		item?.kind === 'order'
			? item.options.length -
				(savedAnswer?.kind === 'order' ? savedAnswer.sequence.filter((s) => s !== '').length : 0)
			: 0
	const problem =
		actionData && 'problem' in actionData
			? { code: actionData.problem, missing: missingSteps }
			: null
	return (
		<div className="page reading">
			<h1>{attempt.title}</h1>
			<p className="muted">
				{attempt.kind === 'exam' ? t('attempt.examNotice') : t('attempt.quizNotice')}
				{' · '}
				{t('attempt.progress', { answered: answeredCount, total: attempt.total })}
			</p>
			{attempt.deadlineAt ? (
				<ExamClock deadlineAt={String(attempt.deadlineAt)} serverNow={String(attempt.serverNow)} />
			) : null}
			<nav aria-label={t('attempt.itemNav')} className="no-print">
				<ol className="item-nav">
					{answered.map((isAnswered, i) => (
						<li key={i}>
							<Link
								to={`?i=${i + 1}`}
								aria-current={!review && i === index ? 'step' : undefined}
								className={[isAnswered ? 'answered' : '', flagged[i] ? 'flagged' : '']
									.join(' ')
									.trim()}
								aria-label={t(
									flagged[i]
										? isAnswered
											? 'attempt.itemAnsweredFlagged'
											: 'attempt.itemFlagged'
										: isAnswered
											? 'attempt.itemAnswered'
											: 'attempt.itemOpen',
									{ n: i + 1 },
								)}
							>
								{i + 1}
								{flagged[i] ? <span aria-hidden="true">⚑</span> : null}
							</Link>
						</li>
					))}
					<li>
						<Link to="?i=review" aria-current={review ? 'step' : undefined}>
							{t('attempt.review')}
						</Link>
					</li>
				</ol>
			</nav>
			{review || !item ? (
				<section aria-labelledby="review-title">
					<h2 id="review-title">{t('attempt.reviewTitle')}</h2>
					<p>{t('attempt.reviewSummary', { answered: answeredCount, total: attempt.total })}</p>
					{answeredCount < attempt.total ? (
						<p className="notice warn">
							{t('attempt.unanswered', { n: attempt.total - answeredCount })}{' '}
							{answered.map((isAnswered, i) =>
								isAnswered ? null : (
									<Link key={i} to={`?i=${i + 1}`} style={{ marginRight: '0.5rem' }}>
										{t('attempt.itemNumber', { n: i + 1 })}
									</Link>
								),
							)}
						</p>
					) : null}
					{flaggedCount > 0 ? (
						<p className="notice">
							{t('attempt.reviewFlagged', { n: flaggedCount })}{' '}
							{flagged.map((isFlagged, i) =>
								isFlagged ? (
									<Link key={i} to={`?i=${i + 1}`} style={{ marginRight: '0.5rem' }}>
										{t('attempt.itemNumber', { n: i + 1 })}
									</Link>
								) : null,
							)}
						</p>
					) : null}
					<Form method="post">
						<button type="submit" name="intent" value="submit" className="button">
							{t('attempt.submit')}
						</button>
					</Form>
				</section>
			) : (
				<ItemForm
					key={item.id}
					attemptId={attempt.id}
					item={item}
					savedAnswer={savedAnswer}
					index={index}
					total={attempt.total}
					unfinished={unfinished}
					problem={problem}
					flagged={flagged[index] ?? false}
				/>
			)}
		</div>
	)
}
