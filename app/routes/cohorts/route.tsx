import {
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Notice } from '#app/components/ui/form.tsx'
import { translateLoose } from '#app/utils/i18n/index.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { useT } from '#app/utils/use-root-data.ts'
import { loadCohortGoals, saveCohortGoal } from './queries.server.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'goals.title')

export async function loader({ request }: LoaderFunctionArgs) {
	return loadCohortGoals(request)
}

export async function action({ request }: ActionFunctionArgs) {
	return saveCohortGoal(request)
}

export default function CohortGoals() {
	const t = useT()
	const { cohorts } = useLoaderData<typeof loader>()
	const outcome = useActionData<typeof action>()
	return (
		<div className="page">
			<h1>{t('goals.title')}</h1>
			<p className="muted">{t('goals.help')}</p>
			{outcome?.ok ? <Notice tone="ok">{t('goals.saved')}</Notice> : null}
			{cohorts.length === 0 ? <p>{t('goals.none')}</p> : null}
			{cohorts.map((c) => {
				const id = `goal-${c.id}`
				const error =
					outcome && !outcome.ok && outcome.cohortId === String(c.id) ? outcome.error : null
				return (
					<section key={c.id} className="card" aria-labelledby={`${id}-title`}>
						<h2 id={`${id}-title`}>{c.cohort}</h2>
						<Form
							method="post"
							className="filters"
							aria-describedby={error ? `${id}-error` : undefined}
						>
							<input type="hidden" name="cohortId" value={c.id} />
							<div className="field">
								<label htmlFor={`${id}-name`}>{t('goals.name')}</label>
								<input
									id={`${id}-name`}
									name="name"
									defaultValue={c.name ?? c.cohort}
									maxLength={60}
									required
								/>
							</div>
							<div className="field">
								<label htmlFor={`${id}-core`}>{t('goals.coreBy')}</label>
								<input
									id={`${id}-core`}
									name="coreBy"
									type="date"
									defaultValue={c.coreBy ?? ''}
									required
								/>
							</div>
							<div className="field">
								<label htmlFor={`${id}-all`}>{t('goals.allBy')}</label>
								<input
									id={`${id}-all`}
									name="allBy"
									type="date"
									defaultValue={c.allBy ?? ''}
									required
								/>
							</div>
							<div>
								<button type="submit" className="button">
									{t('goals.save')}
								</button>
							</div>
							{error ? (
								<p id={`${id}-error`} className="field-error" role="alert">
									{translateLoose(t, error)}
								</p>
							) : null}
						</Form>
					</section>
				)
			})}
		</div>
	)
}
