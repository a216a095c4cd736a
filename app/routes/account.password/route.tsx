import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
	data,
	redirect,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { FormErrors, Notice, TextField } from '#app/components/ui/form.tsx'
import { verifyPassword } from '#app/modules/auth/password.server.ts'
import { requireUserSession } from '#app/modules/auth/require.server.ts'
import { createSession, invalidateUserSessions } from '#app/modules/auth/session.server.ts'
import { changeOwnPassword, findUser } from '#app/modules/people/people.server.ts'
import { homeFor } from '#app/routes/login/login.server.ts'
import { useT } from '#app/utils/use-root-data.ts'
import { passwordSchema } from './password-schema.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'title.password')

export async function loader({ request }: LoaderFunctionArgs) {
	const { user } = await requireUserSession(request)
	return { mustChange: user.mustChangePassword }
}

export async function action({ request }: ActionFunctionArgs) {
	const { user } = await requireUserSession(request)
	const formData = await request.formData()
	const submission = parseWithZod(formData, { schema: passwordSchema })
	const hide = { hideFields: ['current', 'password', 'confirm'] }
	if (submission.status !== 'success')
		return data({ result: submission.reply(hide) }, { status: 400 })
	const record = await findUser(user.id)
	if (
		!record?.passwordHash ||
		!(await verifyPassword(record.passwordHash, submission.value.current))
	) {
		return data(
			{
				result: submission.reply({ ...hide, fieldErrors: { current: ['password.wrongCurrent'] } }),
			},
			{ status: 400 },
		)
	}
	await changeOwnPassword(user.id, submission.value.password)
	// Every other session of this user ends; this browser gets a fresh one.
	await invalidateUserSessions(user.id)
	const { cookie } = await createSession(user.id, request)
	throw redirect(`${homeFor(user.role)}`, { headers: { 'Set-Cookie': cookie } })
}

export default function ChangePassword() {
	const t = useT()
	const { mustChange } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useForm({
		id: 'password',
		lastResult: actionData?.result,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: passwordSchema }),
		shouldRevalidate: 'onBlur',
	})
	return (
		<div className="page narrow">
			<h1>{t('password.title')}</h1>
			{mustChange ? <Notice tone="warn">{t('password.mustChange')}</Notice> : null}
			<Form method="post" className="form" {...getFormProps(form)}>
				<FormErrors id={form.errorId} errors={form.errors} />
				<TextField
					field={fields.current}
					label={t('password.current')}
					type="password"
					autoComplete="current-password"
				/>
				<TextField
					field={fields.password}
					label={t('password.new')}
					type="password"
					autoComplete="new-password"
					hint={t('password.tooShort')}
				/>
				<TextField
					field={fields.confirm}
					label={t('password.confirm')}
					type="password"
					autoComplete="new-password"
				/>
				<div>
					<button type="submit" className="button">
						{t('password.submit')}
					</button>
				</div>
			</Form>
		</div>
	)
}
