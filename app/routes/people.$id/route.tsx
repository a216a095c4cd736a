import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
	data,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { OneTimeSecret, UserRoleSiteFields } from '#app/components/people/user-fields.tsx'
import { FormErrors, Notice, TextField } from '#app/components/ui/form.tsx'
import { Breadcrumbs } from '#app/components/ui/breadcrumbs.tsx'
import { useT } from '#app/utils/use-root-data.ts'
import { loadPersonForEdit, savePerson } from './queries.server.ts'
import { userFieldsSchema } from '#app/modules/people/forms.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'title.person')

export async function loader({ request, params }: LoaderFunctionArgs) {
	return loadPersonForEdit(request, params.id)
}

export async function action({ request, params }: ActionFunctionArgs) {
	const outcome = await savePerson(request, params.id)
	return data(outcome.body, { status: outcome.status })
}

export default function Person() {
	const t = useT()
	const { person, roles, sites, cohorts, isSelf, canManageSites, allSites, canGrantEditor } =
		useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useForm({
		id: `person-${person.id}`,
		lastResult: actionData?.intent === 'save' ? actionData.result : undefined,
		defaultValue: {
			displayName: person.displayName,
			role: person.role,
			siteId: String(person.siteId),
			cohortId: person.cohortId === null ? '' : String(person.cohortId),
		},
		onValidate: ({ formData }) => parseWithZod(formData, { schema: userFieldsSchema }),
		shouldRevalidate: 'onBlur',
	})
	return (
		<div className="page narrow">
			<Breadcrumbs
				trail={[{ to: '/people', label: t('people.title') }]}
				current={person.username}
			/>
			<h1>
				{person.displayName}（{person.username}）
			</h1>
			<p>
				<span className={person.active ? 'badge badge-ok' : 'badge'}>
					{person.active ? t('people.active') : t('people.inactive')}
				</span>
			</p>
			{actionData?.message ? <Notice tone="ok">{t(actionData.message)}</Notice> : null}
			{actionData?.password ? (
				<Notice tone="ok">
					<p>{t('people.passwordReset', { name: person.displayName })}</p>
					<OneTimeSecret label={t('people.initialPassword')} value={actionData.password} />
				</Notice>
			) : null}
			<Form method="post" className="form" {...getFormProps(form)}>
				<FormErrors id={form.errorId} errors={form.errors} />
				<TextField field={fields.displayName} label={t('people.displayName')} autoComplete="off" />
				<UserRoleSiteFields
					fields={fields}
					roles={roles}
					sites={sites}
					cohorts={cohorts}
					disableRole={isSelf || roles.length === 1}
				/>
				{canManageSites && person.role === 'trainer' ? (
					<fieldset>
						<legend>{t('people.managedSites')}</legend>
						{allSites
							.filter((s) => s.id !== person.siteId)
							.map((s) => (
								<label key={s.id} className="checkbox">
									<input
										type="checkbox"
										name="managedSiteIds"
										value={s.id}
										defaultChecked={person.managedSiteIds.includes(s.id)}
									/>
									{s.name}
								</label>
							))}
					</fieldset>
				) : null}
				<div className="page-actions">
					<button type="submit" name="intent" value="save" className="button">
						{t('form.save')}
					</button>
				</div>
			</Form>
			{canGrantEditor ? (
				<Form method="post" className="page-actions">
					<input type="hidden" name="granted" value={person.manualEditor ? 'no' : 'yes'} />
					<p>{person.manualEditor ? t('people.editorRightOn') : t('people.editorRightOff')}</p>
					<button type="submit" name="intent" value="editor-right" className="button secondary">
						{person.manualEditor ? t('people.editorRevoke') : t('people.editorGrant')}
					</button>
				</Form>
			) : null}
			{isSelf ? (
				<p className="muted">{t('people.cannotEditSelfRole')}</p>
			) : (
				<div className="page-actions">
					<Form method="post">
						<button type="submit" name="intent" value="reset-password" className="button secondary">
							{t('people.resetPassword')}
						</button>
					</Form>
					<Form method="post">
						<button
							type="submit"
							name="intent"
							value={person.active ? 'deactivate' : 'reactivate'}
							className={person.active ? 'button danger' : 'button secondary'}
						>
							{person.active ? t('people.deactivate') : t('people.reactivate')}
						</button>
					</Form>
				</div>
			)}
		</div>
	)
}
