import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
	data,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { OneTimeSecret, UserRoleSiteFields } from '#app/components/people/user-fields.tsx'
import { FormErrors, Notice, TextField } from '#app/components/ui/form.tsx'
import { requireRole } from '#app/modules/auth/require.server.ts'
import { newUserSchema } from '#app/modules/people/forms.ts'
import {
	assignableRoles,
	createUser,
	inScope,
	listCohorts,
	listSites,
	managedSiteIds,
	usernameTaken,
} from '#app/modules/people/people.server.ts'
import { useT } from '#app/utils/use-root-data.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'title.personNew')

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireRole(request, ['trainer', 'admin'])
	const scope = await managedSiteIds(actor)
	const [sites, cohorts] = await Promise.all([listSites(scope), listCohorts()])
	return { roles: assignableRoles(actor), sites, cohorts }
}

export async function action({ request }: ActionFunctionArgs) {
	const actor = await requireRole(request, ['trainer', 'admin'])
	const scope = await managedSiteIds(actor)
	const submission = parseWithZod(await request.formData(), { schema: newUserSchema })
	if (submission.status !== 'success')
		return data({ result: submission.reply(), created: null }, { status: 400 })
	const input = submission.value
	const fieldErrors: Record<string, Array<string>> = {}
	if (!assignableRoles(actor).includes(input.role)) fieldErrors.role = ['form.invalid']
	if (!inScope(scope, input.siteId)) fieldErrors.siteId = ['form.invalid']
	if (input.cohortId !== null && !(await listCohorts()).some((c) => c.id === input.cohortId))
		fieldErrors.cohortId = ['form.invalid']
	if (await usernameTaken(input.username)) fieldErrors.username = ['people.usernameTaken']
	if (Object.keys(fieldErrors).length > 0)
		return data({ result: submission.reply({ fieldErrors }), created: null }, { status: 400 })
	const { id, password } = await createUser(
		{
			username: input.username,
			displayName: input.displayName,
			role: input.role,
			siteId: input.siteId,
			cohortId: input.cohortId,
		},
		actor,
	)
	return data(
		{
			result: submission.reply({ resetForm: true }),
			created: { id, name: input.displayName, password },
		},
		{ status: 201 },
	)
}

export default function NewPerson() {
	const t = useT()
	const { roles, sites, cohorts } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useForm({
		id: 'new-person',
		lastResult: actionData?.result,
		defaultValue: { role: 'clerk', siteId: String(sites[0]?.id ?? '') },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: newUserSchema }),
		shouldRevalidate: 'onBlur',
	})
	return (
		<div className="page narrow">
			<h1>{t('people.new')}</h1>
			{actionData?.created ? (
				<Notice tone="ok">
					<p>{t('people.created', { name: actionData.created.name })}</p>
					<OneTimeSecret label={t('people.initialPassword')} value={actionData.created.password} />
					<p>
						<Link to={`/people/${actionData.created.id}`}>{t('people.detail')}</Link>
					</p>
				</Notice>
			) : null}
			<Form method="post" className="form" {...getFormProps(form)}>
				<FormErrors id={form.errorId} errors={form.errors} />
				<TextField
					field={fields.username}
					label={t('people.username')}
					hint={t('people.usernameFormat')}
					autoComplete="off"
				/>
				<TextField field={fields.displayName} label={t('people.displayName')} autoComplete="off" />
				<UserRoleSiteFields
					fields={fields}
					roles={roles}
					sites={sites}
					cohorts={cohorts}
					disableRole={roles.length === 1}
				/>
				<div className="page-actions">
					<button type="submit" className="button">
						{t('form.save')}
					</button>
					<Link to="/people">{t('form.cancel')}</Link>
				</div>
			</Form>
		</div>
	)
}
